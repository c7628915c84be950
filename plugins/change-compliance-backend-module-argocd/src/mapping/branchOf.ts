/**
 * The branch an application followed, from its `targetRevision`, when it names one: what
 * `process.no-bypass` checks for protection. `HEAD` (the default branch), a commit SHA and a tag
 * are no branch: for those the check looks at the branches holding the deployed commit instead.
 * Argo CD cannot tell a tag from a branch; what looks like a version (`v1.4.2`) is taken for a
 * tag, anything else for a branch, which at worst fails the check on an unprotected name.
 */
export function branchOf(
  targetRevision: string | undefined,
): string | undefined {
  const revision = targetRevision?.trim();
  if (!revision || revision === 'HEAD') return undefined;
  if (revision.startsWith('refs/tags/')) return undefined;
  if (revision.startsWith('refs/heads/')) {
    return revision.slice('refs/heads/'.length);
  }
  if (/^[0-9a-f]{7,40}$/i.test(revision)) return undefined;
  if (/^v?\d+(\.\d+)+([-+].*)?$/.test(revision)) return undefined;
  return revision;
}
