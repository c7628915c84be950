import {
  SourceStatus,
  SourcesResponse,
  SyncRound,
} from '@change-compliance/plugin-change-compliance-common';
import { sourceProviderLabel } from '../../compliance/evidenceVocabulary';
import { formatUtc } from '../../compliance/formatTime';

/** What a provider's scopes are, for "5 of 13 repositories". */
const SCOPE_NOUNS: Record<string, string> = {
  github: 'repositories',
  gitlab: 'projects',
  argocd: 'applications',
  jira: 'projects',
};

function scopeNoun(provider: string): string {
  return Object.prototype.hasOwnProperty.call(SCOPE_NOUNS, provider)
    ? SCOPE_NOUNS[provider]
    : 'scopes';
}

/** Whether a source's last sync failed (and no later one succeeded). */
export function lastSyncFailed(source: SourceStatus): boolean {
  return (
    source.lastFailedAt !== null &&
    (source.lastSucceededAt === null ||
      Date.parse(source.lastFailedAt) > Date.parse(source.lastSucceededAt))
  );
}

export function runningRounds(sources: SourcesResponse): SyncRound[] {
  return sources.rounds.filter(round => round.finishedAt === null);
}

/** "GitHub: 5 of 13 repositories synced (1 failed), started 2026-11-20 10:00 UTC". */
export function roundProgressText(round: SyncRound): string {
  return `${sourceProviderLabel(round.provider)}: ${round.done} of ${
    round.total
  } ${scopeNoun(round.provider)} synced${
    round.failed > 0 ? ` (${round.failed} failed)` : ''
  }, started ${formatUtc(round.startedAt)}`;
}

/**
 * Why the population may be incomplete, or undefined when the sources say nothing against it: a
 * round of syncs still running (the backfill of a new installation, say) or sources whose last
 * sync failed. A half-synced population must not pass for the whole one.
 */
export function incompletePopulationWarning(
  sources: SourcesResponse,
): string | undefined {
  const running = runningRounds(sources);
  const failing = sources.sources.filter(lastSyncFailed);
  const reasons = [
    ...(running.length > 0
      ? [
          `The evidence is still being synced (${running
            .map(roundProgressText)
            .join('; ')}).`,
        ]
      : []),
    ...(failing.length > 0
      ? [
          `The last sync of ${failing
            .map(s => `${sourceProviderLabel(s.provider)} ${s.scope}`)
            .join(', ')} failed.`,
        ]
      : []),
  ];
  return reasons.length > 0
    ? `${reasons.join(
        ' ',
      )} Until the sources are synced, this population may lack production changes, and a sample drawn from it would not represent the period.`
    : undefined;
}
