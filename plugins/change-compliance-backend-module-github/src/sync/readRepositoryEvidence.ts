import { Octokit } from '@octokit/rest';
import { GraphqlActor, GraphqlCommit, GraphqlPullRequest } from '../mapping';
import { MORE_BRANCHES, REPOSITORY_EVIDENCE } from './queries';

/** GitHub's times in the store's form (UTC, milliseconds), so that they compare as strings. */
export const iso = (time: string) => new Date(time).toISOString();

export interface Page<T> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: T[];
}

/** A branch commit as the history lists it, with the merged PRs GitHub associates with it. */
export type GraphqlHistoryCommit = GraphqlCommit & {
  associatedPullRequests: { nodes: { number: number; merged: boolean }[] };
};

export type GraphqlPullRequestPage = GraphqlPullRequest & {
  reviews: Page<GraphqlPullRequest['reviews']['nodes'][number]>;
  commits: Page<GraphqlPullRequest['commits']['nodes'][number]>;
  files: Page<{ path: string }> | null;
};

export interface GraphqlDeployment {
  databaseId: number;
  createdAt: string;
  environment: string | null;
  commitOid: string;
  payload: string | null;
  creator: GraphqlActor | null;
  ref: { name: string } | null;
  latestStatus: { state: string } | null;
  statuses: {
    pageInfo: { hasNextPage: boolean };
    nodes: { state: string; createdAt: string; logUrl: string | null }[];
  };
}

export interface GraphqlProtectionRule {
  pattern: string;
  requiresApprovingReviews: boolean;
  requiredApprovingReviewCount: number | null;
  dismissesStaleReviews: boolean;
  requiresCodeOwnerReviews: boolean;
  isAdminEnforced: boolean;
  allowsForcePushes: boolean;
  allowsDeletions: boolean;
  requiredStatusCheckContexts: (string | null)[] | null;
}

/** A required reviewer of an environment: a person or a team (`org/slug`). */
export type GraphqlDeploymentReviewer =
  | { __typename: 'User'; login: string }
  | { __typename: 'Team'; combinedSlug: string };

export interface GraphqlEnvironment {
  name: string;
  protectionRules: {
    nodes: {
      /** `REQUIRED_REVIEWERS`, `WAIT_TIMER` or `BRANCH_POLICY`. */
      type: string;
      preventSelfReview: boolean | null;
      /** A wait timer's minutes. */
      timeout?: number | null;
      reviewers?: { nodes: (GraphqlDeploymentReviewer | null)[] };
    }[];
  };
}

interface Answer {
  repository: {
    defaultBranchRef: {
      name: string;
      target: { history?: Page<GraphqlHistoryCommit> };
    } | null;
    refs?: Page<{ name: string; target: { oid: string } }>;
    branchProtectionRules?: { nodes: GraphqlProtectionRule[] };
    environments?: { nodes: GraphqlEnvironment[] };
    codeOwners?: { text?: string | null } | null;
    rootCodeOwners?: { text?: string | null } | null;
    docsCodeOwners?: { text?: string | null } | null;
    pullRequests?: Page<GraphqlPullRequestPage>;
    deployments?: Page<GraphqlDeployment>;
  };
}

export interface RepositoryEvidence {
  defaultBranch: string;
  /** Branch name to head commit. */
  heads: Record<string, string>;
  protectionRules: GraphqlProtectionRule[];
  environments: GraphqlEnvironment[];
  /** The CODEOWNERS file of the default branch, if there is one. */
  codeOwners?: string;
  history: GraphqlHistoryCommit[];
  /** Merged PRs updated at or after the cursor, most recently updated first. */
  pullRequests: GraphqlPullRequestPage[];
  /** Deployments created at or after the cursor, newest first. */
  deployments: GraphqlDeployment[];
}

/**
 * Reads a repository's evidence with `REPOSITORY_EVIDENCE`, paging its lists side by side until
 * each reaches its cursor: the history by `since`, PRs by their update time, deployments by their
 * creation time (both lists come newest first, so a list is done at its first older item).
 */
export async function readRepositoryEvidence(
  octokit: Octokit,
  options: {
    owner: string;
    name: string;
    /** The default branch's history from here on. */
    commitsSince: string;
    pullRequestsSince: string;
    deploymentsSince: string;
  },
): Promise<RepositoryEvidence> {
  const out: RepositoryEvidence = {
    defaultBranch: '',
    heads: {},
    protectionRules: [],
    environments: [],
    history: [],
    pullRequests: [],
    deployments: [],
  };
  const cursors = {
    history: { open: true, after: null as string | null },
    pullRequests: { open: true, after: null as string | null },
    deployments: { open: true, after: null as string | null },
  };
  let branchesAfter: string | null = null;
  let first = true;
  while (
    first ||
    cursors.history.open ||
    cursors.pullRequests.open ||
    cursors.deployments.open
  ) {
    const { repository }: Answer = await octokit.graphql(REPOSITORY_EVIDENCE, {
      owner: options.owner,
      name: options.name,
      since: options.commitsSince,
      withRepository: first,
      withHistory: cursors.history.open,
      historyAfter: cursors.history.after,
      withPullRequests: cursors.pullRequests.open,
      pullRequestsAfter: cursors.pullRequests.after,
      withDeployments: cursors.deployments.open,
      deploymentsAfter: cursors.deployments.after,
    });
    if (first) {
      if (!repository.defaultBranchRef) {
        throw new Error(
          `${options.owner}/${options.name} has no default branch`,
        );
      }
      out.defaultBranch = repository.defaultBranchRef.name;
      for (const ref of repository.refs?.nodes ?? []) {
        out.heads[ref.name] = ref.target.oid;
      }
      if (repository.refs?.pageInfo.hasNextPage) {
        branchesAfter = repository.refs.pageInfo.endCursor;
      }
      out.protectionRules = repository.branchProtectionRules?.nodes ?? [];
      out.environments = repository.environments?.nodes ?? [];
      const codeOwners =
        repository.codeOwners?.text ??
        repository.rootCodeOwners?.text ??
        repository.docsCodeOwners?.text;
      if (typeof codeOwners === 'string') out.codeOwners = codeOwners;
      first = false;
    }
    const history = repository.defaultBranchRef?.target.history;
    if (cursors.history.open && history) {
      out.history.push(...history.nodes);
      advance(cursors.history, history, false);
    } else {
      cursors.history.open = false;
    }
    const pulls = repository.pullRequests;
    if (cursors.pullRequests.open && pulls) {
      const fresh = pulls.nodes.filter(
        pr => iso(pr.updatedAt) >= options.pullRequestsSince,
      );
      out.pullRequests.push(...fresh);
      advance(cursors.pullRequests, pulls, fresh.length < pulls.nodes.length);
    }
    const deployments = repository.deployments;
    if (cursors.deployments.open && deployments) {
      const fresh = deployments.nodes.filter(
        d => iso(d.createdAt) >= options.deploymentsSince,
      );
      out.deployments.push(...fresh);
      advance(
        cursors.deployments,
        deployments,
        fresh.length < deployments.nodes.length,
      );
    }
  }
  while (branchesAfter) {
    const more: { repository: { refs: Answer['repository']['refs'] } } =
      await octokit.graphql(MORE_BRANCHES, {
        owner: options.owner,
        name: options.name,
        after: branchesAfter,
      });
    for (const ref of more.repository.refs?.nodes ?? []) {
      out.heads[ref.name] = ref.target.oid;
    }
    branchesAfter = more.repository.refs?.pageInfo.hasNextPage
      ? more.repository.refs.pageInfo.endCursor
      : null;
  }
  return out;
}

function advance(
  cursor: { open: boolean; after: string | null },
  page: Page<unknown>,
  reachedCursor: boolean,
) {
  cursor.open = !reachedCursor && page.pageInfo.hasNextPage;
  cursor.after = page.pageInfo.endCursor;
}
