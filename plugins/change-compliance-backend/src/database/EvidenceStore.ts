import {
  SourceStatus,
  SyncRound,
} from '@change-compliance/plugin-change-compliance-common';
import type {
  ArtifactDigest,
  ArtifactProvenance,
  RunningArtifact,
  RunningArtifactObservation,
  SyncOutcome,
  SyncRoundProgress,
  SyncState,
} from '@change-compliance/plugin-change-compliance-node';
import {
  ApprovalEvidence,
  CommitEvidence,
  PullRequestEvidence,
  TicketEvidence,
} from '../engine/evidence';
import {
  BranchProtectionSnapshot,
  EnvironmentProtectionSnapshot,
  CommitGraphEntry,
  DeploymentFilter,
  DeploymentRecord,
  DeploymentWithVerdict,
  VerdictCounts,
  RepositoryRecord,
  StoredEvaluation,
  VerdictChange,
  VerdictRecord,
} from './records';
import { ServiceRecord, StoredService } from './ServiceRecord';

/** What the store says about itself, for health checks and support. */
export interface StoreDescription {
  client: string;
  schemaVersion: string | null;
}

/**
 * The one place that knows SQL. Everything the plugin keeps goes through this interface, so the
 * engine and the router can be tested without a database and the store without either.
 *
 * Every write is an idempotent upsert by natural key, in batches: writing the same records twice
 * leaves the store as after the first write, so a re-sync changes nothing that did not change.
 */
export type { SyncOutcome, SyncRoundProgress, SyncState };

export interface EvidenceStore {
  describe(): Promise<StoreDescription>;

  upsertServices(services: ServiceRecord[]): Promise<void>;
  listServices(): Promise<StoredService[]>;

  upsertRepositories(repositories: RepositoryRecord[]): Promise<void>;
  getRepository(slug: string): Promise<RepositoryRecord | undefined>;
  /** The current head commit of each branch the source-control provider reports. */
  upsertBranchHeads(
    repository: string,
    heads: Record<string, string>,
  ): Promise<void>;
  getBranchHeads(repository: string): Promise<Record<string, string>>;

  upsertDeployments(deployments: DeploymentRecord[]): Promise<void>;
  /** Stores one deployment event; `created` is true for exactly one of its concurrent posts. */
  recordDeployment(deployment: DeploymentRecord): Promise<{ created: boolean }>;
  getDeployment(id: string): Promise<DeploymentRecord | undefined>;
  /** A service's deployments of the given status, oldest first. */
  listServiceDeployments(
    serviceRef: string,
    options?: { status?: string },
  ): Promise<DeploymentRecord[]>;

  upsertCommits(repository: string, commits: CommitEvidence[]): Promise<void>;
  getCommits(repository: string, shas: string[]): Promise<CommitEvidence[]>;
  listCommits(repository: string): Promise<CommitEvidence[]>;
  /**
   * Every commit's parents and time: the history change sets are walked on, without what each
   * commit says (getCommits reads that for the few commits that need it).
   */
  listCommitGraph(repository: string): Promise<CommitGraphEntry[]>;
  /** The host's association of branch commits to PR numbers. */
  upsertCommitAssociations(
    repository: string,
    pullRequestByCommit: Record<string, number>,
  ): Promise<void>;
  getCommitAssociations(
    repository: string,
    shas: string[],
  ): Promise<Record<string, number>>;
  /** All of a repository's associations, by commit SHA. */
  listCommitAssociations(repository: string): Promise<Map<string, number>>;

  /** Pull requests with their reviews. */
  upsertPullRequests(pullRequests: PullRequestEvidence[]): Promise<void>;
  getPullRequests(
    repository: string,
    numbers: number[],
  ): Promise<PullRequestEvidence[]>;
  findPullRequestsByMergeCommit(
    repository: string,
    shas: string[],
  ): Promise<PullRequestEvidence[]>;
  listPullRequests(repository: string): Promise<PullRequestEvidence[]>;

  upsertTickets(tickets: TicketEvidence[]): Promise<void>;
  getTickets(keys: string[]): Promise<Record<string, TicketEvidence>>;
  /**
   * The tickets with these keys, as a list: what getTickets keys by key, for a caller that reads
   * thousands of them (an object with thousands of keys is slow to build).
   */
  listTickets(keys: string[]): Promise<TicketEvidence[]>;

  upsertApprovals(approvals: ApprovalEvidence[]): Promise<void>;
  getApprovals(scope: {
    ticketKeys: string[];
    deploymentIds: string[];
  }): Promise<ApprovalEvidence[]>;

  /** Records a protection snapshot when it differs from the latest one; true when it did. */
  recordBranchProtection(snapshot: BranchProtectionSnapshot): Promise<boolean>;
  /** Branches that were protected at time `at`, by the latest snapshot before it. */
  protectedBranchesAt(repository: string, at: string): Promise<string[]>;
  branchProtectionHistory(
    repository: string,
  ): Promise<BranchProtectionSnapshot[]>;

  /** Records an environment's protection when it differs from its latest snapshot; true when it did. */
  recordEnvironmentProtection(
    snapshot: EnvironmentProtectionSnapshot,
  ): Promise<boolean>;
  /** Every recorded change of a repository's environments' protection, by environment, oldest first. */
  environmentProtectionHistory(
    repository: string,
  ): Promise<EnvironmentProtectionSnapshot[]>;

  /** What a cluster's sweep saw running for its services (see EvidenceSink). */
  recordRunningArtifacts(
    sweep: { cluster: string; serviceRefs: string[]; observedAt: string },
    observations: RunningArtifactObservation[],
  ): Promise<void>;
  /** A service's running artefacts, still running ones first. */
  listRunningArtifacts(serviceRef: string): Promise<RunningArtifact[]>;
  /** Digests of deployments and running artefacts, with whether provenance is stored. */
  listArtifactDigests(): Promise<ArtifactDigest[]>;
  upsertProvenance(provenance: ArtifactProvenance[]): Promise<void>;
  /** Stored build provenance statements of these image digests. */
  listProvenance(digests: string[]): Promise<ArtifactProvenance[]>;
  /** A service's deployments carrying one of these image digests, oldest first. */
  listDeploymentsWithDigests(
    serviceRef: string,
    digests: string[],
  ): Promise<
    {
      id: string;
      environment: string;
      status: string;
      imageDigest: string;
      deployedAt: string;
    }[]
  >;

  /**
   * Records the outcome of one sync of a source's scope: a success moves the cursor and resets
   * the failure count; a failure keeps the cursor (the next sync resumes from the last good one)
   * and counts. Providers pass error messages without credentials.
   */
  recordSync(outcome: SyncOutcome): Promise<void>;
  getSyncState(provider: string, scope: string): Promise<SyncState>;
  listSourceStatus(): Promise<SourceStatus[]>;
  recordRoundProgress(progress: SyncRoundProgress): Promise<void>;
  listSyncRounds(): Promise<SyncRound[]>;

  /**
   * Stores an evaluation as the deployment's current result. When the verdict or any check's
   * status differs from the stored one (or there was none), the change is added to the history
   * with the cause, and returned.
   */
  saveEvaluation(
    evaluation: StoredEvaluation,
    cause: string,
  ): Promise<VerdictChange | undefined>;
  /** saveEvaluation for many deployments, in one transaction; returns the changes kept. */
  saveEvaluations(
    evaluations: StoredEvaluation[],
    cause: string,
  ): Promise<VerdictChange[]>;
  /** saveEvaluations for evaluations already in the form the store keeps (`toVerdictRecord`). */
  saveVerdictRecords(
    records: VerdictRecord[],
    cause: string,
  ): Promise<VerdictChange[]>;
  getEvaluation(deploymentId: string): Promise<StoredEvaluation | undefined>;
  /**
   * A token that changes whenever the service's deployments, verdicts or running artefacts do:
   * what its summary and deployment list show. Equal tokens mean equal answers.
   */
  serviceRevision(serviceRef: string): Promise<string>;
  /**
   * Counts of a service's current verdicts for deployments in [from, to), by week and by
   * outcome: what a summary needs, without reading thousands of rows.
   */
  countVerdicts(
    serviceRef: string,
    period: { from: string; to: string },
  ): Promise<VerdictCounts>;
  /** One page of a service's deployments, newest first, with their current verdicts. */
  pageDeployments(
    serviceRef: string,
    filter: DeploymentFilter,
    page: { offset: number; limit: number },
  ): Promise<{ items: DeploymentWithVerdict[]; total: number }>;
  verdictHistory(deploymentId: string): Promise<VerdictChange[]>;
}
