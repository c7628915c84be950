import { ChangePolicy, TicketField } from '../policy/ChangePolicy';
import { TicketEvidence } from './evidence';
import { ticketFieldValue } from './ticketFieldValue';

/** Template residue such as `<describe the change>` or `[fill in]` is not content. */
const TEMPLATE_PLACEHOLDER = /^[<[{(].*[>\]})]$/s;

function isFilled(value: string | null | undefined, placeholders: string[]) {
  const text = (value ?? '').trim();
  if (text === '') return false;
  if (TEMPLATE_PLACEHOLDER.test(text)) return false;
  const lower = text.toLowerCase();
  return !placeholders.some(p => p.toLowerCase() === lower);
}

export interface RequiredFieldPresence {
  field: TicketField;
  /** The ticket system's field the policy maps it to, if any. */
  sourceField: string | null;
  filled: boolean;
}

/**
 * Each field the policy requires of a ticket, and whether the ticket fills it with real content:
 * not empty, not a placeholder the policy lists, not template residue. A required field without a
 * mapping for the ticket's system cannot be shown filled: strict, it is missing. `ticket.complete`
 * and the deployment trace both judge fields here, so they cannot disagree.
 */
export function requiredTicketFields(
  ticket: TicketEvidence,
  policy: Pick<
    ChangePolicy,
    'ticketFieldMapping' | 'requiredTicketFields' | 'placeholderTexts'
  >,
): RequiredFieldPresence[] {
  const mapping = policy.ticketFieldMapping[ticket.system] ?? {};
  return policy.requiredTicketFields.map(field => {
    const sourceField = mapping[field] ?? null;
    return {
      field,
      sourceField,
      filled:
        sourceField !== null &&
        isFilled(
          ticketFieldValue(ticket, sourceField),
          policy.placeholderTexts,
        ),
    };
  });
}
