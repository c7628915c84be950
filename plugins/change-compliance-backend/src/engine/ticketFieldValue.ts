import { TicketEvidence } from './evidence';

/** A field name as compared when no field has the exact name: trimmed, spaced once, lower case. */
const comparable = (name: string) =>
  name.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * A ticket's field by the name the policy's field mapping gives it. The field of that exact name
 * first; else the one field whose name differs only in case or spacing. GitHub Issues' fields are
 * the headings of the issue body, written as each author writes them (`## Rollback Plan`,
 * `### rollback plan`), while the mapping names one spelling. Two such fields and no exact one is
 * a guess between them: no value, so that a required field counts as missing rather than filled.
 */
export function ticketFieldValue(
  ticket: Pick<TicketEvidence, 'fields'>,
  name: string,
): string | null | undefined {
  if (Object.prototype.hasOwnProperty.call(ticket.fields, name)) {
    return ticket.fields[name];
  }
  const wanted = comparable(name);
  const matching = Object.keys(ticket.fields).filter(
    field => comparable(field) === wanted,
  );
  return matching.length === 1 ? ticket.fields[matching[0]] : undefined;
}
