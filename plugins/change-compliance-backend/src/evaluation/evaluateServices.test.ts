import { TestDatabaseId } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import {
  createTestDatabases,
  databaseServiceFor,
} from '../__testUtils__/testDatabases';
import {
  loadDemoEvidence,
  paymentsApiService,
} from '../__testUtils__/demoEvidence';
import { KnexEvidenceStore } from '../database/KnexEvidenceStore';
import { VerdictRecord } from '../database/records';
import { baseline, basePolicy } from '../engine/__testUtils__/baseline';
import { evaluateServices } from './evaluateServices';
import { ServiceToEvaluate } from './ServiceEvaluator';

jest.setTimeout(60_000);

/** A second service deploying the same repository: deployments 9201, 9202, 9203. */
const paymentsWorker: ServiceToEvaluate = {
  ...paymentsApiService,
  entityRef: 'component:default/payments-worker',
};

/** A service whose repository evidence cannot be read. */
const broken: ServiceToEvaluate = {
  ...paymentsApiService,
  entityRef: 'component:default/broken',
  repository: 'northwind/broken',
};

describe('evaluateServices', () => {
  const databases = createTestDatabases();
  let knex: Knex | undefined;

  afterEach(async () => {
    await knex?.destroy();
    knex = undefined;
  });

  async function storeWithEvidence(id: TestDatabaseId) {
    knex = await databases.init(id);
    const store = await KnexEvidenceStore.create({
      database: databaseServiceFor(knex),
    });
    await loadDemoEvidence(store);
    await store.upsertApprovals(baseline().approvals);
    const own = await store.listServiceDeployments(
      paymentsApiService.entityRef,
    );
    await store.upsertDeployments(
      own.map(d => ({
        ...d,
        externalId: d.externalId.replace(/^90/, '92'),
        serviceRef: paymentsWorker.entityRef,
      })),
    );
    await store.upsertDeployments([
      {
        ...own[0],
        externalId: '9900',
        serviceRef: broken.entityRef,
      },
    ]);
    return store;
  }

  it.each(databases.eachSupportedId())(
    'judges and saves each service, and goes on past one that fails, on %p',
    async id => {
      const store = await storeWithEvidence(id);
      // Reading the broken service's repository fails; saving payments-api's verdicts fails once.
      let saveFailures = 1;
      const flaky = Object.create(store) as KnexEvidenceStore;
      flaky.listPullRequests = async repository => {
        if (repository === broken.repository) throw new Error('unreadable');
        return store.listPullRequests(repository);
      };
      flaky.saveVerdictRecords = async (records: VerdictRecord[], cause) => {
        if (
          records[0].serviceRef === paymentsApiService.entityRef &&
          saveFailures-- > 0
        ) {
          throw new Error('disk full');
        }
        return store.saveVerdictRecords(records, cause);
      };
      const failed: [string, string][] = [];
      const evaluate = () =>
        evaluateServices({
          store: flaky,
          policy: basePolicy(),
          services: [paymentsApiService, broken, paymentsWorker],
          windowStart: '2026-11-01T00:00:00.000Z',
          evaluatedAt: '2026-11-20T00:00:00.000Z',
          cause: 'scheduled re-evaluation',
          onError: (service, error) =>
            failed.push([service.entityRef, (error as Error).message]),
        });

      const runs = await evaluate();
      expect(failed).toEqual([
        [paymentsApiService.entityRef, 'disk full'],
        [broken.entityRef, 'unreadable'],
      ]);
      expect(runs.map(r => r?.evaluated)).toEqual([undefined, undefined, 3]);
      expect(await store.getEvaluation('github/9001')).toBeUndefined();
      expect((await store.getEvaluation('github/9201'))?.verdict).toBe(
        'compliant',
      );

      // The next run saves what the failed save could not, and nothing twice.
      const again = await evaluate();
      expect(again.map(r => r?.changes.length)).toEqual([3, undefined, 0]);
      expect((await store.getEvaluation('github/9001'))?.verdict).toBe(
        'compliant',
      );
    },
  );
});
