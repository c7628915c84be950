import { createHash } from 'node:crypto';
import { components } from '@octokit/openapi-types';
import {
  BranchProtection,
  Commit,
  Deployment,
  DeploymentReview,
  DeploymentStatus,
  Environment,
  FileChange,
  Organisation,
  PullRequest,
  Repository,
  Review,
  repositorySlug,
  GITHUB_WEB,
} from '../../model';
import { SimulatorContext } from '../context';

/*
 * The organisation model rendered in GitHub's REST v3 JSON. Every function returns one of GitHub's
 * own schemas (from @octokit/openapi-types), so a field GitHub documents as required is present;
 * fields the model has no data for get a plausible constant. API urls point at the simulator
 * (`<base>/api/v3/...`, as GitHub Enterprise Server); web urls at a fictitious GitHub host.
 */

type Schemas = components['schemas'];
export type SimpleUser = Schemas['simple-user'];
export type GitHubRepository = Schemas['repository'];
export type Label = Schemas['pull-request-simple']['labels'][number];

export { GITHUB_WEB };

/** What every representation needs: where the API is, and the people and repositories. */
export interface Rendering {
  organisation: Organisation;
  /** Absolute API url of `path` (`/repos/o/r`). */
  api(path: string): string;
  /** Absolute web url of `path` (`/o/r/pull/1`). */
  html(path: string): string;
}

export function rendering(context: SimulatorContext): Rendering {
  const apiRoot = `${context.baseUrl()}/api/v3`;
  return {
    organisation: context.organisation(),
    api: path => `${apiRoot}${path}`,
    html: path => `${GITHUB_WEB}${path}`,
  };
}

const derived = new WeakMap<Rendering, Map<string, unknown>>();

/**
 * A value derived from the organisation, computed once per rendering (one request): a list
 * repeats what each item embeds (every pull request carries its repository), and the
 * organisation a request reads does not change under it.
 */
export function perRendering<T>(
  r: Rendering,
  key: string,
  compute: () => T,
): T {
  let values = derived.get(r);
  if (!values) {
    values = new Map();
    derived.set(r, values);
  }
  if (!values.has(key)) values.set(key, compute());
  return values.get(key) as T;
}

/**
 * A number derived from a name, for the ids the model does not carry (repositories, labels,
 * environments, people it does not list), so that they stay the same from one request to the next.
 */
export function stableId(name: string): number {
  const digest = createHash('sha1').update(name).digest();
  return 100_000_000 + (digest.readUInt32BE(0) % 900_000_000);
}

/** GitHub's legacy global node id: base64 of `0<type length>:<Type><id>`. */
export function nodeId(type: string, id: number | string): string {
  return Buffer.from(`0${type.length}:${type}${id}`).toString('base64');
}

/** The web-flow/ISO timestamps GitHub prints have no milliseconds. */
export function githubTime(iso: string): string;
export function githubTime(iso: string | undefined): string | null;
export function githubTime(iso: string | undefined): string | null {
  return iso ? iso.replace(/\.\d{3}Z$/, 'Z') : null;
}

function userUrls(r: Rendering, login: string) {
  const url = r.api(`/users/${login}`);
  return {
    url,
    html_url: r.html(`/${login}`),
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
  };
}

/** A person by GitHub login; a login the organisation does not list is an ordinary user. */
export function simpleUser(r: Rendering, login: string): SimpleUser {
  const person = r.organisation.people.find(p => p.login === login);
  const id = person?.id ?? stableId(`user:${login}`);
  const type = person?.type ?? 'User';
  return {
    login,
    id,
    node_id: nodeId(type, id),
    avatar_url: `https://avatars.github.example/u/${id}?v=4`,
    gravatar_id: '',
    ...userUrls(r, login),
    type,
    site_admin: false,
  };
}

/** The account owning a repository, rendered as the organisation GitHub would show. */
export function ownerUser(r: Rendering, owner: string): SimpleUser {
  const person = r.organisation.people.find(p => p.login === owner);
  if (person) return simpleUser(r, owner);
  const id = stableId(`org:${owner}`);
  return {
    login: owner,
    id,
    node_id: nodeId('Organization', id),
    avatar_url: `https://avatars.github.example/u/${id}?v=4`,
    gravatar_id: '',
    ...userUrls(r, owner),
    type: 'Organization',
    site_admin: false,
  };
}

/** Members of the organisation are MEMBERs on its pull requests; anyone else is NONE. */
function authorAssociation(
  r: Rendering,
  login: string,
): Schemas['author-association'] {
  return r.organisation.people.some(p => p.login === login) ? 'MEMBER' : 'NONE';
}

/**
 * When the repository was last pushed to (its newest commit) and last updated. The model keeps no
 * record of settings edits, so `updatedAt` is the newest of the push and of the activity a sync
 * reads: a pull request's update, a deployment and a deployment status. Both REST and GraphQL
 * serve these, so the two agree.
 */
export function repositoryTimes(
  r: Rendering,
  repo: Repository,
): { pushedAt: string; updatedAt: string } {
  return perRendering(r, `times:${repositorySlug(repo)}`, () =>
    computeRepositoryTimes(repo),
  );
}

function computeRepositoryTimes(repo: Repository) {
  const newest = (times: string[], from: string) =>
    times.reduce(
      (latest, t) => (Date.parse(t) > Date.parse(latest) ? t : latest),
      from,
    );
  const pushedAt = newest(
    repo.commits.map(c => c.committer.date),
    repo.createdAt,
  );
  const updatedAt = newest(
    [
      ...repo.pullRequests.map(pr => pr.updatedAt),
      ...repo.deployments.flatMap(d => [
        d.createdAt,
        ...d.statuses.map(s => s.createdAt),
      ]),
    ],
    pushedAt,
  );
  return { pushedAt: githubTime(pushedAt), updatedAt: githubTime(updatedAt) };
}

export function repository(r: Rendering, repo: Repository): GitHubRepository {
  const slug = repositorySlug(repo);
  const url = r.api(`/repos/${slug}`);
  const id = stableId(`repo:${slug}`);
  const times = repositoryTimes(r, repo);
  const openPulls = repo.pullRequests.filter(pr => pr.state === 'open').length;
  return {
    id,
    node_id: nodeId('Repository', id),
    name: repo.name,
    full_name: slug,
    license: null,
    forks: 0,
    permissions: {
      admin: false,
      maintain: false,
      push: false,
      triage: false,
      pull: true,
    },
    owner: ownerUser(r, repo.owner),
    private: true,
    html_url: r.html(`/${slug}`),
    description: null,
    fork: false,
    url,
    archive_url: `${url}/{archive_format}{/ref}`,
    assignees_url: `${url}/assignees{/user}`,
    blobs_url: `${url}/git/blobs{/sha}`,
    branches_url: `${url}/branches{/branch}`,
    collaborators_url: `${url}/collaborators{/collaborator}`,
    comments_url: `${url}/comments{/number}`,
    commits_url: `${url}/commits{/sha}`,
    compare_url: `${url}/compare/{base}...{head}`,
    contents_url: `${url}/contents/{+path}`,
    contributors_url: `${url}/contributors`,
    deployments_url: `${url}/deployments`,
    downloads_url: `${url}/downloads`,
    events_url: `${url}/events`,
    forks_url: `${url}/forks`,
    git_commits_url: `${url}/git/commits{/sha}`,
    git_refs_url: `${url}/git/refs{/sha}`,
    git_tags_url: `${url}/git/tags{/sha}`,
    git_url: `git://github.example/${slug}.git`,
    issue_comment_url: `${url}/issues/comments{/number}`,
    issue_events_url: `${url}/issues/events{/number}`,
    issues_url: `${url}/issues{/number}`,
    keys_url: `${url}/keys{/key_id}`,
    labels_url: `${url}/labels{/name}`,
    languages_url: `${url}/languages`,
    merges_url: `${url}/merges`,
    milestones_url: `${url}/milestones{/number}`,
    notifications_url: `${url}/notifications{?since,all,participating}`,
    pulls_url: `${url}/pulls{/number}`,
    releases_url: `${url}/releases{/id}`,
    ssh_url: `git@github.example:${slug}.git`,
    stargazers_url: `${url}/stargazers`,
    statuses_url: `${url}/statuses/{sha}`,
    subscribers_url: `${url}/subscribers`,
    subscription_url: `${url}/subscription`,
    tags_url: `${url}/tags`,
    teams_url: `${url}/teams`,
    trees_url: `${url}/git/trees{/sha}`,
    clone_url: `${GITHUB_WEB}/${slug}.git`,
    mirror_url: null,
    hooks_url: `${url}/hooks`,
    svn_url: r.html(`/${slug}`),
    homepage: null,
    language: 'TypeScript',
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    size: repo.commits.length,
    default_branch: repo.defaultBranch,
    open_issues_count: openPulls,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: false,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: 'private',
    pushed_at: times.pushedAt,
    created_at: githubTime(repo.createdAt),
    updated_at: times.updatedAt,
    allow_rebase_merge: true,
    allow_squash_merge: true,
    allow_merge_commit: true,
    allow_auto_merge: false,
    delete_branch_on_merge: true,
    allow_forking: false,
    web_commit_signoff_required: false,
    open_issues: openPulls,
    watchers: 0,
  };
}

/** `GET /repos/{owner}/{repo}`: the repository plus the counts only that endpoint has. */
export function fullRepository(
  r: Rendering,
  repo: Repository,
): Schemas['full-repository'] {
  const base = repository(r, repo);
  return {
    ...base,
    has_discussions: false,
    pushed_at: base.pushed_at ?? githubTime(repo.createdAt),
    created_at: githubTime(repo.createdAt),
    updated_at: base.updated_at ?? githubTime(repo.createdAt),
    subscribers_count: 0,
    network_count: 0,
  };
}

export function label(r: Rendering, repo: Repository, name: string): Label {
  const id = stableId(`label:${repositorySlug(repo)}:${name}`);
  return {
    id,
    node_id: nodeId('Label', id),
    url: r.api(
      `/repos/${repositorySlug(repo)}/labels/${encodeURIComponent(name)}`,
    ),
    name,
    // GitHub sends null for a label without description; the list schema insists on a string.
    description: '',
    color: createHash('sha1').update(name).digest('hex').slice(0, 6),
    default: false,
  };
}

/** A repository's commits by sha, and the lookups the endpoints share. */
export function commitIndex(repo: Repository): Map<string, Commit> {
  return new Map(repo.commits.map(c => [c.sha, c]));
}

/** The sha the PR's base branch pointed at: the merge's first parent, else its first commit's. */
function baseSha(repo: Repository, pr: PullRequest): string {
  const commits = commitIndex(repo);
  const merge = pr.mergeCommitSha ? commits.get(pr.mergeCommitSha) : undefined;
  if (merge && merge.parents.length > 1) return merge.parents[0];
  const first = pr.commits[0] ? commits.get(pr.commits[0]) : undefined;
  return first?.parents[0] ?? repo.branches[pr.baseBranch] ?? pr.headSha;
}

function pullRequestId(repo: Repository, pr: PullRequest): number {
  return stableId(`pull:${repositorySlug(repo)}#${pr.number}`);
}

/** `GET /repos/{owner}/{repo}/pulls`: the list's shape, without the counts. */
export function pullRequestSimple(
  r: Rendering,
  repo: Repository,
  pr: PullRequest,
): Schemas['pull-request-simple'] & { user: SimpleUser } {
  const slug = repositorySlug(repo);
  const url = r.api(`/repos/${slug}/pulls/${pr.number}`);
  const issueUrl = r.api(`/repos/${slug}/issues/${pr.number}`);
  const htmlUrl = r.html(`/${slug}/pull/${pr.number}`);
  const statusesUrl = r.api(`/repos/${slug}/statuses/${pr.headSha}`);
  const id = pullRequestId(repo, pr);
  const githubRepo = repository(r, repo);
  const owner = ownerUser(r, repo.owner);
  return {
    url,
    id,
    node_id: nodeId('PullRequest', id),
    html_url: htmlUrl,
    diff_url: `${htmlUrl}.diff`,
    patch_url: `${htmlUrl}.patch`,
    issue_url: issueUrl,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: r.api(`/repos/${slug}/pulls/comments{/number}`),
    comments_url: `${issueUrl}/comments`,
    statuses_url: statusesUrl,
    number: pr.number,
    state: pr.state,
    locked: false,
    title: pr.title,
    user: simpleUser(r, pr.author),
    body: pr.body,
    labels: pr.labels.map(name => label(r, repo, name)),
    milestone: null,
    active_lock_reason: null,
    created_at: githubTime(pr.createdAt),
    updated_at: githubTime(pr.updatedAt),
    closed_at: githubTime(pr.closedAt),
    merged_at: githubTime(pr.mergedAt),
    merge_commit_sha: pr.mergeCommitSha ?? null,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: {
      label: `${repo.owner}:${pr.headBranch}`,
      ref: pr.headBranch,
      repo: githubRepo,
      sha: pr.headSha,
      user: owner,
    },
    base: {
      label: `${repo.owner}:${pr.baseBranch}`,
      ref: pr.baseBranch,
      repo: githubRepo,
      sha: baseSha(repo, pr),
      user: owner,
    },
    _links: {
      self: { href: url },
      html: { href: htmlUrl },
      issue: { href: issueUrl },
      comments: { href: `${issueUrl}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: r.api(`/repos/${slug}/pulls/comments{/number}`) },
      commits: { href: `${url}/commits` },
      statuses: { href: statusesUrl },
    },
    author_association: authorAssociation(r, pr.author),
    auto_merge: null,
    draft: false,
  };
}

/** The files a set of commits changed, one entry per file, in the order first touched. */
export function combinedFiles(commits: Commit[]): FileChange[] {
  const byName = new Map<string, FileChange>();
  for (const change of commits) {
    for (const file of change.files) {
      const seen = byName.get(file.filename);
      if (!seen) {
        byName.set(file.filename, { ...file });
        continue;
      }
      seen.additions += file.additions;
      seen.deletions += file.deletions;
      // A file added then edited within the range is still "added" overall.
      if (file.status === 'removed' || seen.status !== 'added')
        seen.status = file.status;
    }
  }
  return [...byName.values()];
}

/** `GET /repos/{owner}/{repo}/pulls/{pull_number}`: the list shape plus merge state and counts. */
export function pullRequest(
  r: Rendering,
  repo: Repository,
  pr: PullRequest,
): Schemas['pull-request'] {
  const commits = commitIndex(repo);
  const files = combinedFiles(
    pr.commits.flatMap(sha => {
      const found = commits.get(sha);
      return found ? [found] : [];
    }),
  );
  const merged = pr.mergedAt !== undefined;
  const simple = pullRequestSimple(r, repo, pr);
  return {
    ...simple,
    state: pr.state,
    requested_teams: [],
    head: { ...simple.head, user: ownerUser(r, repo.owner) },
    base: { ...simple.base, user: ownerUser(r, repo.owner) },
    merged,
    // GitHub computes mergeability in the background; for a closed PR it reports null.
    mergeable: pr.state === 'open' ? true : null,
    rebaseable: pr.state === 'open' ? true : null,
    mergeable_state: pr.state === 'open' ? 'clean' : 'unknown',
    merged_by: merged && pr.mergedBy ? simpleUser(r, pr.mergedBy) : null,
    comments: 0,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: pr.commits.length,
    additions: files.reduce((sum, f) => sum + f.additions, 0),
    deletions: files.reduce((sum, f) => sum + f.deletions, 0),
    changed_files: files.length,
  };
}

export function pullRequestReview(
  r: Rendering,
  repo: Repository,
  pr: PullRequest,
  review: Review,
): Schemas['pull-request-review'] {
  const slug = repositorySlug(repo);
  const htmlUrl = r.html(
    `/${slug}/pull/${pr.number}#pullrequestreview-${review.id}`,
  );
  return {
    id: review.id,
    node_id: nodeId('PullRequestReview', review.id),
    user: simpleUser(r, review.reviewer),
    body: review.body,
    state: review.state,
    html_url: htmlUrl,
    pull_request_url: r.api(`/repos/${slug}/pulls/${pr.number}`),
    _links: {
      html: { href: htmlUrl },
      pull_request: { href: r.api(`/repos/${slug}/pulls/${pr.number}`) },
    },
    submitted_at: githubTime(review.submittedAt),
    commit_id: review.commitId,
    author_association: authorAssociation(r, review.reviewer),
  };
}

/** The git blob sha of a text, as git computes it, so a file's sha is what a clone would show. */
export function blobSha(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  return createHash('sha1')
    .update(`blob ${bytes.length}\0`)
    .update(bytes)
    .digest('hex');
}

export function diffEntry(
  r: Rendering,
  repo: Repository,
  ref: string,
  file: FileChange,
): Schemas['diff-entry'] {
  const slug = repositorySlug(repo);
  const path = file.filename.split('/').map(encodeURIComponent).join('/');
  return {
    // The model has no contents; a blob sha derived from the change stands in for it.
    sha: blobSha(`${ref}:${file.filename}:${file.additions}:${file.deletions}`),
    filename: file.filename,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    changes: file.additions + file.deletions,
    blob_url: r.html(`/${slug}/blob/${ref}/${path}`),
    raw_url: r.html(`/${slug}/raw/${ref}/${path}`),
    contents_url: r.api(`/repos/${slug}/contents/${path}?ref=${ref}`),
  };
}

/** A commit's author or committer as a GitHub account: only when a login is known, as on GitHub. */
function commitAccount(
  r: Rendering,
  identity: Commit['author'],
): SimpleUser | null {
  return identity.login ? simpleUser(r, identity.login) : null;
}

/**
 * A commit. `withFiles` adds `files` and `stats`, which GitHub includes only when a single commit
 * is asked for (`GET /commits/{ref}`), not in lists.
 */
export function commit(
  r: Rendering,
  repo: Repository,
  c: Commit,
  options: { withFiles?: boolean } = {},
): Schemas['commit'] {
  const slug = repositorySlug(repo);
  const url = r.api(`/repos/${slug}/commits/${c.sha}`);
  const tree = blobSha(`tree:${c.sha}`);
  const rendered: Schemas['commit'] = {
    url,
    sha: c.sha,
    node_id: nodeId('Commit', c.sha),
    html_url: r.html(`/${slug}/commit/${c.sha}`),
    comments_url: `${url}/comments`,
    commit: {
      url: r.api(`/repos/${slug}/git/commits/${c.sha}`),
      author: {
        name: c.author.name,
        email: c.author.email,
        date: githubTime(c.author.date),
      },
      committer: {
        name: c.committer.name,
        email: c.committer.email,
        date: githubTime(c.committer.date),
      },
      message: c.message,
      comment_count: 0,
      tree: { sha: tree, url: r.api(`/repos/${slug}/git/trees/${tree}`) },
      verification: {
        verified: false,
        reason: 'unsigned',
        payload: null,
        signature: null,
        verified_at: null,
      },
    },
    author: commitAccount(r, c.author),
    committer: commitAccount(r, c.committer),
    parents: c.parents.map(sha => ({
      sha,
      url: r.api(`/repos/${slug}/commits/${sha}`),
      html_url: r.html(`/${slug}/commit/${sha}`),
    })),
  };
  if (!options.withFiles) return rendered;
  const additions = c.files.reduce((sum, f) => sum + f.additions, 0);
  const deletions = c.files.reduce((sum, f) => sum + f.deletions, 0);
  return {
    ...rendered,
    stats: { additions, deletions, total: additions + deletions },
    files: c.files.map(f => diffEntry(r, repo, c.sha, f)),
  };
}

/** Deployments target production when the environment says so; GitHub leaves the rest false. */
function isProduction(environmentName: string): boolean {
  return /^prod/i.test(environmentName);
}

/** A deployment changes only by gaining statuses: it was last updated by its newest one. */
export function deploymentUpdatedAt(d: Deployment): string {
  const newest = statusesNewestFirst(d)[0]?.createdAt;
  return githubTime(
    newest && Date.parse(newest) > Date.parse(d.createdAt)
      ? newest
      : d.createdAt,
  );
}

/** A deployment's statuses as GitHub lists them: newest first (the first is the current one). */
export function statusesNewestFirst(d: Deployment): DeploymentStatus[] {
  return [...d.statuses].sort(
    (a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id,
  );
}

export function deployment(
  r: Rendering,
  repo: Repository,
  d: Deployment,
): Schemas['deployment'] {
  const slug = repositorySlug(repo);
  const url = r.api(`/repos/${slug}/deployments/${d.id}`);
  return {
    url,
    id: d.id,
    node_id: nodeId('Deployment', d.id),
    sha: d.sha,
    ref: d.ref,
    task: d.task,
    payload: d.payload,
    original_environment: d.environment,
    environment: d.environment,
    description: d.description || null,
    creator: simpleUser(r, d.creator),
    created_at: githubTime(d.createdAt),
    updated_at: deploymentUpdatedAt(d),
    statuses_url: `${url}/statuses`,
    repository_url: r.api(`/repos/${slug}`),
    transient_environment: false,
    production_environment: isProduction(d.environment),
    performed_via_github_app: null,
  };
}

export function deploymentStatus(
  r: Rendering,
  repo: Repository,
  d: Deployment,
  s: DeploymentStatus,
): Schemas['deployment-status'] {
  const slug = repositorySlug(repo);
  const deploymentUrl = r.api(`/repos/${slug}/deployments/${d.id}`);
  return {
    url: `${deploymentUrl}/statuses/${s.id}`,
    id: s.id,
    node_id: nodeId('DeploymentStatus', s.id),
    state: s.state,
    creator: simpleUser(r, s.creator),
    description: s.description,
    environment: d.environment,
    // target_url is the older name of log_url; GitHub fills both with the same value.
    target_url: s.logUrl ?? '',
    log_url: s.logUrl ?? '',
    environment_url: '',
    created_at: githubTime(s.createdAt),
    updated_at: githubTime(s.createdAt),
    deployment_url: deploymentUrl,
    repository_url: r.api(`/repos/${slug}`),
    performed_via_github_app: null,
  };
}

export function environmentId(repo: Repository, name: string): number {
  return stableId(`environment:${repositorySlug(repo)}:${name}`);
}

/** The id of an environment's required-reviewers rule, the only protection rule modelled. */
export function requiredReviewersRuleId(
  repo: Repository,
  env: Environment,
): number {
  return stableId(`protection-rule:${repositorySlug(repo)}:${env.name}`);
}

/** The fields every rendering of an environment shares (approvals and webhooks reuse them). */
export function environmentSummary(
  r: Rendering,
  repo: Repository,
  name: string,
) {
  const slug = repositorySlug(repo);
  const id = environmentId(repo, name);
  return {
    id,
    node_id: nodeId('Environment', id),
    name,
    url: r.api(`/repos/${slug}/environments/${encodeURIComponent(name)}`),
    html_url: r.html(
      `/${slug}/deployments/activity_log?environments_filter=${encodeURIComponent(
        name,
      )}`,
    ),
    created_at: githubTime(repo.createdAt),
    updated_at: githubTime(repo.createdAt),
  };
}

export function environment(
  r: Rendering,
  repo: Repository,
  env: Environment,
): Schemas['environment'] {
  const summary = environmentSummary(r, repo, env.name);
  const ruleId = requiredReviewersRuleId(repo, env);
  return {
    ...summary,
    protection_rules:
      env.requiredReviewers.length === 0
        ? []
        : [
            {
              id: ruleId,
              node_id: nodeId('EnvironmentProtectionRule', ruleId),
              type: 'required_reviewers',
              prevent_self_review: env.preventSelfReview,
              reviewers: env.requiredReviewers.map(login => ({
                type: 'User' as const,
                reviewer: simpleUser(r, login),
              })),
            },
          ],
    deployment_branch_policy: null,
  };
}

/**
 * A deployment review as the simulator's own `GET /deployments/{id}/reviews` serves it: the
 * facts of the `deployment_review` webhook, in the words GitHub uses for them.
 */
export function deploymentReview(r: Rendering, review: DeploymentReview) {
  return {
    state: review.state,
    comment: review.comment,
    user: simpleUser(r, review.reviewer),
    submitted_at: githubTime(review.submittedAt),
  };
}

/** `GET /actions/runs/{run_id}/approvals`: one entry per review of the run's environment. */
export function environmentApproval(
  r: Rendering,
  repo: Repository,
  d: Deployment,
  review: DeploymentReview,
): Schemas['environment-approvals'] {
  return {
    environments: [environmentSummary(r, repo, d.environment)],
    state: review.state,
    user: simpleUser(r, review.reviewer),
    comment: review.comment,
  };
}

export function branchProtection(
  r: Rendering,
  repo: Repository,
  p: BranchProtection,
): Schemas['branch-protection'] {
  const url = r.api(
    `/repos/${repositorySlug(repo)}/branches/${encodeURIComponent(
      p.branch,
    )}/protection`,
  );
  return {
    url,
    ...(p.requiredStatusChecks.length > 0 && {
      required_status_checks: {
        url: `${url}/required_status_checks`,
        strict: false,
        contexts: p.requiredStatusChecks,
        checks: p.requiredStatusChecks.map(context => ({
          context,
          app_id: null,
        })),
        contexts_url: `${url}/required_status_checks/contexts`,
      },
    }),
    required_pull_request_reviews: {
      url: `${url}/required_pull_request_reviews`,
      dismiss_stale_reviews: p.dismissStaleReviews,
      require_code_owner_reviews: p.requireCodeOwnerReviews,
      required_approving_review_count: p.requiredApprovingReviewCount,
      require_last_push_approval: false,
    },
    required_signatures: { url: `${url}/required_signatures`, enabled: false },
    enforce_admins: { url: `${url}/enforce_admins`, enabled: p.enforceAdmins },
    required_linear_history: { enabled: false },
    allow_force_pushes: { enabled: p.allowForcePushes },
    allow_deletions: { enabled: p.allowDeletions },
    block_creations: { enabled: false },
    required_conversation_resolution: { enabled: false },
    lock_branch: { enabled: false },
    allow_fork_syncing: { enabled: false },
  };
}

export type RepositoryRule = Schemas['repository-rule'];

/**
 * The branch protection restated as ruleset rules, so that a client reading rulesets sees the
 * same policy a client reading classic branch protection does.
 */
export function rulesOf(p: BranchProtection): RepositoryRule[] {
  const rules: RepositoryRule[] = [
    {
      type: 'pull_request',
      parameters: {
        allowed_merge_methods: ['merge', 'squash', 'rebase'],
        dismiss_stale_reviews_on_push: p.dismissStaleReviews,
        require_code_owner_review: p.requireCodeOwnerReviews,
        require_last_push_approval: false,
        required_approving_review_count: p.requiredApprovingReviewCount,
        required_review_thread_resolution: false,
      },
    },
  ];
  if (!p.allowForcePushes) rules.push({ type: 'non_fast_forward' });
  if (!p.allowDeletions) rules.push({ type: 'deletion' });
  if (p.requiredStatusChecks.length > 0) {
    rules.push({
      type: 'required_status_checks',
      parameters: {
        required_status_checks: p.requiredStatusChecks.map(context => ({
          context,
        })),
        strict_required_status_checks_policy: false,
      },
    });
  }
  return rules;
}

export function rulesetId(repo: Repository, p: BranchProtection): number {
  return stableId(`ruleset:${repositorySlug(repo)}:${p.branch}`);
}

/** `GET /rules/branches/{branch}`: the rules in force, each naming the ruleset it comes from. */
export function rulesDetailed(
  repo: Repository,
  p: BranchProtection,
): Schemas['repository-rule-detailed'][] {
  const info = {
    ruleset_source_type: 'Repository' as const,
    ruleset_source: repositorySlug(repo),
    ruleset_id: rulesetId(repo, p),
  };
  return rulesOf(p).map(
    rule => ({ ...rule, ...info } as Schemas['repository-rule-detailed']),
  );
}

/** One ruleset per protected branch; the list endpoint leaves the rules out, as GitHub does. */
export function ruleset(
  r: Rendering,
  repo: Repository,
  p: BranchProtection,
  options: { withRules?: boolean } = {},
): Schemas['repository-ruleset'] {
  const slug = repositorySlug(repo);
  const id = rulesetId(repo, p);
  return {
    id,
    name: `Protect ${p.branch}`,
    target: 'branch',
    source_type: 'Repository',
    source: slug,
    enforcement: 'active',
    bypass_actors: [],
    current_user_can_bypass: p.enforceAdmins ? 'never' : 'always',
    node_id: nodeId('RepositoryRuleset', id),
    _links: {
      self: { href: r.api(`/repos/${slug}/rulesets/${id}`) },
      html: { href: r.html(`/${slug}/rules/${id}`) },
    },
    conditions: {
      ref_name: { include: [`refs/heads/${p.branch}`], exclude: [] },
    },
    ...(options.withRules && { rules: rulesOf(p) }),
    created_at: githubTime(repo.createdAt),
    updated_at: githubTime(repo.createdAt),
  };
}

function branchUrl(r: Rendering, repo: Repository, branch: string): string {
  return r.api(
    `/repos/${repositorySlug(repo)}/branches/${encodeURIComponent(branch)}`,
  );
}

export function shortBranch(
  r: Rendering,
  repo: Repository,
  name: string,
  sha: string,
): Schemas['short-branch'] {
  const isProtected = repo.protection.some(p => p.branch === name);
  return {
    name,
    commit: {
      sha,
      url: r.api(`/repos/${repositorySlug(repo)}/commits/${sha}`),
    },
    protected: isProtected,
    protection: branchProtectionSummary(repo, name),
    protection_url: `${branchUrl(r, repo, name)}/protection`,
  };
}

/** The protection summary a branch carries: whether protected and which checks it requires. */
function branchProtectionSummary(
  repo: Repository,
  name: string,
): Schemas['branch-protection'] {
  const p = repo.protection.find(candidate => candidate.branch === name);
  return {
    enabled: p !== undefined,
    required_status_checks: {
      enforcement_level:
        p && p.requiredStatusChecks.length > 0 ? 'non_admins' : 'off',
      contexts: p?.requiredStatusChecks ?? [],
      checks: (p?.requiredStatusChecks ?? []).map(context => ({
        context,
        app_id: null,
      })),
    },
  };
}

export function branchWithProtection(
  r: Rendering,
  repo: Repository,
  name: string,
  head: Commit,
): Schemas['branch-with-protection'] {
  const url = branchUrl(r, repo, name);
  return {
    name,
    commit: commit(r, repo, head),
    _links: {
      self: url,
      html: r.html(`/${repositorySlug(repo)}/tree/${name}`),
    },
    protected: repo.protection.some(p => p.branch === name),
    protection: branchProtectionSummary(repo, name),
    protection_url: `${url}/protection`,
  };
}

export function contentFile(
  r: Rendering,
  repo: Repository,
  path: string,
  text: string,
): Schemas['content-file'] {
  const slug = repositorySlug(repo);
  const sha = blobSha(text);
  const url = r.api(
    `/repos/${slug}/contents/${path}?ref=${repo.defaultBranch}`,
  );
  const htmlUrl = r.html(`/${slug}/blob/${repo.defaultBranch}/${path}`);
  const gitUrl = r.api(`/repos/${slug}/git/blobs/${sha}`);
  return {
    type: 'file',
    encoding: 'base64',
    size: Buffer.byteLength(text, 'utf8'),
    name: path.split('/').at(-1) ?? path,
    path,
    // GitHub wraps the base64 text at 60 characters.
    content: (
      Buffer.from(text, 'utf8')
        .toString('base64')
        .match(/.{1,60}/g) ?? []
    ).join('\n'),
    sha,
    url,
    git_url: gitUrl,
    html_url: htmlUrl,
    download_url: `${GITHUB_WEB}/raw/${slug}/${repo.defaultBranch}/${path}`,
    _links: { self: url, git: gitUrl, html: htmlUrl },
  };
}
