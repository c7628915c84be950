import {
  CheckId,
  GroupSummary,
  ServiceSummary,
  TrendBucket,
} from '@change-compliance/plugin-change-compliance-common';
import { VerdictRow } from '../database/records';
import { complianceScore } from '../engine/verdict';
import { DAY_MS } from '../time';

/** Monday 00:00 UTC of the week a time falls in. */
export function weekStart(time: string): string {
  const date = new Date(time);
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  const monday =
    Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) -
    sinceMonday * DAY_MS;
  return new Date(monday).toISOString();
}

/** A service's score, counts, weekly trend and failures by check over a period. */
export function summarise(
  entityRef: string,
  verdicts: VerdictRow[],
  period: { from: string; to: string },
): ServiceSummary {
  const score = complianceScore(verdicts.map(v => v.verdict));
  const buckets = new Map<string, TrendBucket>();
  for (
    let week = weekStart(period.from);
    week < period.to;
    week = new Date(Date.parse(week) + 7 * DAY_MS).toISOString()
  ) {
    buckets.set(week, {
      weekStart: week,
      compliant: 0,
      exceptions: 0,
      pending: 0,
    });
  }
  const failuresByCheck: Partial<Record<CheckId, number>> = {};
  for (const v of verdicts) {
    const bucket = buckets.get(weekStart(v.deployedAt));
    if (bucket) {
      if (v.verdict === 'compliant') bucket.compliant += 1;
      else if (v.verdict === 'exception') bucket.exceptions += 1;
      else bucket.pending += 1;
    }
    for (const check of v.failingChecks as CheckId[]) {
      failuresByCheck[check] = (failuresByCheck[check] ?? 0) + 1;
    }
  }
  return {
    entityRef,
    from: period.from,
    to: period.to,
    ...score,
    trend: [...buckets.values()],
    failuresByCheck,
  };
}

/** A group's rollup: each owned service, and the whole weighted by deployments, not averaged. */
export function summariseGroup(
  groupRef: string,
  services: ServiceSummary[],
  period: { from: string; to: string },
): GroupSummary {
  const compliant = services.reduce((n, s) => n + s.compliant, 0);
  const exceptions = services.reduce((n, s) => n + s.exceptions, 0);
  const pending = services.reduce((n, s) => n + s.pending, 0);
  return {
    groupRef,
    from: period.from,
    to: period.to,
    compliant,
    exceptions,
    pending,
    score:
      compliant + exceptions === 0
        ? null
        : compliant / (compliant + exceptions),
    services: services.map(s => {
      const worst = Object.entries(s.failuresByCheck).sort(
        (a, b) => (b[1] ?? 0) - (a[1] ?? 0) || a[0].localeCompare(b[0]),
      )[0];
      return {
        entityRef: s.entityRef,
        compliant: s.compliant,
        exceptions: s.exceptions,
        pending: s.pending,
        score: s.score,
        ...(worst ? { worstCheck: worst[0] as CheckId } : {}),
      };
    }),
  };
}
