/**
 * The checks of the control, under the ids auditors see in every view and export. Their
 * semantics are the product's contract: see the README's list of checks.
 */

/** Every check, in the order of the auditor's testing procedure. @public */
export const CHECK_IDS = [
  'ticket.linked',
  'ticket.complete',
  'review.independent',
  'review.qualified',
  'approval.before-deploy',
  'artifact.traceable',
  'trace.bidirectional',
  'process.no-bypass',
] as const;

/** @public */
export type CheckId = (typeof CHECK_IDS)[number];

/**
 * The result of one check. `pending` only for emergency changes whose retrospective window is
 * still open; `not-applicable` always carries the reason.
 * @public
 */
export type CheckStatus = 'pass' | 'fail' | 'pending' | 'not-applicable';

/**
 * A reference to a piece of evidence a result rests on, e.g. `pr:northwind/payments-api#42`,
 * `review:northwind/payments-api#42/1001`, `ticket:jira/PAY-12`, `deployment:github/9001`,
 * `commit:northwind/payments-api@<sha>`.
 * @public
 */
export type EvidenceRef = string;

/** @public */
export interface CheckResult {
  checkId: CheckId;
  status: CheckStatus;
  /** One sentence a person can act on. */
  reason: string;
  evidenceRefs: EvidenceRef[];
}

/**
 * A deployment is compliant when every check passes or is not applicable, pending when none fails
 * and one is pending, and otherwise an exception.
 * @public
 */
export type DeploymentVerdict = 'compliant' | 'pending' | 'exception';

/** The results on one change (a PR or a direct commit) of a deployment. @public */
export interface ChangeEvaluation {
  changeRef: EvidenceRef;
  emergency: boolean;
  /** Set for an emergency change: the end of its retrospective window. */
  emergencyDeadline?: string;
  /** A direct commit by a listed automation account: shown and counted apart. */
  automated: boolean;
  /** Every changed file is exempt: the change needs no ticket, review or approval. */
  exempt: boolean;
  ticketKeys: string[];
  checks: CheckResult[];
}
