/*
 * The organisation the simulator serves: one consistent history across GitHub, Jira and
 * ServiceNow, whether generated (generator/) or written by hand (scenario.ts). The servers
 * (server/) only read it and render it in each upstream's own JSON shapes. Times are UTC ISO-8601
 * strings; people are referred to by their GitHub login everywhere in GitHub data, by Jira
 * account id in Jira data and by ServiceNow sys_id in ServiceNow data.
 */

// The check ids are the product's contract (checks.md); expected verdicts speak in them.
import {
  CHECK_IDS,
  CheckId,
} from '@change-compliance/plugin-change-compliance-common';

export { CHECK_IDS };
export type { CheckId };
export type CheckStatus = 'pass' | 'fail' | 'pending' | 'not-applicable';
export type Verdict = 'compliant' | 'pending' | 'exception';

/** A person or a bot, with an identity in each system. */
/** Host of the simulated GitHub's web links (html_url, run URLs); nothing is served there. */
export const GITHUB_WEB = 'https://github.example';

/** Host of the simulated GitLab's web links (web_url of projects, merge requests, pipelines). */
export const GITLAB_WEB = 'https://gitlab.example';

/** The source-control host a repository lives on: each is served by its own simulated API. */
export type RepositoryHost = 'github' | 'gitlab';

export interface Person {
  /** GitHub login; bots end in `[bot]`. */
  login: string;
  /** Numeric GitHub user id. */
  id: number;
  type: 'User' | 'Bot';
  name: string;
  email: string;
  /** The catalog user this person is, if any (`user:default/alice.nakamura`). */
  userRef?: string;
  /** Jira account id (Cloud) / user key (Data Center). */
  jiraAccountId?: string;
  /** ServiceNow sys_user sys_id. */
  serviceNowSysId?: string;
}

export interface FileChange {
  filename: string;
  status: 'added' | 'modified' | 'removed' | 'renamed';
  additions: number;
  deletions: number;
}

export interface Commit {
  sha: string;
  parents: string[];
  /** Login of the GitHub user, when the author's e-mail belongs to one. */
  author: { login?: string; name: string; email: string; date: string };
  committer: { login?: string; name: string; email: string; date: string };
  /** The whole message, trailers (`Co-authored-by:`) included. */
  message: string;
  files: FileChange[];
}

export interface Review {
  id: number;
  reviewer: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED';
  /** The PR head commit the reviewer saw. */
  commitId: string;
  submittedAt: string;
  body: string;
}

export interface PullRequest {
  number: number;
  title: string;
  body: string;
  author: string;
  headBranch: string;
  baseBranch: string;
  headSha: string;
  /** The commit the merge put on the base branch (merge, squash or rebase result). */
  mergeCommitSha?: string;
  /**
   * Every commit the merge put on the base branch: the merge commit, the squash commit, or each
   * rebased copy. GitHub's `commits/{sha}/pulls` associates each of them with the PR.
   */
  landedCommits?: string[];
  mergeMethod: 'merge' | 'squash' | 'rebase';
  state: 'open' | 'closed';
  createdAt: string;
  updatedAt: string;
  closedAt?: string;
  mergedAt?: string;
  mergedBy?: string;
  labels: string[];
  /**
   * Merged by an administrator past unmet required reviews. GitHub records this only in the
   * organisation's audit log (`protected_branch.policy_override`), not on the PR.
   */
  adminOverride?: boolean;
  /** The PR's own commits, oldest first (shas into Repository.commits). */
  commits: string[];
  reviews: Review[];
}

export interface DeploymentStatus {
  id: number;
  state:
    | 'queued'
    | 'in_progress'
    | 'success'
    | 'failure'
    | 'error'
    | 'inactive';
  creator: string;
  createdAt: string;
  description: string;
  logUrl?: string;
}

/** A GitHub environment's deployment protection review ("deployment review"). */
export interface DeploymentReview {
  reviewer: string;
  state: 'approved' | 'rejected';
  comment: string;
  submittedAt: string;
}

export interface Deployment {
  id: number;
  sha: string;
  /** Branch or tag deployed. */
  ref: string;
  environment: string;
  task: string;
  creator: string;
  createdAt: string;
  description: string;
  /** Free-form; the generator writes `{ service, pipelineRun, tickets? }`. */
  payload: Record<string, unknown>;
  statuses: DeploymentStatus[];
  reviews: DeploymentReview[];
  /** The container image the pipeline built and deployed, for services that ship images. */
  image?: ContainerImage;
}

/** A container image as a registry names it. */
export interface ContainerImage {
  /** `registry.northwind.example/payments-api` */
  repository: string;
  tag: string;
  /** `sha256:<hex>` */
  digest: string;
}

/**
 * A build provenance attestation of an image (in-toto statement, SLSA provenance v1), as GitHub's
 * artifact attestations API serves it for the repository that built the image.
 */
export interface ImageAttestation {
  /** `owner/name` of the repository that built it. */
  repository: string;
  image: ContainerImage;
  /** The commit the build says it built from. */
  sourceCommit: string;
  /** `refs/heads/main` */
  sourceRef: string;
  builtAt: string;
}

/** A pod a Kubernetes cluster runs. */
export interface KubernetesPod {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  /** What created it: a ReplicaSet of a Deployment (its name), or nothing (a bare pod). */
  ownerReplicaSet?: string;
  startedAt: string;
  containers: { name: string; image: ContainerImage }[];
}

export interface BranchProtection {
  branch: string;
  requiredApprovingReviewCount: number;
  dismissStaleReviews: boolean;
  requireCodeOwnerReviews: boolean;
  enforceAdmins: boolean;
  allowForcePushes: boolean;
  allowDeletions: boolean;
  requiredStatusChecks: string[];
}

export interface Environment {
  name: string;
  requiredReviewers: string[];
  preventSelfReview: boolean;
}

/** A pull request as an issue's timeline names it: its repository (`owner/name`) and number. */
export interface PullRequestRef {
  repository: string;
  number: number;
}

/**
 * An event of a GitHub issue's timeline, as GitHub's GraphQL names its kinds: a label added or
 * removed, a mention by a pull request (`willClose`: with a closing keyword), a pull request
 * linked or unlinked through the issue's Development sidebar.
 */
export type IssueTimelineEvent = { actor: string; at: string } & (
  | { kind: 'labeled'; label: string }
  | { kind: 'unlabeled'; label: string }
  | { kind: 'cross-referenced'; source: PullRequestRef; willClose: boolean }
  | { kind: 'connected'; pullRequest: PullRequestRef }
  | { kind: 'disconnected'; pullRequest: PullRequestRef }
);

/** A GitHub issue: a ticket for teams whose tickets are GitHub Issues. */
export interface Issue {
  /** Shares the repository's numbering with its pull requests. */
  number: number;
  title: string;
  /** Markdown. */
  body: string;
  author: string;
  createdAt: string;
  /** The newest of its creation, its timeline's events and its closing. */
  updatedAt: string;
  state: 'open' | 'closed';
  closedAt?: string;
  /** The labels it carries now, after its label events. */
  labels: string[];
  /** Oldest first. */
  timeline: IssueTimelineEvent[];
}

export interface Repository {
  /** Absent: GitHub. A GitLab project's `owner` is its group (namespace) path. */
  host?: RepositoryHost;
  owner: string;
  name: string;
  defaultBranch: string;
  createdAt: string;
  /** Branch name to head SHA. */
  branches: Record<string, string>;
  /** Every commit, in creation order (parents before children). */
  commits: Commit[];
  pullRequests: PullRequest[];
  deployments: Deployment[];
  protection: BranchProtection[];
  environments: Environment[];
  /** Contents of .github/CODEOWNERS, if the repository has one. */
  codeowners?: string;
  /** Its issues, by number; absent where the organisation keeps its tickets elsewhere. */
  issues?: Issue[];
}

export interface JiraChangelogEntry {
  id: string;
  authorAccountId: string;
  created: string;
  items: {
    field: string;
    fromString: string | null;
    toString: string | null;
  }[];
}

export interface JiraIssue {
  id: string;
  key: string;
  projectKey: string;
  issueType: string;
  priority: string;
  status: string;
  summary: string;
  /** Plain text; v3 renders it as Atlassian Document Format. */
  description: string | null;
  reporterAccountId: string;
  assigneeAccountId?: string;
  created: string;
  updated: string;
  labels: string[];
  /** Custom fields by id (`customfield_10101`): justification, implementation plan, rollback. */
  customFields: Record<string, string | null>;
  changelog: JiraChangelogEntry[];
  remoteLinks: { id: number; url: string; title: string }[];
}

export interface JiraProject {
  id: string;
  key: string;
  name: string;
}

export interface ServiceNowUser {
  sysId: string;
  userName: string;
  name: string;
  email: string;
}

export interface ChangeRequest {
  sysId: string;
  number: string;
  shortDescription: string;
  description: string;
  justification: string;
  implementationPlan: string;
  backoutPlan: string;
  /** ServiceNow change states: -5 new, -4 assess, -3 authorize, -2 scheduled, -1 implement, 0 review, 3 closed, 4 canceled. */
  state: string;
  type: 'normal' | 'standard' | 'emergency';
  priority: string;
  requestedBy: string;
  openedAt: string;
  updatedAt: string;
  /** e.g. the PR or deployment it covers. */
  correlationDisplay?: string;
}

export interface ApprovalRecord {
  sysId: string;
  /** The change_request's sys_id. */
  changeSysId: string;
  approverSysId: string;
  state: 'requested' | 'approved' | 'rejected';
  updatedAt: string;
  comments: string;
}

/** What the organisation's own data says each check should conclude for one deployment. */
export interface ExpectedDeployment {
  /** The catalog entity deployed, `component:default/payments-api`. */
  service: string;
  /** `owner/name` */
  repository: string;
  deploymentId: number;
  sha: string;
  environment: string;
  deployedAt: string;
  checks: Record<CheckId, CheckStatus>;
  verdict: Verdict;
  /** The kinds of messiness planted in this deployment's changes (empty: a clean one). */
  messiness: string[];
  /**
   * The changes shipped, repository-wide (a monorepo service's path filter is not applied):
   * `owner/name#number` for PRs, the SHA for direct commits.
   */
  changes: string[];
}

export interface Organisation {
  /** The simulated "now": emergency windows and `updated` filters are relative to it. */
  now: string;
  people: Person[];
  repositories: Repository[];
  jira: { projects: JiraProject[]; issues: JiraIssue[] };
  serviceNow: {
    users: ServiceNowUser[];
    changeRequests: ChangeRequest[];
    approvals: ApprovalRecord[];
  };
  expected: ExpectedDeployment[];
  /** Build provenance of the images deployments shipped (GitHub artifact attestations). */
  attestations?: ImageAttestation[];
  /** The production cluster's pods, for services that run on Kubernetes. */
  kubernetes?: { cluster: string; pods: KubernetesPod[] };
  /**
   * The answer key of the GitLab-hosted repositories' deployments (GitLab deployments, named
   * `gitlab/<id>` by the product), kept apart from `expected` like Argo CD's: `expected` holds
   * only what the simulated GitHub serves. Absent: no repository is on GitLab.
   */
  gitlab?: { expected: ExpectedDeployment[] };
  /**
   * Argo CD instances, for services whose production deployments are Argo CD syncs rather than
   * GitHub deployments (their code still lives in GitHub). Absent: the organisation deploys with
   * GitHub only.
   */
  argoCd?: ArgoCdOrganisation;
}

/** A successful, whole sync of an Argo CD application, as `status.history[]` records it. */
export interface ArgoCdHistoryEntry {
  /** Numbered per application from 0, as Argo CD numbers them. */
  id: number;
  /** The commit synced. */
  revision: string;
  /** The application's `source.targetRevision` at the time: `HEAD` or the branch it followed. */
  targetRevision: string;
  deployStartedAt: string;
  deployedAt: string;
  /** A person's Argo CD user name (their SSO e-mail), or the automated sync policy. */
  initiatedBy: { username?: string; automated: boolean };
}

/** An Argo CD application that deploys one catalog service from its repository. */
export interface ArgoCdApplication {
  name: string;
  /** The catalog entity it deploys, `component:default/help-centre`. */
  service: string;
  project: string;
  /** `owner/name` of the repository its source is, and the path of its manifests there. */
  repository: string;
  path: string;
  /** Cluster name (the environment), server and namespace. */
  destination: { name: string; server: string; namespace: string };
  automated: boolean;
  /** Oldest first, as Argo CD keeps it. */
  history: ArgoCdHistoryEntry[];
}

export interface ArgoCdInstance {
  /** As `argocd.appLocatorMethods[].instances[].name` and `argocd/instance-name` name it. */
  name: string;
  applications: ArgoCdApplication[];
}

/** The answer key for a production deployment that is an Argo CD sync. */
export interface ExpectedArgoCdDeployment extends ExpectedDeployment {
  instance: string;
  application: string;
  historyId: number;
}

export interface ArgoCdOrganisation {
  instances: ArgoCdInstance[];
  /**
   * Kept apart from `Organisation.expected`, whose deployments are all GitHub deployments: a
   * GitHub-only consumer of the answer key finds only what GitHub serves there.
   */
  expected: ExpectedArgoCdDeployment[];
}

export function repositorySlug(repository: Repository): string {
  return `${repository.owner}/${repository.name}`;
}
