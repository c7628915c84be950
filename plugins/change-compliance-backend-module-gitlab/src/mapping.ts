import {
  Actor,
  CommitEvidence,
  DeploymentRecord,
  PullRequestEvidence,
  ReviewEvidence,
  ServiceRecord,
} from '@change-compliance/plugin-change-compliance-node';
import {
  GitlabApprovals,
  GitlabCommit,
  GitlabDeployment,
  GitlabDiff,
  GitlabMergeRequest,
  GitlabUser,
  GitlabUserDetail,
  GitlabVersion,
} from './client/schemas';

/** The source of every record this module writes, and the first part of its deployments' ids. */
export const PROVIDER_ID = 'gitlab';

/** GitLab's times in the store's form (UTC, milliseconds), so that they compare as strings. */
export const iso = (time: string) => new Date(time).toISOString();

/**
 * A GitLab account as evidence names it: its username, a bot when GitLab says so, and the public
 * e-mail its profile shows (`GET /users/:id`), through which the catalog knows the person. Without
 * a public e-mail nobody is matched: a GitLab username is no GitHub login, and the product never
 * guesses who someone is.
 */
export function actorOf(
  user: GitlabUser,
  details: Map<number, GitlabUserDetail>,
): Actor {
  const detail = details.get(user.id);
  const email = detail?.public_email || detail?.email || undefined;
  return {
    login: user.username,
    type: detail?.bot ? 'Bot' : 'User',
    ...(email ? { email } : {}),
  };
}

const CO_AUTHOR = /^co-authored-by:\s*(.*?)\s*<([^>]+)>\s*$/gim;

/** The people a commit message credits with `Co-authored-by:` trailers, by e-mail. */
export function coAuthorsOf(message: string): Actor[] {
  return [...message.matchAll(CO_AUTHOR)].map(match => ({
    login: '',
    email: match[2].trim(),
  }));
}

/** A commit: git's author and committer are known by e-mail only, as on any host. */
export function commitOf(commit: GitlabCommit): CommitEvidence {
  return {
    sha: commit.id,
    parents: commit.parent_ids,
    author: { login: '', email: commit.author_email },
    coAuthors: coAuthorsOf(commit.message),
    ...(commit.committer_email
      ? { committer: { login: '', email: commit.committer_email } }
      : {}),
    message: commit.message,
    committedAt: iso(commit.committed_date),
  };
}

/**
 * The head an approver saw: GitLab records no commit with an approval, but it keeps a diff
 * version of the merge request for every push, with its time. The head of the newest version
 * created at or before the approval is what was approved. Without the approval's time (older
 * GitLab releases) it cannot be told, and the approval names no commit.
 */
export function reviewedCommit(
  approvedAt: string | null | undefined,
  versions: GitlabVersion[],
): string | null {
  if (!approvedAt) return null;
  const at = Date.parse(approvedAt);
  let seen: GitlabVersion | undefined;
  for (const version of versions) {
    const created = Date.parse(version.created_at);
    if (
      created <= at &&
      (!seen ||
        created > Date.parse(seen.created_at) ||
        (created === Date.parse(seen.created_at) && version.id > seen.id))
    ) {
      seen = version;
    }
  }
  return seen?.head_commit_sha ?? null;
}

/** What the module reads about one merged merge request besides the merge request itself. */
export interface MergeRequestDetails {
  /** As GitLab lists them: newest first. */
  commits: GitlabCommit[];
  approvals: GitlabApprovals;
  versions: GitlabVersion[];
  diffs: GitlabDiff[];
  /** The profiles of the people in it, by user id. */
  users: Map<number, GitlabUserDetail>;
}

/**
 * A merged merge request as the evidence's pull request. Its approvals are its reviews; GitLab
 * has no other review state that gates a merge. GitLab keeps a merged merge request's approval
 * state as it stood at the merge: approvals still left then mean it was merged past its unmet
 * approval rules, which the evidence records as an override.
 */
export function pullRequestOf(
  repository: string,
  mr: GitlabMergeRequest,
  details: MergeRequestDetails,
): PullRequestEvidence {
  const mergedBy = mr.merge_user ?? mr.merged_by;
  const reviews: ReviewEvidence[] = details.approvals.approved_by.map(a => ({
    id: `${mr.iid}-${a.user.id}`,
    reviewer: actorOf(a.user, details.users),
    state: 'APPROVED',
    commitId: reviewedCommit(a.approved_at, details.versions),
    submittedAt: a.approved_at ? iso(a.approved_at) : null,
    dismissed: false,
  }));
  const changedFiles = [
    ...new Set(
      details.diffs.flatMap(d =>
        d.old_path !== d.new_path ? [d.old_path, d.new_path] : [d.new_path],
      ),
    ),
  ];
  return {
    repository,
    number: mr.iid,
    url: mr.web_url,
    title: mr.title,
    body: mr.description ?? '',
    headBranch: mr.source_branch,
    baseBranch: mr.target_branch,
    author: actorOf(mr.author, details.users),
    headSha: mr.sha,
    mergeCommitSha: mr.merge_commit_sha ?? mr.squash_commit_sha ?? null,
    mergedAt: mr.merged_at ? iso(mr.merged_at) : null,
    ...(mergedBy ? { mergedBy: actorOf(mergedBy, details.users) } : {}),
    mergedWithAdminOverride:
      mr.state === 'merged' && (details.approvals.approvals_left ?? 0) > 0,
    labels: mr.labels,
    commits: [...details.commits].reverse().map(commitOf),
    reviews,
    changedFiles,
  };
}

/**
 * The service a deployment is of: the project's only service. GitLab deployments carry no
 * payload that could name one of several services sharing a project, so those are not mapped.
 */
function serviceOf(services: ServiceRecord[]): ServiceRecord | undefined {
  return services.length === 1 ? services[0] : undefined;
}

/**
 * A GitLab deployment as the evidence's deployment record, or undefined when it is of no single
 * catalog service. A successful one went live when its job finished (its last update, when the
 * job is not shown); the others keep GitLab's status (`failed` as `failure`).
 */
export function deploymentOf(
  deployment: GitlabDeployment,
  services: ServiceRecord[],
): DeploymentRecord | undefined {
  const service = serviceOf(services);
  if (!service) return undefined;
  const success = deployment.status === 'success';
  const runUrl =
    deployment.deployable?.pipeline?.web_url ?? deployment.deployable?.web_url;
  return {
    source: PROVIDER_ID,
    externalId: String(deployment.id),
    serviceRef: service.entityRef,
    environment: deployment.environment.name,
    commitSha: deployment.sha,
    deployedAt: iso(
      (success && deployment.deployable?.finished_at) || deployment.updated_at,
    ),
    ...(deployment.user ? { actor: { login: deployment.user.username } } : {}),
    ...(runUrl ? { pipelineRunUrl: runUrl } : {}),
    ref: deployment.ref,
    status: deployment.status === 'failed' ? 'failure' : deployment.status,
    ticketKeys: [],
  };
}
