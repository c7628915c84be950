const DAY_MS = 24 * 60 * 60 * 1000;

/** Periods an auditor or team lead picks from; 90 days is the backend's own default. */
export const PERIODS = [
  { days: 30, label: 'Last 30 days' },
  { days: 90, label: 'Last 90 days' },
  { days: 180, label: 'Last 180 days' },
  { days: 365, label: 'Last 365 days' },
] as const;

export const DEFAULT_PERIOD_DAYS = 90;

export function periodLabel(days: number): string {
  return (
    PERIODS.find(p => p.days === days)?.label ?? `Last ${days} days`
  ).toLowerCase();
}

/**
 * Start of a period ending now, at midnight UTC: the summary and the history ask for the same
 * `from`, and it stays the same through the day, so the two agree and re-renders ask nothing new.
 */
export function periodStart(days: number, now: Date): string {
  const midnight = Date.UTC(
    now.getUTCFullYear(),
    now.getUTCMonth(),
    now.getUTCDate(),
  );
  return new Date(midnight - days * DAY_MS).toISOString();
}
