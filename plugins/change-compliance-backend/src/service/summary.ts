import {
  CheckId,
  GroupSummary,
  ServiceSummary,
  TrendBucket,
} from '@change-compliance/plugin-change-compliance-common';
import { VerdictCounts } from '../database/records';
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
  counts: VerdictCounts,
  period: { from: string; to: string },
): ServiceSummary {
  const tally = { compliant: 0, exception: 0, pending: 0 };
  const failuresByCheck: Partial<Record<CheckId, number>> = {};
  for (const outcome of counts.byOutcome) {
    tally[outcome.verdict] += outcome.count;
    for (const check of outcome.failingChecks as CheckId[]) {
      failuresByCheck[check] = (failuresByCheck[check] ?? 0) + outcome.count;
    }
  }
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
  for (const { week, verdict, count } of counts.byWeek) {
    const bucket = buckets.get(`${week}T00:00:00.000Z`);
    if (!bucket) continue;
    if (verdict === 'compliant') bucket.compliant += count;
    else if (verdict === 'exception') bucket.exceptions += count;
    else bucket.pending += count;
  }
  return {
    entityRef,
    from: period.from,
    to: period.to,
    ...complianceScore({
      compliant: tally.compliant,
      exceptions: tally.exception,
      pending: tally.pending,
    }),
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
  return {
    groupRef,
    from: period.from,
    to: period.to,
    ...complianceScore({
      compliant: services.reduce((n, s) => n + s.compliant, 0),
      exceptions: services.reduce((n, s) => n + s.exceptions, 0),
      pending: services.reduce((n, s) => n + s.pending, 0),
    }),
    failuresByCheck: services.reduce<GroupSummary['failuresByCheck']>(
      (sum, s) => {
        for (const [check, n] of Object.entries(s.failuresByCheck)) {
          sum[check as CheckId] = (sum[check as CheckId] ?? 0) + (n ?? 0);
        }
        return sum;
      },
      {},
    ),
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
        trend: s.trend,
        ...(worst ? { worstCheck: worst[0] as CheckId } : {}),
      };
    }),
  };
}
