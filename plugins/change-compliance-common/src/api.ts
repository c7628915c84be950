import {
  ChangeEvaluation,
  CheckId,
  CheckResult,
  CheckStatus,
  DeploymentVerdict,
} from './checks';
import { ArtifactException, RunningArtifactView } from './runningArtifacts';
import { EnvironmentProtectionEvidence } from './environmentProtection';

/**
 * Shapes of the REST API at `/api/change-compliance`. Times are UTC ISO-8601.
 */

/** Answer of `POST /deployments`. @public */
export interface DeploymentIngestResponse {
  /** `source/externalId` */
  id: string;
  /** false when the same deployment had been recorded before (the call changed nothing new). */
  created: boolean;
}

/** Counts of one week, for trend charts. @public */
export interface TrendBucket {
  /** Monday 00:00 UTC of the week. */
  weekStart: string;
  compliant: number;
  exceptions: number;
  pending: number;
}

/** Answer of `GET /entities/:kind/:namespace/:name/summary`. @public */
export interface ServiceSummary {
  entityRef: string;
  from: string;
  to: string;
  compliant: number;
  exceptions: number;
  pending: number;
  /** compliant / (compliant + exceptions); null when nothing could be scored. */
  score: number | null;
  trend: TrendBucket[];
  /** How often each check failed in the period. */
  failuresByCheck: Partial<Record<CheckId, number>>;
  /** Images running for the service now, where a cluster reports them. */
  runningArtifacts?: RunningArtifactView[];
  /** Running images that no production deployment explains ("unknown artifact in production"). */
  artifactExceptions?: ArtifactException[];
}

/** One row of a service's deployment history. @public */
export interface DeploymentListItem {
  id: string;
  environment: string;
  commitSha: string;
  imageDigest?: string;
  imageTag?: string;
  deployedAt: string;
  actor?: string;
  pipelineRunUrl?: string;
  /** Absent until the deployment has been evaluated. */
  verdict?: DeploymentVerdict;
  checks: Partial<Record<CheckId, CheckStatus>>;
}

/** Answer of `GET /entities/:kind/:namespace/:name/deployments`. @public */
export interface DeploymentPage {
  items: DeploymentListItem[];
  page: number;
  pageSize: number;
  totalItems: number;
}

/** Answer of `GET /deployments/:source/:externalId`. @public */
export interface DeploymentDetail {
  deployment: DeploymentListItem & {
    serviceRef: string;
    ref?: string;
    ticketKeys: string[];
    configVersion?: string;
  };
  checks: CheckResult[];
  /** Per change: its ref, markers and check results. */
  changes: ChangeEvaluation[];
  history: Array<{
    verdict: DeploymentVerdict;
    previousVerdict: DeploymentVerdict | null;
    cause: string;
    evaluatedAt: string;
  }>;
  evaluatedAt?: string;
}

/** A person or bot as the evidence names them (an upstream login), for a trace. @public */
export interface TraceActor {
  login: string;
  type?: 'User' | 'Bot' | 'Organization';
}

/** A review of a PR in a trace. @public */
export interface TraceReview {
  reviewer: TraceActor;
  state:
    | 'APPROVED'
    | 'CHANGES_REQUESTED'
    | 'COMMENTED'
    | 'DISMISSED'
    | 'PENDING';
  submittedAt: string | null;
  /** The commit the review was given on. */
  commitId: string | null;
  dismissed: boolean;
}

/** A PR of a deployment's change set, as stored. @public */
export interface TracePullRequest {
  /** The change's evidence ref, `pr:owner/repo#42`, as `changes[].changeRef` names it. */
  changeRef: string;
  repository: string;
  number: number;
  url: string | null;
  title: string;
  author: TraceActor;
  headSha: string;
  mergeCommitSha: string | null;
  mergedAt: string | null;
  mergedBy: TraceActor | null;
  mergedWithAdminOverride: boolean;
  labels: string[];
  reviews: TraceReview[];
}

/** A commit that reached the branch without a PR. @public */
export interface TraceDirectCommit {
  /** `commit:owner/repo@sha`, as `changes[].changeRef` names it. */
  changeRef: string;
  repository: string;
  sha: string;
  author: TraceActor;
  committedAt: string;
  /** The first line of the message. */
  subject: string;
}

/** A required ticket field and whether the ticket fills it (as `ticket.complete` judges). @public */
export interface TraceTicketField {
  /** The logical field the policy requires: description, requester, justification, ... */
  field: string;
  /** The ticket system's field the policy maps it to; null when unmapped (counts as missing). */
  sourceField: string | null;
  filled: boolean;
}

/** A ticket a change references. @public */
export interface TraceTicket {
  system: string;
  key: string;
  url: string | null;
  type: string | null;
  priority: string | null;
  requester: TraceActor | null;
  requiredFields: TraceTicketField[];
  /** What the ticket links back to: PRs, commits, deployments. */
  links: string[];
}

/** A formal approval (or rejection) of a ticket or of the deployment. @public */
export interface TraceApproval {
  source: string;
  approver: TraceActor;
  approvedAt: string;
  state: 'approved' | 'rejected';
  ticketKey: string | null;
  /** Set when it approves the deployment itself (a GitHub deployment review). */
  deploymentId: string | null;
}

/**
 * Answer of `GET /deployments/:source/:externalId/trace`: the stored evidence behind a deployment's
 * verdict, from its change set to the tickets and approvals. @public
 */
export interface DeploymentTrace {
  deploymentId: string;
  pullRequests: TracePullRequest[];
  directCommits: TraceDirectCommit[];
  tickets: TraceTicket[];
  approvals: TraceApproval[];
}

/**
 * A production branch's protection as the evidence recorded it at one moment: PR required,
 * required approvals, stale-review dismissal, code-owner review, admins included, force pushes
 * and deletions, required status checks. @public
 */
export interface BranchProtectionRecord {
  branch: string;
  /** From when this protection stood (until the next record of the same branch). */
  observedAt: string;
  /** Whether changes to the branch need an approved pull request. */
  protected: boolean;
  settings: Record<string, unknown>;
}

/**
 * Answer of `GET /entities/:kind/:namespace/:name/repository`: the repository a service's changes
 * come from and the protection of its branches over time, as evidence beside the checks. @public
 */
export interface RepositoryEvidence {
  entityRef: string;
  repository: string;
  defaultBranch: string | null;
  /** The branches (globs; `$default` is the default branch) production may be deployed from. */
  productionBranches: string[];
  /** Every recorded change of protection, branch by branch, oldest first. */
  protection: BranchProtectionRecord[];
  /** The environment names (globs) the policy counts as production. */
  productionEnvironments: string[];
  /** The repository's deployment environments, production ones first, then by name. */
  environments: EnvironmentProtectionEvidence[];
}

/** One owned service in a group's rollup. @public */
export interface GroupServiceSummary
  extends Pick<
    ServiceSummary,
    'entityRef' | 'compliant' | 'exceptions' | 'pending' | 'score' | 'trend'
  > {
  /** The check that failed most often in the period, if any failed. */
  worstCheck?: CheckId;
}

/** Answer of `GET /groups/:namespace/:name/summary`. @public */
export interface GroupSummary {
  groupRef: string;
  from: string;
  to: string;
  /** Over all owned services, weighted by deployments. */
  compliant: number;
  exceptions: number;
  pending: number;
  score: number | null;
  /** Over all owned services: how many deployments each check failed. */
  failuresByCheck: ServiceSummary['failuresByCheck'];
  services: GroupServiceSummary[];
}

/**
 * How one evidence source last synced (`GET /sources`): an auditor judges from it whether the
 * evidence is complete; an operator sees a failing source. @public
 */
export interface SourceStatus {
  /** Provider id, e.g. `github`, `jira`, `servicenow`. */
  provider: string;
  /** What it syncs: a repository slug, a project key. */
  scope: string;
  lastStartedAt: string | null;
  lastSucceededAt: string | null;
  lastFailedAt: string | null;
  /** Where the next incremental sync resumes, as the provider wrote it. */
  cursor: string | null;
  /** The last failure's message (providers record it without credentials). */
  lastError: string | null;
  consecutiveFailures: number;
  /** Items stored by all successful syncs so far. */
  itemsSynced: number;
}

/** Answer of `GET /sources`. @public */
/** How far a provider's current (or last) round of syncs over all its scopes has got. */
export interface SyncRound {
  provider: string;
  startedAt: string;
  /** Null while the round runs. */
  finishedAt: string | null;
  /** Scopes (repositories, projects) the round covers. */
  total: number;
  /** Scopes synced so far, failed ones included. */
  done: number;
  failed: number;
  itemsSynced: number;
}

export interface SourcesResponse {
  sources: SourceStatus[];
  /** One entry per provider that has started a round. */
  rounds: SyncRound[];
}
