import { TraceActor } from '@change-compliance/plugin-change-compliance-common';

/**
 * A person as the evidence names them. Bots are said to be bots, because a bot's review or
 * approval never counts and the auditor should see why at a glance.
 */
export function actorName(actor: TraceActor | null | undefined): string {
  if (!actor) return 'not recorded';
  return actor.type === 'Bot' ? `${actor.login} (bot)` : actor.login;
}
