import crypto from 'node:crypto';
import {
  Commit,
  Deployment,
  GITLAB_WEB,
  Organisation,
  Person,
  PullRequest,
  Repository,
  repositorySlug,
} from '../../model';

/*
 * The organisation in GitLab REST API v4's JSON shapes. People are GitLab users whose usernames
 * are not their GitHub logins (the local part of their e-mail, `alice.nakamura`; a bot's handle
 * with `-bot`), so that a consumer cannot find anyone through a GitHub login by accident.
 */

/**
 * How the simulated projects are configured for approvals: authors may not approve their own
 * merge requests, committers may, and approvals stay when commits are pushed. These are the
 * settings under which the generator's kinds of messiness can happen on GitLab (an approver who
 * pushed a commit, an approval of an earlier version); the product records them as evidence.
 */
export const PROJECT_APPROVAL_SETTINGS = {
  approvals_before_merge: 0,
  reset_approvals_on_push: false,
  selective_code_owner_removals: false,
  disable_overriding_approvers_per_merge_request: true,
  merge_requests_author_approval: false,
  merge_requests_disable_committers_approval: false,
  require_password_to_approve: false,
  require_reauthentication_to_approve: false,
} as const;

export function gitlabUsername(
  person: Pick<Person, 'login' | 'email' | 'type'>,
) {
  if (person.type === 'Bot' || person.login.endsWith('[bot]')) {
    return `${person.login.replace(/\[bot\]$/, '')}-bot`;
  }
  const local = person.email.split('@')[0];
  return local && local !== person.login ? local : `${person.login}.gl`;
}

/** A stable number from a name, for ids the model does not carry (projects, environments). */
export function stableId(text: string, modulo = 1_000_000): number {
  return (
    (crypto.createHash('sha1').update(text).digest().readUInt32BE(0) % modulo) +
    1
  );
}

export function projectId(repo: Repository): number {
  return stableId(`project:${repositorySlug(repo)}`);
}

export function projectWebUrl(repo: Repository): string {
  return `${GITLAB_WEB}/${repositorySlug(repo)}`;
}

export function personOf(organisation: Organisation, login: string): Person {
  return (
    organisation.people.find(p => p.login === login) ?? {
      login,
      id: stableId(`user:${login}`),
      type: login.endsWith('[bot]') ? 'Bot' : 'User',
      name: login,
      email: `${login.replace(/\[bot\]$/, '')}@northwind.example`,
    }
  );
}

/** A user as lists embed it (`author`, `approved_by[].user`): no e-mail, no bot flag. */
export function basicUser(person: Person) {
  const username = gitlabUsername(person);
  return {
    id: person.id,
    username,
    name: person.name,
    state: 'active',
    locked: false,
    avatar_url: `${GITLAB_WEB}/uploads/-/system/user/avatar/${person.id}/avatar.png`,
    web_url: `${GITLAB_WEB}/${username}`,
  };
}

/** `GET /users/:id` as another user sees it: the public e-mail, and whether it is a bot. */
export function userDetail(person: Person) {
  return {
    ...basicUser(person),
    bot: person.type === 'Bot',
    created_at: '2023-01-09T08:00:00.000Z',
    public_email: person.type === 'Bot' ? '' : person.email,
    bio: '',
    location: '',
    organization: 'Northwind',
    job_title: '',
  };
}

export function commitOf(repo: Repository, c: Commit) {
  const lines = c.message.split('\n');
  return {
    id: c.sha,
    short_id: c.sha.slice(0, 8),
    created_at: c.committer.date,
    parent_ids: c.parents,
    title: lines[0],
    message: c.message,
    author_name: c.author.name,
    author_email: c.author.email,
    authored_date: c.author.date,
    committer_name: c.committer.name,
    committer_email: c.committer.email,
    committed_date: c.committer.date,
    trailers: {},
    extended_trailers: {},
    web_url: `${projectWebUrl(repo)}/-/commit/${c.sha}`,
  };
}

/** A changed file as `/diff` and `/diffs` list it (without the patch text). */
export function diffOf(file: Commit['files'][number]) {
  return {
    diff: '',
    new_path: file.filename,
    old_path: file.filename,
    a_mode: file.status === 'added' ? '0' : '100644',
    b_mode: file.status === 'removed' ? '0' : '100644',
    new_file: file.status === 'added',
    renamed_file: file.status === 'renamed',
    deleted_file: file.status === 'removed',
    generated_file: false,
  };
}

/**
 * How GitLab records a merge: a merge commit, a squash commit (fast-forwarded), or the rebased
 * commits alone (fast-forward merge: neither SHA).
 */
function mergeShas(pr: PullRequest) {
  if (!pr.mergedAt) return { merge_commit_sha: null, squash_commit_sha: null };
  switch (pr.mergeMethod) {
    case 'merge':
      return {
        merge_commit_sha: pr.mergeCommitSha ?? null,
        squash_commit_sha: null,
      };
    case 'squash':
      return {
        merge_commit_sha: null,
        squash_commit_sha: pr.mergeCommitSha ?? null,
      };
    default:
      return { merge_commit_sha: null, squash_commit_sha: null };
  }
}

function stateOf(pr: PullRequest): 'merged' | 'opened' | 'closed' {
  if (pr.mergedAt !== undefined) return 'merged';
  return pr.state === 'open' ? 'opened' : 'closed';
}

export function mergeRequestId(repo: Repository, pr: PullRequest): number {
  return stableId(`mr:${repositorySlug(repo)}!${pr.number}`, 100_000_000);
}

export function mergeRequestOf(
  organisation: Organisation,
  repo: Repository,
  pr: PullRequest,
) {
  const merged = pr.mergedAt !== undefined;
  const mergedBy = pr.mergedBy
    ? basicUser(personOf(organisation, pr.mergedBy))
    : null;
  return {
    id: mergeRequestId(repo, pr),
    iid: pr.number,
    project_id: projectId(repo),
    title: pr.title,
    description: pr.body,
    state: stateOf(pr),
    created_at: pr.createdAt,
    updated_at: pr.updatedAt,
    merged_by: mergedBy,
    merge_user: mergedBy,
    merged_at: pr.mergedAt ?? null,
    closed_by: null,
    closed_at: merged ? null : pr.closedAt ?? null,
    target_branch: pr.baseBranch,
    source_branch: pr.headBranch,
    author: basicUser(personOf(organisation, pr.author)),
    assignees: [],
    reviewers: [],
    source_project_id: projectId(repo),
    target_project_id: projectId(repo),
    labels: pr.labels,
    draft: false,
    work_in_progress: false,
    merge_when_pipeline_succeeds: false,
    detailed_merge_status: merged ? 'not_open' : 'mergeable',
    sha: pr.headSha,
    ...mergeShas(pr),
    squash: pr.mergeMethod === 'squash',
    squash_on_merge: pr.mergeMethod === 'squash',
    user_notes_count: pr.reviews.length,
    references: {
      short: `!${pr.number}`,
      relative: `!${pr.number}`,
      full: `${repositorySlug(repo)}!${pr.number}`,
    },
    web_url: `${projectWebUrl(repo)}/-/merge_requests/${pr.number}`,
  };
}

/** The approvals standing on a merge request: each reviewer's approval not withdrawn since. */
export function standingApprovals(pr: PullRequest) {
  const latest = new Map<string, PullRequest['reviews'][number]>();
  for (const review of [...pr.reviews].sort((a, b) =>
    a.submittedAt.localeCompare(b.submittedAt),
  )) {
    if (review.state === 'APPROVED') latest.set(review.reviewer, review);
    // Dismissing is GitLab's "revoke approval".
    if (review.state === 'DISMISSED') latest.delete(review.reviewer);
  }
  return [...latest.values()];
}

export function deploymentStatusOf(d: Deployment): string {
  const last = d.statuses[d.statuses.length - 1]?.state;
  switch (last) {
    case 'success':
      return 'success';
    case 'failure':
    case 'error':
      return 'failed';
    case 'inactive':
      return 'canceled';
    case 'in_progress':
      return 'running';
    default:
      return 'created';
  }
}

export function deploymentOf(
  organisation: Organisation,
  repo: Repository,
  d: Deployment,
  iid: number,
) {
  const status = deploymentStatusOf(d);
  const times = [d.createdAt, ...d.statuses.map(s => s.createdAt)].sort();
  const started = d.statuses.find(s => s.state === 'in_progress')?.createdAt;
  const finished =
    status === 'success' || status === 'failed'
      ? d.statuses[d.statuses.length - 1].createdAt
      : null;
  const user = basicUser(personOf(organisation, d.creator));
  const jobId = d.id * 10 + 7;
  const pipelineId = d.id * 10 + 3;
  const web = projectWebUrl(repo);
  return {
    id: d.id,
    iid,
    ref: d.ref,
    sha: d.sha,
    created_at: d.createdAt,
    updated_at: times[times.length - 1],
    status,
    user,
    environment: environmentOf(repo, d.environment),
    deployable: {
      id: jobId,
      status,
      stage: 'deploy',
      name: `deploy:${d.environment}`,
      ref: d.ref,
      tag: false,
      coverage: null,
      allow_failure: false,
      created_at: d.createdAt,
      started_at: started ?? null,
      finished_at: finished,
      duration: null,
      user,
      commit: commitOf(
        repo,
        repo.commits.find(c => c.sha === d.sha) ?? repo.commits[0],
      ),
      pipeline: {
        id: pipelineId,
        iid: d.id,
        project_id: projectId(repo),
        sha: d.sha,
        ref: d.ref,
        status,
        source: 'push',
        created_at: d.createdAt,
        updated_at: times[times.length - 1],
        web_url: `${web}/-/pipelines/${pipelineId}`,
      },
      web_url: `${web}/-/jobs/${jobId}`,
    },
  };
}

export function environmentOf(repo: Repository, name: string) {
  return {
    id: stableId(`environment:${repositorySlug(repo)}:${name}`),
    name,
    slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    external_url: `https://${name}.northwind.example`,
    state: 'available',
    tier: /prod/i.test(name) ? 'production' : 'staging',
    created_at: repo.createdAt,
    updated_at: repo.createdAt,
  };
}

/** Whether a protected branch entry (a name or a wildcard such as `release/*`) covers a branch. */
export function coversBranch(pattern: string, branch: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split('*')
      .map(part => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
      .join('.*')}$`,
  );
  return regex.test(branch);
}
