import { unzipSync } from 'fflate';
import { evidenceArchive } from './evidencePackage';
import { sha256Manifest } from './sha256Manifest';

const file = (path: string, text: string) => ({
  path,
  content: Buffer.from(text, 'utf8'),
});

describe('sha256Manifest', () => {
  it('lists each file in path order, as sha256sum writes it', () => {
    const manifest = sha256Manifest([
      file('sample.csv', 'abc'),
      file('evidence/01-ci-1/trace.json', ''),
    ]);
    expect(manifest.path).toBe('SHA256SUMS');
    expect(Buffer.from(manifest.content).toString('utf8')).toBe(
      // sha256("") and sha256("abc"), the FIPS 180-2 test vectors.
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  evidence/01-ci-1/trace.json\n' +
        'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  sample.csv\n',
    );
  });

  it('refuses names sha256sum would escape, and a file named like the manifest', () => {
    for (const path of [
      'a b.json',
      'back\\slash',
      'line\nbreak',
      '/absolute',
      '../up',
      'a/./b',
      'a//b',
      'SHA256SUMS',
    ]) {
      expect(() => sha256Manifest([file(path, 'x')])).toThrow(
        `Not a path an evidence package may hold: ${path}`,
      );
    }
  });
});

describe('evidenceArchive', () => {
  it('holds each file once, the manifest included, and names its own digest', () => {
    const files = [file('a.json', '{}'), file('b.csv', 'x\r\n')];
    const { archive, sha256 } = evidenceArchive(
      [...files, sha256Manifest(files)],
      new Date('2026-12-01T09:00:00Z'),
    );
    expect(Object.keys(unzipSync(archive)).sort()).toEqual([
      'SHA256SUMS',
      'a.json',
      'b.csv',
    ]);
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(() => evidenceArchive([...files, files[0]], new Date())).toThrow(
      /a.json twice/,
    );
    expect(() => evidenceArchive(files, new Date())).toThrow(/manifest/);
  });
});
