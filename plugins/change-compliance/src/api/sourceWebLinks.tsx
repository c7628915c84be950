import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { createContext, ReactNode, useContext, useMemo } from 'react';
import { SourceControl } from '../compliance/serviceRepository';
import { githubPaths, useGitHubWebUrl } from './useGitHubWebUrl';

/** Links to the upstream pages of a trace's changes and commits. */
export interface SourceWebLinks {
  pullRequest(repository: string, number: number): string;
  commit(repository: string, sha: string): string;
}

/**
 * Whose pages the trace links to: the host of the service being shown. Evidence refs name a
 * repository and a number or SHA only (`pr:group/project#7` on GitLab as on GitHub), so the host
 * comes from the service's annotation, provided where the service is known.
 */
const SourceControlContext = createContext<SourceControl>('github');

export function SourceControlProvider(props: {
  sourceControl: SourceControl | undefined;
  children: ReactNode;
}) {
  return (
    <SourceControlContext.Provider value={props.sourceControl ?? 'github'}>
      {props.children}
    </SourceControlContext.Provider>
  );
}

/**
 * The GitLab host's web address: the first `integrations.gitlab` entry's `baseUrl`, else its
 * host over https (both are frontend-visible), as the backend reads the first entry unless told
 * otherwise.
 */
function useGitLabWebUrl(): string {
  const config = useApi(configApiRef);
  return useMemo(() => {
    const [first] = config.getOptionalConfigArray('integrations.gitlab') ?? [];
    const baseUrl = first?.getOptionalString('baseUrl');
    if (baseUrl) return baseUrl.replace(/\/+$/, '');
    return `https://${first?.getOptionalString('host') ?? 'gitlab.com'}`;
  }, [config]);
}

/** Links for the service in context: GitHub's pull and commit pages, or GitLab's. */
export function useSourceWebLinks(): SourceWebLinks {
  const sourceControl = useContext(SourceControlContext);
  const githubUrl = useGitHubWebUrl();
  const gitlabBase = useGitLabWebUrl();
  if (sourceControl === 'gitlab') {
    return {
      pullRequest: (repository, number) =>
        `${gitlabBase}/${repository}/-/merge_requests/${number}`,
      commit: (repository, sha) =>
        `${gitlabBase}/${repository}/-/commit/${sha}`,
    };
  }
  return {
    pullRequest: (repository, number) =>
      githubUrl(githubPaths.pullRequest(repository, number)),
    commit: (repository, sha) => githubUrl(githubPaths.commit(repository, sha)),
  };
}
