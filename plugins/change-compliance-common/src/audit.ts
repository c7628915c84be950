import { CheckId, CheckStatus, DeploymentVerdict } from './checks';

/**
 * Shapes of the auditor's workspace API (`/api/change-compliance/audit/...`): the population of
 * production changes in a period and scope, a stratified sample drawn from it, review marks on
 * the sampled items, and the evidence package. Times are UTC ISO-8601.
 */

/**
 * What an audit covers: a period and the services in scope. Systems and groups expand to the
 * services they contain or own (sub-groups included); an empty scope means every service.
 * @public
 */
export interface AuditScope {
  from: string;
  to: string;
  /** `system:namespace/name` refs. */
  systems?: string[];
  /** `group:namespace/name` refs. */
  groups?: string[];
  /** Service entity refs, e.g. `component:default/payments-api`. */
  services?: string[];
}

/**
 * A stratum of the population: the production changes of one service of one change type.
 * Stratifying by application and by normal/emergency follows testing step 3; the verdict is
 * deliberately not a stratum (a sample must not be chosen by its outcome).
 * @public
 */
export interface AuditStratum {
  /** `<serviceRef>|<changeType>`, stable across draws. */
  key: string;
  serviceRef: string;
  /** The service's system, when the catalog names one. */
  systemRef: string | null;
  changeType: 'normal' | 'emergency';
  /** Production deployments in the period. */
  population: number;
}

/** Answer of `GET /audit/population`. @public */
export interface AuditPopulation {
  scope: AuditScope;
  /** Production deployments of the services in scope within the period. */
  total: number;
  /** How many of them are not evaluated yet or pending: a sample drawn now may change later. */
  pending: number;
  strata: AuditStratum[];
}

/** Body of `POST /audit/samples`. @public */
export interface AuditSampleRequest {
  scope: AuditScope;
  /** Within the policy's sample bounds (25 to 40 by default); the policy's default if absent. */
  size?: number;
  /** Any string; a random one is chosen and returned if absent. The same seed over the same
   * population draws the same sample. */
  seed?: string;
}

/** An auditor's mark on a sampled item. @public */
export interface AuditReviewMark {
  /** The auditor's conclusion for this item after walking its evidence. */
  conclusion: 'effective' | 'exception';
  note: string;
  /** The signed-in user's entity ref. */
  reviewedBy: string;
  reviewedAt: string;
}

/** The result of one testing step (4 to 8) for a sampled deployment, from the checks behind it. @public */
export interface AuditStepResult {
  step: 4 | 5 | 6 | 7 | 8;
  status: CheckStatus;
  checks: Array<{ checkId: CheckId; status: CheckStatus; reason: string }>;
}

/** One sampled production deployment. @public */
export interface AuditSampleItem {
  /** `source/externalId`, as the deployment endpoints take it. */
  deploymentId: string;
  stratumKey: string;
  serviceRef: string;
  environment: string;
  commitSha: string;
  imageDigest?: string;
  imageTag?: string;
  configVersion?: string;
  deployedAt: string;
  actor?: string;
  emergency: boolean;
  verdict?: DeploymentVerdict;
  steps: AuditStepResult[];
  /** Absent until an auditor marks the item reviewed; the latest mark. */
  review?: AuditReviewMark;
}

/** Answer of `POST /audit/samples` and `GET /audit/samples/:id`. @public */
export interface AuditSample {
  id: string;
  scope: AuditScope;
  seed: string;
  size: number;
  drawnBy: string;
  drawnAt: string;
  /** The population the sample was drawn from, as it was at the draw. */
  population: Pick<AuditPopulation, 'total' | 'strata'>;
  items: AuditSampleItem[];
}

/** One line of `GET /audit/samples`. @public */
export interface AuditSampleSummary {
  id: string;
  scope: AuditScope;
  seed: string;
  size: number;
  drawnBy: string;
  drawnAt: string;
  reviewed: number;
}

/** Body of `PUT /audit/samples/:id/items/:source/:externalId/review`. @public */
export interface AuditReviewRequest {
  conclusion: AuditReviewMark['conclusion'];
  note: string;
}
