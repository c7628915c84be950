import { CheckResult } from '@change-compliance/plugin-change-compliance-common';
import { ChangeContext } from '../ChangeContext';

/** `ticket.linked`: the change references at least one ticket that exists in a configured system. */
export function checkTicketLinked(ctx: ChangeContext): CheckResult {
  const base = { checkId: 'ticket.linked' as const };
  if (ctx.input.service.ticketSystems.length === 0) {
    return {
      ...base,
      status: 'fail',
      reason:
        'No ticket system is configured for this service, so no change can be traced to a ticket.',
      evidenceRefs: [ctx.ref],
    };
  }
  if (ctx.linkedTickets.length > 0) {
    return {
      ...base,
      status: 'pass',
      reason: `Linked to ${ctx.linkedTickets.map(t => t.key).join(', ')}.`,
      evidenceRefs: [
        ctx.ref,
        ...ctx.linkedTickets.map(t => `ticket:${t.system}/${t.key}`),
      ],
    };
  }
  if (ctx.referencedKeys.length > 0) {
    return {
      ...base,
      status: 'fail',
      reason: `References ${ctx.referencedKeys.join(
        ', ',
      )}, but no such ticket exists in a ticket system configured for this service.`,
      evidenceRefs: [ctx.ref],
    };
  }
  return {
    ...base,
    status: 'fail',
    reason:
      'No ticket reference in the PR title, body, branch name or commit messages; add the ticket key to the PR title.',
    evidenceRefs: [ctx.ref],
  };
}
