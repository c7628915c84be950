/**
 * The evidence graph the engine judges: everything known about one production deployment and the
 * changes it shipped, already normalised by the providers and resolved against the catalog.
 * All times are UTC ISO-8601. The engine reads these and nothing else: it never fetches.
 */

import type {
  Actor,
  CommitEvidence,
  ReviewState,
  ReviewEvidence,
  PullRequestEvidence,
  TicketStatusChange,
  TicketEvidence,
  ApprovalEvidence,
} from '@change-compliance/plugin-change-compliance-node';

// What providers write is defined beside the extension points they implement.
export type {
  Actor,
  CommitEvidence,
  ReviewState,
  ReviewEvidence,
  PullRequestEvidence,
  TicketStatusChange,
  TicketEvidence,
  ApprovalEvidence,
};

export interface DeploymentEvidence {
  /** `source/externalId`, e.g. `github/9001`. */
  id: string;
  source: string;
  environment: string;
  commitSha: string;
  imageDigest?: string;
  /**
   * Source commit of the image's build provenance as the pipeline reported it in the deployment
   * record (not checked by any signature).
   */
  provenanceCommitSha?: string;
  /** Build provenance statements about `imageDigest`, as attestation sources served them. */
  provenance?: ProvenanceEvidence[];
  configVersion?: string;
  deployedAt: string;
  actor?: Actor;
  pipelineRunUrl?: string;
  /** The branch deployed from, when the deployment names a branch (not a tag or SHA). */
  ref?: string;
  /** Ticket keys the deployment record itself lists. */
  ticketKeys: string[];
}

/** One build provenance statement about a deployment's image digest. */
export interface ProvenanceEvidence {
  /** Where it came from: an attestation source's id, or `deployment record`. */
  source: string;
  /** The commit it names as the build's source; absent when it names none. */
  sourceCommit?: string;
  sourceRepository?: string;
  verification: 'verified' | 'unverified' | 'failed';
  /** Why the verification came out so. */
  verificationNote: string;
  url?: string;
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
  /**
   * The ticket keys each change references (`changeTicketKeys`), when the caller has read them
   * already: the service evaluator reads them before judging, to fetch the tickets. A change
   * missing here has its references read from its texts.
   */
  referencedTicketKeys?: ReadonlyMap<ChangeEvidence, string[]>;
}
