/*
 * The evidence providers write, in the store's own vocabulary: what a backend module (GitHub,
 * Jira, ServiceNow, deployment events) turns its upstream's data into. All times are UTC
 * ISO-8601; everything is keyed by natural ids (repository and PR number, ticket key, deployment
 * source and external id), so writing the same evidence twice changes nothing.
 */

import type { EnvironmentProtectionSettings } from '@change-compliance/plugin-change-compliance-common';

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
  /**
   * Who asked for the change (ServiceNow's "requested by", Jira's reporter, an issue's author):
   * their own approval of it is no approval.
   */
  requester?: Actor;
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
  /**
   * What it approves: a ticket (by key) or a deployment (by id: `<source>/<externalId>` of its
   * deployment record, e.g. `github/1234`).
   */
  scope: { ticketKey?: string; deploymentId?: string };
  /** For deployment reviews: whether the approver is a required reviewer of the environment. */
  approverIsRequiredReviewer?: boolean;
}

/** A deployment record as a deployment source reports it. Keyed by source and external id. */
export interface DeploymentRecord {
  source: string;
  externalId: string;
  serviceRef: string;
  environment: string;
  commitSha: string;
  imageDigest?: string;
  imageTag?: string;
  configVersion?: string;
  provenanceCommitSha?: string;
  /** Where the image's build provenance can be read (an attestation URL), as the pipeline says. */
  provenanceRef?: string;
  deployedAt: string;
  actor?: Actor;
  pipelineRunUrl?: string;
  /** The branch deployed from, when the deployment names a branch. */
  ref?: string;
  /** `success` for a deployment that went live; anything else is not a production change. */
  status: string;
  ticketKeys: string[];
}

export interface RepositoryRecord {
  slug: string;
  host: string;
  defaultBranch: string;
}

export interface BranchProtectionSnapshot {
  repository: string;
  branch: string;
  observedAt: string;
  protected: boolean;
  /** Required reviews, admins included, bypass actors, force pushes, ...: shown as evidence. */
  settings: Record<string, unknown>;
}

/**
 * A deployment environment's protection rules as seen at `observedAt` (required reviewers, self
 * review, wait timer, branch policy). Shown as evidence; no check reads it.
 */
export interface EnvironmentProtectionSnapshot {
  /** `owner/name` */
  repository: string;
  environment: string;
  observedAt: string;
  settings: EnvironmentProtectionSettings;
}

/**
 * A service as the store knows it: a catalog entity and where its evidence comes from.
 */
export interface ServiceRecord {
  /** Catalog entity ref, e.g. `component:default/payments-api`. */
  entityRef: string;
  /** `owner/name` of the source repository, when the entity names one. */
  repositorySlug: string | null;
  /**
   * The source-control provider whose annotation named the repository: `gitlab` for
   * `gitlab.com/project-slug`; `github` (also when absent) for `github.com/project-slug`. Each
   * provider syncs only the repositories on its own host.
   */
  sourceControl?: string | null;
  /** Ticket project key (e.g. Jira `PAY`), when the entity names one. */
  ticketProjectKey: string | null;
  /** Monorepo path filter; null means the whole repository is the service's. */
  sourcePaths: string | null;
}
