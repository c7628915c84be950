import { z } from 'zod';
import { cell } from './cell';

/** A `sys_user`: the account behind an approval or a request, found in the catalog by e-mail. */
export const userRecord = z.object({
  sys_id: cell,
  user_name: cell.optional(),
  name: cell.optional(),
  email: cell.optional(),
});
export type UserRecord = z.output<typeof userRecord>;

export const USER_FIELDS = Object.keys(userRecord.shape);
