import { ApprovalEvidence } from '@change-compliance/plugin-change-compliance-node';
import { isoFromGlide } from '../glideTime';
import { ApprovalRecord } from '../records/approvalRecord';
import { UserRecord } from '../records/userRecord';
import { actorOf } from './actorOf';

/** The `source` of every approval this module writes. */
export const APPROVAL_SOURCE = 'servicenow-approval';

/**
 * One `sysapproval_approver` record as approval evidence of the change request `ticketKey`.
 *
 * - `approved` and `rejected` are the approver's decision, dated by the record's `sys_updated_on`:
 *   the Table API has no decision time of its own, and a record changes when it is decided, so
 *   the date is the decision's or later (a later edit can only make an approval look later, never
 *   earlier than it was given).
 * - `cancelled` withdraws the record's earlier approval (a change sent back for approval again):
 *   it is written beside it, under its own id, as a rejection dated when it was withdrawn, so that
 *   the approval still counts for deployments before that time and no longer after it.
 * - `requested`, `not requested`, `not_required` (moot: another approver decided) and anything
 *   else decide nothing and are not written.
 */
export function approvalOf(
  record: ApprovalRecord,
  approver: UserRecord | undefined,
  ticketKey: string,
): ApprovalEvidence | undefined {
  const decidedAt = isoFromGlide(record.sys_updated_on.value);
  if (!decidedAt) return undefined;
  const base = {
    source: APPROVAL_SOURCE,
    approver: actorOf(record.approver, approver),
    approvedAt: decidedAt,
    scope: { ticketKey },
  };
  switch (record.state.value) {
    case 'approved':
      return { ...base, id: record.sys_id.value, state: 'approved' };
    case 'rejected':
      return { ...base, id: record.sys_id.value, state: 'rejected' };
    case 'cancelled':
      return {
        ...base,
        id: `${record.sys_id.value}:cancelled`,
        state: 'rejected',
      };
    default:
      return undefined;
  }
}
