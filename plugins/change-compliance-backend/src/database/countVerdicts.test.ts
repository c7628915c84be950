import { TestDatabaseId } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import {
  createTestDatabases,
  databaseServiceFor,
} from '../__testUtils__/testDatabases';
import { baseline, basePolicy } from '../engine/__testUtils__/baseline';
import { evaluateDeployment } from '../engine/evaluateDeployment';
import { KnexEvidenceStore } from './KnexEvidenceStore';
import { StoredEvaluation } from './records';

jest.setTimeout(60_000);

const SERVICE = 'component:default/payments-api';
const OTHER = 'component:default/ledger';
const HOUR_MS = 60 * 60 * 1000;
const compliant = evaluateDeployment(baseline(), basePolicy());
const exception = evaluateDeployment(
  { ...baseline(), approvals: [] },
  basePolicy(),
);

/** Deployments every 7 hours over three weeks, every third one an exception, in two services. */
function evaluations(round: string): StoredEvaluation[] {
  return Array.from({ length: 72 }, (_, i) => ({
    ...(i % 3 === 0 ? exception : compliant),
    deploymentId: `github/${i}`,
    serviceRef: i % 4 === 0 ? OTHER : SERVICE,
    deployedAt: new Date(
      Date.UTC(2026, 10, 2, 5) + i * 7 * HOUR_MS,
    ).toISOString(),
    evaluatedAt: round,
  }));
}

/** What the summary should count: the stored evaluations themselves, tallied in the test. */
function expectedCounts(
  stored: StoredEvaluation[],
  period: { from: string; to: string },
) {
  const byOutcome = new Map<string, number>();
  for (const e of stored) {
    if (e.serviceRef !== SERVICE) continue;
    if (e.deployedAt < period.from || e.deployedAt >= period.to) continue;
    const key = `${e.verdict} ${JSON.stringify(e.failingChecks)}`;
    byOutcome.set(key, (byOutcome.get(key) ?? 0) + 1);
  }
  return [...byOutcome.entries()].sort();
}

const periods = [
  // whole days
  { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' },
  // part-days at both ends
  { from: '2026-11-04T13:30:00.000Z', to: '2026-11-17T09:15:00.000Z' },
  // within one day
  { from: '2026-11-05T01:00:00.000Z', to: '2026-11-05T23:00:00.000Z' },
  // from midnight to a time of day, as the service tab asks
  { from: '2026-11-09T00:00:00.000Z', to: '2026-11-20T16:42:07.123Z' },
];

describe('KnexEvidenceStore.countVerdicts', () => {
  const databases = createTestDatabases();
  let knex: Knex | undefined;

  afterEach(async () => {
    await knex?.destroy();
    knex = undefined;
  });

  it.each(databases.eachSupportedId())(
    'counts whole and part days of a period as the verdicts say, before and after re-evaluations move them, on %p',
    async (id: TestDatabaseId) => {
      knex = await databases.init(id);
      const store = await KnexEvidenceStore.create({
        database: databaseServiceFor(knex),
      });
      const check = async (stored: StoredEvaluation[]) => {
        for (const period of periods) {
          const counts = await store.countVerdicts(SERVICE, period);
          const got = counts.byOutcome
            .map(
              o =>
                [
                  `${o.verdict} ${JSON.stringify(o.failingChecks)}`,
                  o.count,
                ] as [string, number],
            )
            .sort();
          expect({ period, counts: got }).toEqual({
            period,
            counts: expectedCounts(stored, period),
          });
          const weekly = counts.byWeek.reduce((n, w) => n + w.count, 0);
          expect(weekly).toBe(got.reduce((n, [, count]) => n + count, 0));
        }
      };

      const first = evaluations('2026-11-30T00:00:00.000Z');
      await store.saveEvaluations(first, 'first evaluation');
      await check(first);

      // A re-evaluation turns some verdicts around and corrects the time of others, so that they
      // leave one day (and service) for another: the days they left must be counted again too.
      const second = first.map((e, i) => {
        if (i % 5 === 0) {
          return {
            ...(e.verdict === 'exception' ? compliant : exception),
            deploymentId: e.deploymentId,
            serviceRef: e.serviceRef,
            deployedAt: e.deployedAt,
            evaluatedAt: '2026-12-01T00:00:00.000Z',
          };
        }
        if (i % 7 === 0) {
          return {
            ...e,
            deployedAt: new Date(
              Date.parse(e.deployedAt) + 50 * HOUR_MS,
            ).toISOString(),
            evaluatedAt: '2026-12-01T00:00:00.000Z',
          };
        }
        return e;
      });
      await store.saveEvaluations(second, 're-evaluation');
      await check(second);

      // One deployment alone moves three days back: only its old and new days change.
      const third = second.map(e =>
        e.deploymentId === 'github/41'
          ? {
              ...e,
              deployedAt: new Date(
                Date.parse(e.deployedAt) - 72 * HOUR_MS,
              ).toISOString(),
              evaluatedAt: '2026-12-02T00:00:00.000Z',
            }
          : e,
      );
      await store.saveEvaluations(
        third.filter(e => e.deploymentId === 'github/41'),
        'deployment time corrected',
      );
      await check(third);
    },
  );
});
