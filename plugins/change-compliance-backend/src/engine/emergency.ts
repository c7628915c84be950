import { ChangePolicy } from '../policy/ChangePolicy';
import { ChangeEvidence, TicketEvidence } from './evidence';

function includesIgnoringCase(list: string[], value: string | undefined) {
  if (!value) return false;
  const lower = value.toLowerCase();
  return list.some(item => item.toLowerCase() === lower);
}

/** Whether the policy's markers make this an emergency change: a PR label, a ticket type or priority. */
export function isEmergencyChange(
  change: ChangeEvidence,
  linkedTickets: TicketEvidence[],
  policy: ChangePolicy,
): boolean {
  const { labels, ticketTypes, ticketPriorities } = policy.emergency;
  if (
    change.kind === 'pull-request' &&
    change.pullRequest.labels.some(l => includesIgnoringCase(labels, l))
  ) {
    return true;
  }
  return linkedTickets.some(
    t =>
      includesIgnoringCase(ticketTypes, t.type) ||
      includesIgnoringCase(ticketPriorities, t.priority),
  );
}
