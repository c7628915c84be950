import { ApprovalEvidence } from '@change-compliance/plugin-change-compliance-node';
import { isoFromGlide } from '../glideTime';
import { ChangeRequestRecord } from '../records/changeRequestRecord';
import { UserRecord } from '../records/userRecord';
import { actorOf } from './actorOf';
import { APPROVAL_SOURCE } from './approvalOf';

/** The base system's `change_request.state` value of a canceled change. */
const CANCELED = '4';

/**
 * A canceled change request withdraws its approvals: ServiceNow leaves the approval records of a
 * canceled change as they were (only pending ones become "no longer required"), so its approvals
 * would otherwise go on counting for a deployment made after the change was called off. Written
 * as a rejection of the change by whoever closed it, dated when it was closed (`closed_at`, or the
 * change's last update, which is that time or later): approvals before it still count for
 * deployments before it.
 */
export function cancellationOf(
  change: ChangeRequestRecord,
  closedBy: UserRecord | undefined,
): ApprovalEvidence | undefined {
  if (change.state?.value !== CANCELED) return undefined;
  const at =
    isoFromGlide(change.closed_at?.value) ??
    isoFromGlide(change.sys_updated_on.value);
  if (!at) return undefined;
  return {
    id: `${change.sys_id.value}:canceled`,
    source: APPROVAL_SOURCE,
    approver: actorOf(change.closed_by ?? { value: '', display: '' }, closedBy),
    approvedAt: at,
    state: 'rejected',
    scope: { ticketKey: change.number.value },
  };
}
