import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { useMemo } from 'react';

/**
 * Builds links to pages of the GitHub host the service's `github.com/project-slug` names. The
 * backend reads the first `integrations.github` entry unless told otherwise, and the frontend
 * sees only `integrations` (their host and API URL are frontend-visible), so it follows the same
 * first entry: for GitHub Enterprise Server or the demo's simulator the links then point there,
 * with the API URL's scheme.
 */
export function useGitHubWebUrl(): (path: string) => string {
  const config = useApi(configApiRef);
  const base = useMemo(() => {
    const [first] = config.getOptionalConfigArray('integrations.github') ?? [];
    const host = first?.getOptionalString('host') ?? 'github.com';
    const apiBaseUrl = first?.getOptionalString('apiBaseUrl');
    let scheme = 'https:';
    if (apiBaseUrl) {
      try {
        scheme = new URL(apiBaseUrl).protocol;
      } catch {
        // A malformed API URL is the backend's to report; links fall back to https.
      }
    }
    return `${scheme}//${host}`;
  }, [config]);
  return path => `${base}/${path.replace(/^\/+/, '')}`;
}

/** Upstream pages of the evidence the trace shows. */
export const githubPaths = {
  pullRequest: (repository: string, number: number) =>
    `${repository}/pull/${number}`,
  commit: (repository: string, sha: string) => `${repository}/commit/${sha}`,
};
