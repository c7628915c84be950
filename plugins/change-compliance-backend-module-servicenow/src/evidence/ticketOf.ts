import { TicketEvidence } from '@change-compliance/plugin-change-compliance-node';
import { isoFromGlide } from '../glideTime';
import { Cell } from '../records/cell';
import { ChangeRequestRecord } from '../records/changeRequestRecord';
import { UserRecord } from '../records/userRecord';
import { actorOf } from './actorOf';
import { backLinks } from './backLinks';

/** The ticket system id: the `system` of every ticket, and of the policy's `ticketProjects`. */
export const SERVICENOW_SYSTEM = 'servicenow';

const text = (c: Cell | undefined) => c?.value;
const shown = (c: Cell | undefined) => c?.display;
const time = (c: Cell | undefined) => isoFromGlide(c?.value);

/**
 * A change request as a ticket. Its fields keep ServiceNow's names, which are the names the
 * policy's default `ticketFieldMapping.servicenow` reads (description, requested_by,
 * justification, implementation_plan, backout_plan); references and choices are kept as a person
 * sees them, times in UTC ISO-8601. The type is the stored value (`emergency`), which the policy's
 * `emergency.ticketTypes` names; the priority is as shown (`1 - Critical`).
 *
 * The Table API gives no history of the change's states (that is in `sys_audit`, not read), so
 * `statusHistory` is empty: the approvals are the workflow evidence.
 */
export function ticketOf(
  record: ChangeRequestRecord,
  requester: UserRecord | undefined,
  instanceUrl: string,
): TicketEvidence {
  const fields: TicketEvidence['fields'] = {
    short_description: text(record.short_description),
    description: text(record.description),
    requested_by: shown(record.requested_by),
    requested_by_email: requester?.email?.value,
    requested_by_user_name: requester?.user_name?.value,
    justification: text(record.justification),
    implementation_plan: text(record.implementation_plan),
    backout_plan: text(record.backout_plan),
    test_plan: text(record.test_plan),
    state: shown(record.state),
    approval: shown(record.approval),
    risk: shown(record.risk),
    cab_required: text(record.cab_required),
    cab_date: time(record.cab_date),
    cab_recommendation: text(record.cab_recommendation),
    cab_delegate: shown(record.cab_delegate),
    opened_at: time(record.opened_at),
    start_date: time(record.start_date),
    end_date: time(record.end_date),
    correlation_id: text(record.correlation_id),
    correlation_display: text(record.correlation_display),
    sys_updated_on: time(record.sys_updated_on),
  };
  return {
    system: SERVICENOW_SYSTEM,
    key: record.number.value,
    url: `${instanceUrl}/change_request.do?sys_id=${encodeURIComponent(
      record.sys_id.value,
    )}`,
    type: record.type?.value || undefined,
    priority: record.priority?.display || undefined,
    // Only the fields the instance has: an absent field is not an empty one.
    fields: Object.fromEntries(
      Object.entries(fields).filter(([, value]) => value !== undefined),
    ),
    // Whoever asked for the change: their own approval of it does not count.
    ...(record.requested_by
      ? { requester: actorOf(record.requested_by, requester) }
      : {}),
    statusHistory: [],
    links: backLinks(
      [text(record.correlation_id), text(record.correlation_display)],
      [
        text(record.short_description),
        text(record.description),
        text(record.implementation_plan),
      ],
    ),
  };
}
