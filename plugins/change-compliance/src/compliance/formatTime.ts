/**
 * A time as auditors compare it across systems: UTC, to the minute, with the zone written out, so
 * that the same deployment reads the same whatever the viewer's time zone.
 */
export function formatUtc(iso: string | undefined | null): string {
  if (!iso) return 'unknown time';
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  return `${time.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The UTC day of a time, for axis labels and period starts. */
export function formatUtcDate(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}

/** The first characters of a commit SHA, as source-control hosts show it. */
export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}
