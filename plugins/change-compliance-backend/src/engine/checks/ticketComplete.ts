import { CheckResult } from '@change-compliance/plugin-change-compliance-common';
import { TicketField } from '../../policy/ChangePolicy';
import { ChangeContext } from '../ChangeContext';
import { TicketEvidence } from '../evidence';
import { requiredTicketFields } from '../requiredTicketFields';

const FIELD_NAMES: Record<TicketField, string> = {
  description: 'change description',
  requester: 'requester',
  justification: 'business justification',
  implementationPlan: 'implementation plan',
  rollbackPlan: 'rollback procedure',
};

function missingFields(ctx: ChangeContext, ticket: TicketEvidence): string[] {
  return requiredTicketFields(ticket, ctx.policy)
    .filter(presence => !presence.filled)
    .map(presence => FIELD_NAMES[presence.field]);
}

/** `ticket.complete`: every linked ticket has the required fields filled with real content. */
export function checkTicketComplete(ctx: ChangeContext): CheckResult {
  const base = { checkId: 'ticket.complete' as const };
  if (ctx.linkedTickets.length === 0) {
    return {
      ...base,
      status: 'fail',
      reason:
        'No linked ticket, so there is no ticket whose fields could be checked.',
      evidenceRefs: [ctx.ref],
    };
  }
  const refs = ctx.linkedTickets.map(t => `ticket:${t.system}/${t.key}`);
  const incomplete = ctx.linkedTickets
    .map(t => ({ key: t.key, missing: missingFields(ctx, t) }))
    .filter(t => t.missing.length > 0);
  if (incomplete.length === 0) {
    return {
      ...base,
      status: 'pass',
      reason: `${ctx.linkedTickets
        .map(t => t.key)
        .join(', ')} carry every required field.`,
      evidenceRefs: refs,
    };
  }
  return {
    ...base,
    status: 'fail',
    reason: `${incomplete
      .map(t => `${t.key} lacks ${t.missing.join(', ')}`)
      .join('; ')}; fill them in the ticket.`,
    evidenceRefs: refs,
  };
}
