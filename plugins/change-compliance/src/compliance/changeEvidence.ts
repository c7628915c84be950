import {
  ChangeEvaluation,
  DeploymentTrace,
  TraceApproval,
  TraceDirectCommit,
  TracePullRequest,
  TraceTicket,
} from '@change-compliance/plugin-change-compliance-common';

/** The stored evidence behind one change of a deployment's change set. */
export interface ChangeEvidence {
  pullRequest?: TracePullRequest;
  directCommit?: TraceDirectCommit;
  /** Its tickets, in the order the change names them. */
  tickets: TraceTicket[];
  /** Keys the change names for which no ticket is stored: not synced, or not found upstream. */
  unknownTicketKeys: string[];
  /** Approvals of its tickets and of the deployment itself, oldest first. */
  approvals: TraceApproval[];
}

/**
 * Picks one change's evidence out of the deployment's trace, which the backend answers for the
 * whole change set at once. Tickets are matched by the keys the evaluation linked to the change,
 * so the trace shows exactly the tickets the ticket checks judged. A deployment's own approval
 * (a GitHub deployment review) speaks for every change it carried, so each change lists it.
 */
export function evidenceOfChange(
  trace: DeploymentTrace,
  change: ChangeEvaluation,
): ChangeEvidence {
  const keys = new Set(change.ticketKeys);
  const tickets = change.ticketKeys.flatMap(key =>
    trace.tickets.filter(ticket => ticket.key === key),
  );
  const storedKeys = new Set(tickets.map(ticket => ticket.key));
  const approvals = trace.approvals
    .filter(
      approval =>
        (approval.ticketKey !== null && keys.has(approval.ticketKey)) ||
        approval.deploymentId === trace.deploymentId,
    )
    .sort((a, b) => Date.parse(a.approvedAt) - Date.parse(b.approvedAt));
  return {
    pullRequest: trace.pullRequests.find(
      pr => pr.changeRef === change.changeRef,
    ),
    directCommit: trace.directCommits.find(
      commit => commit.changeRef === change.changeRef,
    ),
    tickets,
    unknownTicketKeys: change.ticketKeys.filter(key => !storedKeys.has(key)),
    approvals,
  };
}
