import { Actor } from '@change-compliance/plugin-change-compliance-node';
import { JiraUser } from '../client/shapes';

/** Who wrote a history that names no author: Jira shows it as Anonymous. */
export const ANONYMOUS: Actor = { login: 'jira:anonymous' };

/**
 * A Jira account as the evidence names it: its id (Cloud's account id, Data Center's username)
 * and its e-mail address, by which the catalog knows the person.
 *
 * The id is written `jira:<id>`, never bare: the catalog also resolves an actor's login as a
 * GitHub login (`github.com/user-login`), and a Data Center username that happens to be someone
 * else's GitHub login would otherwise borrow that person's groups, an approver's among them. A
 * Jira account is only ever matched by its e-mail address.
 */
export function jiraActor(user: JiraUser | null | undefined): Actor {
  const id = user?.accountId ?? user?.name ?? user?.key;
  if (!user || !id) return ANONYMOUS;
  return {
    login: `jira:${id}`,
    type: user.accountType === 'app' ? 'Bot' : 'User',
    ...(user.emailAddress ? { email: user.emailAddress } : {}),
  };
}
