import { CheckResult } from '@change-compliance/plugin-change-compliance-common';
import { TicketField } from '../../policy/ChangePolicy';
import { ChangeContext } from '../ChangeContext';
import { TicketEvidence } from '../evidence';
import { ticketFieldValue } from '../ticketFieldValue';

const FIELD_NAMES: Record<TicketField, string> = {
  description: 'change description',
  requester: 'requester',
  justification: 'business justification',
  implementationPlan: 'implementation plan',
  rollbackPlan: 'rollback procedure',
};

/** Template residue such as `<describe the change>` or `[fill in]` is not content. */
const TEMPLATE_PLACEHOLDER = /^[<[{(].*[>\]})]$/s;

function isFilled(value: string | null | undefined, placeholders: string[]) {
  const text = (value ?? '').trim();
  if (text === '') return false;
  if (TEMPLATE_PLACEHOLDER.test(text)) return false;
  const lower = text.toLowerCase();
  return !placeholders.some(p => p.toLowerCase() === lower);
}

function missingFields(ctx: ChangeContext, ticket: TicketEvidence): string[] {
  const mapping = ctx.policy.ticketFieldMapping[ticket.system] ?? {};
  return ctx.policy.requiredTicketFields
    .filter(field => {
      const sourceField = mapping[field];
      // A required field without a mapping cannot be shown filled: strict, it is missing.
      if (!sourceField) return true;
      return !isFilled(
        ticketFieldValue(ticket, sourceField),
        ctx.policy.placeholderTexts,
      );
    })
    .map(field => FIELD_NAMES[field]);
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
