import { BranchProtectionSnapshot } from './records';

/**
 * The branches protected at a time, by the latest snapshot of each branch at or before it. No
 * snapshot before the time means protection is unknown then, which counts as unprotected.
 */
export function protectedBranchesAt(
  history: BranchProtectionSnapshot[],
  at: string,
): string[] {
  const time = Date.parse(at);
  const latest = new Map<string, BranchProtectionSnapshot>();
  for (const snapshot of history) {
    const seen = latest.get(snapshot.branch);
    if (
      Date.parse(snapshot.observedAt) <= time &&
      (!seen || Date.parse(seen.observedAt) < Date.parse(snapshot.observedAt))
    ) {
      latest.set(snapshot.branch, snapshot);
    }
  }
  return [...latest.values()]
    .filter(s => s.protected)
    .map(s => s.branch)
    .sort();
}
