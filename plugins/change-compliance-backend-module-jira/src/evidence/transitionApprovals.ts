import { ApprovalEvidence } from '@change-compliance/plugin-change-compliance-node';
import { ANONYMOUS } from './jiraActor';
import { StatusTransition } from './statusTransitions';

/** `ApprovalEvidence.source` of an approval read from a Jira workflow. */
export const JIRA_TRANSITION_SOURCE = 'jira-transition';

/** The workflow statuses that mean a change was approved or rejected (names, any case). */
export interface ApprovalStatuses {
  approved: string[];
  rejected: string[];
}

function isOneOf(status: string | null, names: string[]): boolean {
  const wanted = status?.trim().toLowerCase();
  return Boolean(wanted) && names.some(n => n.trim().toLowerCase() === wanted);
}

/**
 * The approvals a ticket's workflow records: whoever moved the issue into an approved status
 * approved the change, at that moment; a move into a rejected status rejected it. Only the move
 * into the approved statuses counts: a later move between two of them (Approved to Approved for
 * release) decides nothing anew. A move by no known account (an anonymous or deleted user's
 * history) approves nothing, since no one can be shown to be an authorised approver; it still
 * rejects.
 */
export function transitionApprovals(
  ticketKey: string,
  transitions: StatusTransition[],
  statuses: ApprovalStatuses,
): ApprovalEvidence[] {
  const approvals: ApprovalEvidence[] = [];
  for (const transition of transitions) {
    const approves =
      isOneOf(transition.to, statuses.approved) &&
      !isOneOf(transition.from, statuses.approved) &&
      transition.actor.login !== ANONYMOUS.login;
    const rejects =
      isOneOf(transition.to, statuses.rejected) &&
      !isOneOf(transition.from, statuses.rejected);
    if (!approves && !rejects) continue;
    approvals.push({
      id: `${ticketKey}/${transition.historyId}`,
      source: JIRA_TRANSITION_SOURCE,
      approver: transition.actor,
      approvedAt: transition.at,
      state: approves ? 'approved' : 'rejected',
      scope: { ticketKey },
    });
  }
  return approvals;
}
