/** One day in milliseconds. */
export const DAY_MS = 24 * 60 * 60 * 1000;

/** The time `days` days before `now`, as UTC ISO-8601. */
export function daysBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}
