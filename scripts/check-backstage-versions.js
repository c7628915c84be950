#!/usr/bin/env node
/*
 * Fails when yarn.lock resolves any @backstage/* package to more than one version. Backstage
 * packages of different releases do not mix: a backend-defaults of an older release under newer
 * plugins crashes at start. Prints the packages and versions that clash.
 */
const fs = require('node:fs');
const path = require('node:path');

const lockfile = fs.readFileSync(
  path.resolve(__dirname, '..', 'yarn.lock'),
  'utf8',
);
const versions = new Map();
for (const entry of lockfile.split(/\n\n+/)) {
  const name = entry.match(/^"?(@backstage\/[^@"]+)@/)?.[1];
  const version = entry.match(/\n {2}version: (\S+)/)?.[1];
  if (name && version) {
    versions.set(name, (versions.get(name) ?? new Set()).add(version));
  }
}

const clashes = [...versions].filter(([, found]) => found.size > 1);
for (const [name, found] of clashes) {
  console.error(`${name}: ${[...found].join(', ')}`);
}
console.log(
  `${versions.size} @backstage packages, ${clashes.length} in more than one version`,
);
process.exit(clashes.length > 0 ? 1 : 0);
