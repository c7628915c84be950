import { ChangePolicy } from '../policy/ChangePolicy';
import { Actor } from './evidence';

const NOREPLY_EMAIL = /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/i;

/** The login hidden in a GitHub noreply address, as in `Co-authored-by: x <123+login@users...>`. */
function loginFromEmail(email?: string): string | undefined {
  return email?.match(NOREPLY_EMAIL)?.[1]?.toLowerCase();
}

// Identifiers are compared through toLowerCase, the locale-independent Unicode mapping: the
// locale-aware toLocaleLowerCase('en-US') gives the same result here and is ~20x slower, which
// shows when a hundred thousand deployments are judged.
function identities(actor: Actor): Set<string> {
  const ids = new Set<string>();
  if (actor.login) ids.add(`login:${actor.login.toLowerCase()}`);
  const noreplyLogin = loginFromEmail(actor.email);
  if (noreplyLogin) ids.add(`login:${noreplyLogin}`);
  if (actor.email) ids.add(`email:${actor.email.toLowerCase()}`);
  if (actor.userRef) ids.add(`user:${actor.userRef.toLowerCase()}`);
  return ids;
}

/**
 * Whether two actors are the same person: same login, same e-mail, the same catalog user, or a
 * GitHub noreply address naming the login. Any one match is enough, because a missed match could
 * let an author approve their own change.
 */
export function isSamePerson(a: Actor, b: Actor): boolean {
  const ofA = identities(a);
  for (const id of identities(b)) {
    if (ofA.has(id)) return true;
  }
  return false;
}

function listed(actor: Actor, accounts: string[]): boolean {
  const login = actor.login.toLowerCase();
  return accounts.some(a => a.toLowerCase() === login);
}

/** Bots by account type, by the `[bot]` suffix GitHub gives apps, or listed by the policy. */
export function isBot(actor: Actor, policy: ChangePolicy): boolean {
  return (
    actor.type === 'Bot' ||
    /\[bot\]$/i.test(actor.login) ||
    listed(actor, policy.botAccounts) ||
    listed(actor, policy.automationAccounts)
  );
}

export function isAutomationAccount(
  actor: Actor | undefined,
  policy: ChangePolicy,
): boolean {
  return Boolean(actor && listed(actor, policy.automationAccounts));
}

export function describeActor(actor: Actor): string {
  return actor.login || actor.email || actor.userRef || 'unknown';
}
