import { EvidenceRef } from '@change-compliance/plugin-change-compliance-common';
import { ChangePolicy } from '../policy/ChangePolicy';
import type { ApprovalCount } from './countingApprovals';
import {
  Actor,
  ChangeEvidence,
  DeploymentEvaluationInput,
  PullRequestEvidence,
  TicketEvidence,
} from './evidence';

/** Everything a change-level check reads, computed once per change. */
export interface ChangeContext {
  input: DeploymentEvaluationInput;
  policy: ChangePolicy;
  change: ChangeEvidence;
  ref: EvidenceRef;
  authors: Actor[];
  /** Keys the change references, whether or not a ticket exists for them. */
  referencedKeys: string[];
  /** Referenced tickets that exist in a ticket system configured for the service. */
  linkedTickets: TicketEvidence[];
  /** Set for an emergency change: the end of its retrospective window. */
  emergencyDeadline?: string;
  /** The PR's approvals that count, kept by countApprovals once counted. */
  approvalCount?: { pr: PullRequestEvidence; count: ApprovalCount };
}

/**
 * How a check treats evidence that is still missing: an emergency change may still get it until
 * its deadline (pending); anything else fails now.
 */
export function unmetStatus(ctx: ChangeContext): 'pending' | 'fail' {
  if (
    ctx.emergencyDeadline &&
    Date.parse(ctx.input.evaluatedAt) < Date.parse(ctx.emergencyDeadline)
  ) {
    return 'pending';
  }
  return 'fail';
}

/** Whether an event at `at` is in time, given the normal limit (exclusive) and the emergency window. */
export function inTime(
  ctx: ChangeContext,
  at: string | null | undefined,
  before: string,
): boolean {
  if (!at) return false;
  const time = Date.parse(at);
  if (time < Date.parse(before)) return true;
  return Boolean(
    ctx.emergencyDeadline && time <= Date.parse(ctx.emergencyDeadline),
  );
}
