import { z } from 'zod';
import { cell } from './cell';

/**
 * A `sysapproval_approver` record: one person's approval of a task. `sysapproval` is the task
 * (its display value is the change's number), `approver` the `sys_user`, and `sys_updated_on` the
 * last time the record changed, which for a decided approval is when it was decided or later.
 */
export const approvalRecord = z.object({
  sys_id: cell,
  sysapproval: cell,
  approver: cell,
  state: cell,
  sys_updated_on: cell,
  source_table: cell.optional(),
});
export type ApprovalRecord = z.output<typeof approvalRecord>;

export const APPROVAL_FIELDS = Object.keys(approvalRecord.shape);
