import { minimatch } from 'minimatch';

/** Whether a repository path matches any of the globs (`docs/**`, `*.md` matches at any depth). */
export function matchesAnyGlob(path: string, globs: string[]): boolean {
  return globs.some(glob =>
    minimatch(path, glob, { dot: true, matchBase: !glob.includes('/') }),
  );
}
