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
function lowerCased(identifier: string | undefined): string | undefined {
  return identifier ? identifier.toLowerCase() : undefined;
}

/** Whether two identifiers are both present and equal. */
function bothAndEqual(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && a === b;
}

/**
 * Whether two actors are the same person: same login, same e-mail, the same catalog user, or a
 * GitHub noreply address naming the login. Any one match is enough, because a missed match could
 * let an author approve their own change. Compared field by field: the engine asks this several
 * times per change, too often to build sets of identities each time.
 */
export function isSamePerson(a: Actor, b: Actor): boolean {
  // Each has two logins: its own, and the one its noreply address names.
  const loginA = lowerCased(a.login);
  const noreplyA = loginFromEmail(a.email);
  const loginB = lowerCased(b.login);
  const noreplyB = loginFromEmail(b.email);
  return (
    bothAndEqual(loginA, loginB) ||
    bothAndEqual(loginA, noreplyB) ||
    bothAndEqual(noreplyA, loginB) ||
    bothAndEqual(noreplyA, noreplyB) ||
    bothAndEqual(lowerCased(a.email), lowerCased(b.email)) ||
    bothAndEqual(lowerCased(a.userRef), lowerCased(b.userRef))
  );
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
