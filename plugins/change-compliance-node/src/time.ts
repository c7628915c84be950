const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC ISO-8601 time `days` days before `time`: where a provider's observed window starts. */
export function daysBefore(time: Date | string, days: number): string {
  return new Date(new Date(time).getTime() - days * DAY_MS).toISOString();
}
