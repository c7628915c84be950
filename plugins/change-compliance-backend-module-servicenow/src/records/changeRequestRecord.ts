import { z } from 'zod';
import { cell } from './cell';

/**
 * A `change_request` record, as far as the evidence needs it. Fields an instance does not have
 * (the CAB fields without the CAB Workbench, `test_plan` on older releases) are left out of its
 * answers, so every field but the key and the update time is optional.
 */
export const changeRequestRecord = z.object({
  sys_id: cell,
  number: cell,
  sys_updated_on: cell,
  short_description: cell.optional(),
  description: cell.optional(),
  justification: cell.optional(),
  implementation_plan: cell.optional(),
  backout_plan: cell.optional(),
  test_plan: cell.optional(),
  requested_by: cell.optional(),
  type: cell.optional(),
  state: cell.optional(),
  priority: cell.optional(),
  risk: cell.optional(),
  /** The change's overall approval: approved, rejected, requested, not requested. */
  approval: cell.optional(),
  cab_required: cell.optional(),
  cab_date: cell.optional(),
  cab_recommendation: cell.optional(),
  cab_delegate: cell.optional(),
  opened_at: cell.optional(),
  start_date: cell.optional(),
  end_date: cell.optional(),
  correlation_id: cell.optional(),
  correlation_display: cell.optional(),
  /** For a canceled change: when and by whom it was closed. */
  closed_at: cell.optional(),
  closed_by: cell.optional(),
});
export type ChangeRequestRecord = z.output<typeof changeRequestRecord>;

export const CHANGE_REQUEST_FIELDS = Object.keys(changeRequestRecord.shape);
