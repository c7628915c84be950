import { createHash } from 'node:crypto';

/** A file of an evidence package: its path inside the archive and its bytes. */
export interface PackageFile {
  path: string;
  content: Uint8Array;
}

/** The manifest's own name; it lists every other file of the package. */
export const MANIFEST_NAME = 'SHA256SUMS';

/**
 * Paths the manifest can name as they are (`sha256sum` escapes backslashes and line breaks in
 * names, and such names would make the manifest harder to check by hand), relative and inside the
 * package: no `.` or `..` segment.
 */
const PLAIN_SEGMENT = /^(?!\.{1,2}$)[A-Za-z0-9._-]+$/;

const isPlainPath = (path: string) =>
  path.split('/').every(segment => PLAIN_SEGMENT.test(segment));

export function sha256Hex(content: Uint8Array | string): string {
  return createHash('sha256').update(content).digest('hex');
}

/**
 * The manifest of a package in the format `sha256sum` writes and `sha256sum -c` checks: one line
 * per file, `<hex digest><two spaces><path>`, in path order.
 */
export function sha256Manifest(files: PackageFile[]): PackageFile {
  const lines = [...files]
    .sort((a, b) => (a.path < b.path ? -1 : 1))
    .map(file => {
      if (!isPlainPath(file.path) || file.path === MANIFEST_NAME) {
        throw new Error(
          `Not a path an evidence package may hold: ${file.path}`,
        );
      }
      return `${sha256Hex(file.content)}  ${file.path}\n`;
    });
  return { path: MANIFEST_NAME, content: Buffer.from(lines.join(''), 'utf8') };
}
