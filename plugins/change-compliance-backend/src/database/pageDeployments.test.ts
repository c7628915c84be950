import { Knex } from 'knex';
import {
  createTestDatabases,
  databaseServiceFor,
} from '../__testUtils__/testDatabases';
import { KnexEvidenceStore } from './KnexEvidenceStore';
import { DeploymentRecord, StoredEvaluation } from './records';

jest.setTimeout(60_000);

const SERVICE = 'component:default/payments-api';

/**
 * 130 deployments of the service, one every 10 minutes, some to staging; two pairs share their
 * time, so the external id orders them. Every third production deployment is an exception,
 * every tenth has no verdict yet. Ten deployments of another service interleave.
 */
function organisation() {
  const deployments: DeploymentRecord[] = [];
  const evaluations: StoredEvaluation[] = [];
  for (let i = 0; i < 130; i++) {
    const at =
      Date.UTC(2026, 10, 1) + (i === 41 || i === 87 ? i - 1 : i) * 600_000;
    const environment = i % 7 === 0 ? 'staging' : 'production';
    const record: DeploymentRecord = {
      source: 'ci',
      externalId: `run-${String(i).padStart(3, '0')}`,
      serviceRef: SERVICE,
      environment,
      commitSha: `${i.toString(16).padStart(8, '0')}`.padEnd(40, 'a'),
      deployedAt: new Date(at).toISOString(),
      status: 'success',
      ticketKeys: [],
    };
    deployments.push(record);
    if (environment === 'production' && i % 10 !== 5) {
      const failing = i % 3 === 0;
      evaluations.push({
        deploymentId: `ci/${record.externalId}`,
        serviceRef: SERVICE,
        deployedAt: record.deployedAt,
        verdict: failing ? 'exception' : 'compliant',
        failingChecks: failing ? ['review.independent'] : [],
        checks: [
          {
            checkId: 'review.independent',
            status: failing ? 'fail' : 'pass',
            reason: failing ? 'No independent review.' : 'Reviewed.',
            evidenceRefs: [],
          },
        ],
        changes: [],
        evaluatedAt: '2026-11-25T00:00:00.000Z',
      });
    }
  }
  for (let i = 0; i < 10; i++) {
    deployments.push({
      source: 'ci',
      externalId: `other-${i}`,
      serviceRef: 'component:default/ledger',
      environment: 'production',
      commitSha: 'b'.repeat(40),
      deployedAt: new Date(Date.UTC(2026, 10, 1) + i * 3_000_000).toISOString(),
      status: 'success',
      ticketKeys: [],
    });
  }
  return { deployments, evaluations };
}

describe('KnexEvidenceStore.pageDeployments', () => {
  const databases = createTestDatabases();
  let knex: Knex | undefined;

  afterEach(async () => {
    await knex?.destroy();
    knex = undefined;
  });

  it.each(databases.eachSupportedId())(
    'pages a service’s deployments newest first with their verdicts, filtered or not, on %p',
    async id => {
      knex = await databases.init(id);
      const store = await KnexEvidenceStore.create({
        database: databaseServiceFor(knex),
      });
      const { deployments, evaluations } = organisation();
      await store.upsertDeployments(deployments);
      await store.saveEvaluations(evaluations, 'test');

      const verdictOf = new Map(evaluations.map(e => [e.deploymentId, e]));
      const expected = deployments
        .filter(d => d.serviceRef === SERVICE)
        .sort(
          (a, b) =>
            b.deployedAt.localeCompare(a.deployedAt) ||
            b.externalId.localeCompare(a.externalId),
        )
        .map(d => {
          const evaluation = verdictOf.get(`ci/${d.externalId}`);
          return {
            externalId: d.externalId,
            environment: d.environment,
            verdict: evaluation?.verdict,
            checks: evaluation
              ? { 'review.independent': evaluation.checks[0].status }
              : {},
          };
        });
      const page = async (
        filter: Parameters<KnexEvidenceStore['pageDeployments']>[1],
        offset: number,
        limit: number,
      ) => {
        const { items, total } = await store.pageDeployments(SERVICE, filter, {
          offset,
          limit,
        });
        return {
          total,
          items: items.map(d => ({
            externalId: d.externalId,
            environment: d.environment,
            verdict: d.verdict,
            checks: d.checks,
          })),
        };
      };
      const period = {
        from: '2026-11-01T00:00:00Z',
        to: '2026-12-01T00:00:00Z',
      };

      // Every page, deep ones included, in order and with each row's own verdict.
      for (const offset of [0, 50, 100, 125]) {
        expect(await page(period, offset, 50)).toEqual({
          total: 130,
          items: expected.slice(offset, offset + 50),
        });
      }
      // The period bounds: from inclusive, to exclusive.
      const from = deployments[30].deployedAt;
      const to = deployments[90].deployedAt;
      const inPeriod = expected.filter(e => {
        const at = deployments.find(
          d => d.externalId === e.externalId,
        )!.deployedAt;
        return at >= from && at < to;
      });
      expect(await page({ from, to }, 20, 25)).toEqual({
        total: inPeriod.length,
        items: inPeriod.slice(20, 45),
      });
      // Filters on the deployment, and on its verdict.
      const staging = expected.filter(e => e.environment === 'staging');
      expect(await page({ ...period, environment: 'staging' }, 5, 10)).toEqual({
        total: staging.length,
        items: staging.slice(5, 15),
      });
      const exceptions = expected.filter(e => e.verdict === 'exception');
      expect(await page({ ...period, verdict: 'exception' }, 10, 10)).toEqual({
        total: exceptions.length,
        items: exceptions.slice(10, 20),
      });
      expect(
        await page({ ...period, failingCheck: 'review.independent' }, 30, 50),
      ).toEqual({ total: exceptions.length, items: exceptions.slice(30) });
      expect(await page(period, 130, 50)).toEqual({ total: 130, items: [] });
    },
  );
});
