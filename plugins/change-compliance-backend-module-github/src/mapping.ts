import {
  Actor,
  CommitEvidence,
  PullRequestEvidence,
  ReviewEvidence,
} from '@change-compliance/plugin-change-compliance-node';

/** An account as GitHub's GraphQL names it (`Actor`: a User or a Bot). */
export interface GraphqlActor {
  __typename?: string;
  login: string;
}

export interface GraphqlGitActor {
  name: string | null;
  email: string | null;
  user: { login: string } | null;
}

export interface GraphqlCommit {
  oid: string;
  message: string;
  committedDate: string;
  author: GraphqlGitActor | null;
  committer: GraphqlGitActor | null;
  parents: { nodes: { oid: string }[] };
}

export interface GraphqlReview {
  id: string;
  author: GraphqlActor | null;
  state: ReviewEvidence['state'];
  commit: { oid: string } | null;
  submittedAt: string | null;
}

export interface GraphqlPullRequest {
  number: number;
  url: string;
  title: string;
  body: string;
  headRefName: string;
  baseRefName: string;
  headRefOid: string;
  mergedAt: string | null;
  updatedAt: string;
  author: GraphqlActor | null;
  mergedBy: GraphqlActor | null;
  mergeCommit: { oid: string } | null;
  labels: { nodes: { name: string }[] };
  reviews: { nodes: GraphqlReview[] };
  commits: { nodes: { commit: GraphqlCommit }[] };
  files: { nodes: { path: string }[] } | null;
}

/** A deleted account: GitHub shows it as "ghost"; it is nobody the catalog knows. */
const GHOST: Actor = { login: 'ghost' };

export function actorOf(actor: GraphqlActor | null): Actor {
  if (!actor) return GHOST;
  // GraphQL names bots without the `[bot]` suffix REST and webhooks use; keep one spelling.
  return actor.__typename === 'Bot'
    ? { login: `${actor.login}[bot]`, type: 'Bot' }
    : { login: actor.login, type: 'User' };
}

function gitActorOf(actor: GraphqlGitActor | null): Actor {
  return {
    login: actor?.user?.login ?? '',
    ...(actor?.email ? { email: actor.email } : {}),
  };
}

const CO_AUTHOR = /^co-authored-by:\s*(.*?)\s*<([^>]+)>\s*$/gim;

/**
 * The people a commit message credits with `Co-authored-by:` trailers. Only the e-mail identifies
 * them (the catalog, or a GitHub noreply address, tells who they are).
 */
export function coAuthorsOf(message: string): Actor[] {
  return [...message.matchAll(CO_AUTHOR)].map(match => ({
    login: '',
    email: match[2].trim(),
  }));
}

export function commitOf(commit: GraphqlCommit): CommitEvidence {
  return {
    sha: commit.oid,
    parents: commit.parents.nodes.map(p => p.oid),
    author: gitActorOf(commit.author),
    coAuthors: coAuthorsOf(commit.message),
    committer: gitActorOf(commit.committer),
    message: commit.message,
    committedAt: new Date(commit.committedDate).toISOString(),
  };
}

export function pullRequestOf(
  repository: string,
  pr: GraphqlPullRequest,
  adminOverrides: Set<number>,
): PullRequestEvidence {
  return {
    repository,
    number: pr.number,
    url: pr.url,
    title: pr.title,
    body: pr.body,
    headBranch: pr.headRefName,
    baseBranch: pr.baseRefName,
    author: actorOf(pr.author),
    headSha: pr.headRefOid,
    mergeCommitSha: pr.mergeCommit?.oid ?? null,
    mergedAt: pr.mergedAt ? new Date(pr.mergedAt).toISOString() : null,
    ...(pr.mergedBy ? { mergedBy: actorOf(pr.mergedBy) } : {}),
    mergedWithAdminOverride: adminOverrides.has(pr.number),
    labels: pr.labels.nodes.map(l => l.name),
    commits: pr.commits.nodes.map(n => commitOf(n.commit)),
    reviews: pr.reviews.nodes.map(r => ({
      id: r.id,
      reviewer: actorOf(r.author),
      state: r.state,
      commitId: r.commit?.oid ?? null,
      submittedAt: r.submittedAt ? new Date(r.submittedAt).toISOString() : null,
      dismissed: r.state === 'DISMISSED',
    })),
    ...(pr.files ? { changedFiles: pr.files.nodes.map(f => f.path) } : {}),
  };
}
