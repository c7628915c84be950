import { Actor } from '@change-compliance/plugin-change-compliance-node';
import { Cell } from '../records/cell';
import { UserRecord } from '../records/userRecord';

/**
 * A ServiceNow account as an actor. The catalog knows the person by the account's e-mail (the
 * user's profile e-mail), which is what makes an approver a member of an approver group, and the
 * same person as a PR's author. The login is qualified (`servicenow:jdoe`) so that it can never be
 * read as a GitHub login: the catalog's `github.com/user-login` annotations would otherwise resolve
 * a ServiceNow `jdoe` to whoever is `jdoe` on GitHub, with that person's groups.
 */
export function actorOf(reference: Cell, user: UserRecord | undefined): Actor {
  const userName =
    user?.user_name?.value || reference.value || reference.display;
  const email = user?.email?.value.trim();
  return {
    login: `servicenow:${userName || 'unknown'}`,
    type: 'User',
    ...(email ? { email } : {}),
  };
}
