/**
 * The evidence graph the engine judges: everything known about one production deployment and the
 * changes it shipped, already normalised by the providers and resolved against the catalog.
 * All times are UTC ISO-8601. The engine reads these and nothing else: it never fetches.
 */

/** A person or account acting on a change. */
export interface Actor {
  /** Login on the source-control host or ticket system. */
  login: string;
  /** The host's account type; `Bot` for app and bot accounts. */
  type?: 'User' | 'Bot' | 'Organization';
  email?: string;
  /** Catalog user the login resolves to, when known. */
  userRef?: string;
  /** Catalog groups (entity refs) the user belongs to, directly or through parents. */
  groups?: string[];
}

export interface CommitEvidence {
  sha: string;
  parents: string[];
  author: Actor;
  /** People named in `Co-authored-by` trailers. */
  coAuthors: Actor[];
  committer?: Actor;
  /** Who pushed it to the protected branch, when the host says so. */
  pushedBy?: Actor;
  message: string;
  committedAt: string;
  /** Files changed, relative to the repository root; undefined when not known. */
  changedFiles?: string[];
  /** For a PR's own commits: whether it merges the base branch into the PR branch. */
  isMergeFromBase?: boolean;
}

export type ReviewState =
  | 'APPROVED'
  | 'CHANGES_REQUESTED'
  | 'COMMENTED'
  | 'DISMISSED'
  | 'PENDING';

export interface ReviewEvidence {
  id: string;
  reviewer: Actor;
  state: ReviewState;
  /** The head commit the reviewer saw. */
  commitId: string | null;
  submittedAt: string | null;
  dismissed: boolean;
}

export interface PullRequestEvidence {
  repository: string;
  number: number;
  url?: string;
  title: string;
  body: string;
  headBranch: string;
  baseBranch: string;
  author: Actor;
  /** The final head commit of the PR. */
  headSha: string;
  mergeCommitSha: string | null;
  mergedAt: string | null;
  mergedBy?: Actor;
  /** Merged by an administrator override of required reviews or rules. */
  mergedWithAdminOverride: boolean;
  labels: string[];
  /** The PR's own commits, oldest first. */
  commits: CommitEvidence[];
  reviews: ReviewEvidence[];
  changedFiles?: string[];
  /** Per changed path, the logins that own it per CODEOWNERS (teams already expanded). */
  codeOwnersByPath?: Record<string, string[]>;
}

export interface TicketStatusChange {
  from: string | null;
  to: string;
  actor: Actor;
  at: string;
}

export interface TicketEvidence {
  system: string;
  key: string;
  url?: string;
  type?: string;
  priority?: string;
  /** Field values by the ticket system's field names. */
  fields: Record<string, string | null | undefined>;
  statusHistory: TicketStatusChange[];
  /**
   * What the ticket points back at: PR URLs or `owner/repo#n`, commit SHAs, deployment ids, as read
   * from remote links, development info, comments or fields.
   */
  links: string[];
}

export interface ApprovalEvidence {
  id: string;
  /** e.g. `jira-transition`, `servicenow-approval`, `github-deployment-review`. */
  source: string;
  approver: Actor;
  approvedAt: string;
  state: 'approved' | 'rejected';
  /** What it approves: a ticket (by key) or a deployment (by id). */
  scope: { ticketKey?: string; deploymentId?: string };
  /** For deployment reviews: whether the approver is a required reviewer of the environment. */
  approverIsRequiredReviewer?: boolean;
}

export interface DeploymentEvidence {
  /** `source/externalId`, e.g. `github/9001`. */
  id: string;
  source: string;
  environment: string;
  commitSha: string;
  imageDigest?: string;
  /** Source commit named by the image's build provenance, when provenance is available. */
  provenanceCommitSha?: string;
  configVersion?: string;
  deployedAt: string;
  actor?: Actor;
  pipelineRunUrl?: string;
  /** The branch deployed from, when the deployment names a branch (not a tag or SHA). */
  ref?: string;
  /** Ticket keys the deployment record itself lists. */
  ticketKeys: string[];
}

export interface RepositoryEvidence {
  slug: string;
  defaultBranch: string;
  /** Whether the deployed commit exists in the repository. */
  commitExists: boolean;
  /** Branches whose history contains the deployed commit. */
  branchesContainingCommit: string[];
  /** Branches protected (PR and review required) at the time of the deployment. */
  protectedBranches: string[];
}

/** A change of a change set: a PR, or a commit that reached the branch without one. */
export type ChangeEvidence =
  | { kind: 'pull-request'; pullRequest: PullRequestEvidence }
  | { kind: 'direct'; commit: CommitEvidence; repository: string };

export interface ServiceEvidence {
  entityRef: string;
  /** Owning groups of the service (entity refs) from the catalog. */
  owningGroups: string[];
  /** Ticket systems configured for this service; none configured is a fail, not n/a. */
  ticketSystems: string[];
  /** Stricter per-service minimum of approvals from the entity's annotation. */
  minApprovals?: number;
}

/** Everything the engine needs to judge one production deployment. */
export interface DeploymentEvaluationInput {
  service: ServiceEvidence;
  deployment: DeploymentEvidence;
  repository: RepositoryEvidence;
  changes: ChangeEvidence[];
  /**
   * Whether `changes` is the whole change set. When the commit history needed to compute it is
   * missing, the change set is unknown, and an unknown change set passes nothing.
   */
  changeSet: { complete: boolean; reason?: string };
  /** Tickets found in the ticket systems, by key; a referenced key missing here does not exist. */
  tickets: Record<string, TicketEvidence>;
  approvals: ApprovalEvidence[];
  /** When the evaluation runs; decides whether an emergency window is still open. */
  evaluatedAt: string;
}
