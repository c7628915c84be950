import {
  ArtifactDigest,
  ArtifactProvenance,
  RunningArtifactObservation,
} from './artifacts';
import {
  ApprovalEvidence,
  BranchProtectionSnapshot,
  CommitEvidence,
  DeploymentRecord,
  EnvironmentProtectionSnapshot,
  PullRequestEvidence,
  RepositoryRecord,
  ServiceRecord,
  TicketEvidence,
} from './evidence';

/** One finished sync of a provider's scope (a repository, a project). @public */
export interface SyncOutcome {
  provider: string;
  scope: string;
  startedAt: string;
  finishedAt: string;
  result: 'success' | 'failure';
  /** Success: where the next sync resumes (unchanged when absent). */
  cursor?: string;
  /** Success: how many items this sync stored. */
  itemsSynced?: number;
  /** Failure: what went wrong, without credentials. */
  error?: string;
}

/**
 * How far a provider's round of syncs (one pass over all its scopes) has got. Recorded as the
 * round goes, so that a long first sync shows its progress. @public
 */
export interface SyncRoundProgress {
  provider: string;
  startedAt: string;
  /** Absent while the round runs. */
  finishedAt?: string;
  /** Scopes (repositories, projects) the round covers. */
  total: number;
  /** Scopes synced so far, failed ones included. */
  done: number;
  failed: number;
  /** Items the round has stored so far. */
  itemsSynced: number;
}

/** Where a provider's last sync of a scope left off. @public */
export interface SyncState {
  cursor: string | null;
  lastSucceededAt: string | null;
}

/**
 * What a provider gets when the Change Compliance backend is ready: the services whose evidence is
 * wanted, and the evidence store's write side. Writes are idempotent upserts by natural keys; a
 * provider that has written evidence asks for the affected services to be evaluated again.
 * @public
 */
export interface EvidenceSink {
  /** The catalog services the product judges, with their repositories and ticket projects. */
  listServices(): Promise<ServiceRecord[]>;

  upsertRepositories(repositories: RepositoryRecord[]): Promise<void>;
  /** Current heads of a repository's branches (name to SHA). */
  upsertBranchHeads(
    repository: string,
    heads: Record<string, string>,
  ): Promise<void>;
  upsertCommits(repository: string, commits: CommitEvidence[]): Promise<void>;
  /** The host's association of commits to the PR that brought them (SHA to PR number). */
  upsertCommitAssociations(
    repository: string,
    pullRequestByCommit: Record<string, number>,
  ): Promise<void>;
  upsertPullRequests(pullRequests: PullRequestEvidence[]): Promise<void>;
  upsertTickets(tickets: TicketEvidence[]): Promise<void>;
  upsertApprovals(approvals: ApprovalEvidence[]): Promise<void>;
  upsertDeployments(deployments: DeploymentRecord[]): Promise<void>;
  /** Keeps a protection snapshot when it differs from the latest one; true when it did. */
  recordBranchProtection(snapshot: BranchProtectionSnapshot): Promise<boolean>;
  /** Keeps an environment's protection when it differs from its latest snapshot; true when it did. */
  recordEnvironmentProtection(
    snapshot: EnvironmentProtectionSnapshot,
  ): Promise<boolean>;

  /**
   * Records one sweep of a cluster for these services: what it saw runs now (first seen kept,
   * last seen moved); what it saw before for them and not now no longer runs.
   */
  recordRunningArtifacts(
    sweep: { cluster: string; serviceRefs: string[]; observedAt: string },
    observations: RunningArtifactObservation[],
  ): Promise<void>;
  /** Image digests of the services' deployments and running artefacts, for provenance sources. */
  listArtifactDigests(): Promise<ArtifactDigest[]>;
  upsertProvenance(provenance: ArtifactProvenance[]): Promise<void>;

  /** Where the provider's last sync of a scope left off (null cursor: never synced). */
  getSyncState(provider: string, scope: string): Promise<SyncState>;
  /** Records how a sync of a scope ended; shown by `GET /sources`. */
  recordSync(outcome: SyncOutcome): Promise<void>;
  /** Records how far the provider's current round of syncs has got; shown by `GET /sources`. */
  recordRoundProgress(progress: SyncRoundProgress): Promise<void>;

  /** Evaluates the services again because their evidence changed; `cause` is kept with verdicts. */
  requestEvaluation(serviceRefs: string[], cause: string): Promise<void>;
}
