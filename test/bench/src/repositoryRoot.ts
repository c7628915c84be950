import path from 'node:path';

/**
 * The repository's root. The benchmarks run from their TypeScript sources (sucrase) and are
 * never bundled, so the source file's own directory is reliable here.
 */
// eslint-disable-next-line no-restricted-syntax
export const repositoryRoot = path.resolve(__dirname, '../../..');
