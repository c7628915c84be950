/**
 * Whether an Argo CD source's `repoURL` is the repository `owner/name`, whichever way it is
 * written: `https://host/owner/name(.git)`, `git@host:owner/name.git`, `ssh://git@host/owner/name`.
 */
export function isRepository(repoUrl: string, slug: string): boolean {
  const path = repoUrl
    .trim()
    .replace(/^[a-z+]+:\/\/[^/]+\//i, '')
    .replace(/^[^@/]+@[^:/]+:/, '')
    .replace(/\.git$/i, '')
    .replace(/\/+$/, '');
  return path.toLowerCase() === slug.toLowerCase();
}
