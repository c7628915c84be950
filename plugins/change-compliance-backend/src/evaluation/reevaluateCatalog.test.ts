import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { loadDemoEvidence } from '../__testUtils__/demoEvidence';
import { databaseServiceFor } from '../__testUtils__/testDatabases';
import { KnexEvidenceStore } from '../database/KnexEvidenceStore';
import { basePolicy, pullRequest } from '../engine/__testUtils__/baseline';
import { reevaluateCatalog, reevaluateEntities } from './reevaluateCatalog';

jest.setTimeout(60_000);

const catalog = catalogServiceMock({
  entities: [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'payments-api',
        namespace: 'default',
        annotations: {
          'github.com/project-slug': 'northwind/payments-api',
          'jira/project-key': 'PAY',
        },
      },
      spec: {
        type: 'service',
        owner: 'payments-team',
        lifecycle: 'production',
      },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'no-repository', namespace: 'default' },
      spec: {
        type: 'service',
        owner: 'payments-team',
        lifecycle: 'production',
      },
    },
  ],
});

describe('reevaluateCatalog', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let knex: Knex;

  afterEach(async () => {
    await knex.destroy();
  });

  it('turns an unapproved emergency change from pending into an exception when its window closes', async () => {
    knex = await databases.init('SQLITE_3');
    const store = await KnexEvidenceStore.create({
      database: databaseServiceFor(knex),
    });
    await loadDemoEvidence(store);
    // PR #42 was a hotfix, deployed on 2026-11-10 at noon, and nobody has approved it yet.
    await store.upsertPullRequests([{ ...pullRequest(), labels: ['hotfix'] }]);

    const run = (now: string) =>
      reevaluateCatalog({
        catalog,
        auth: mockServices.auth(),
        store,
        policy: basePolicy(),
        logger: mockServices.logger.mock(),
        windowDays: 180,
        now: new Date(now),
      });

    expect(await run('2026-11-11T12:00:00.000Z')).toEqual({
      services: 1,
      evaluated: 3,
      changed: 3,
    });
    expect((await store.getEvaluation('github/9001'))?.verdict).toBe('pending');

    // Nothing new arrives; only time passes beyond the 72-hour window.
    expect((await run('2026-11-13T12:00:01.000Z')).changed).toBe(1);
    expect((await store.getEvaluation('github/9001'))?.verdict).toBe(
      'exception',
    );
    expect(
      (await store.verdictHistory('github/9001')).map(h => [
        h.verdict,
        h.cause,
      ]),
    ).toEqual([
      ['pending', 'scheduled re-evaluation'],
      ['exception', 'scheduled re-evaluation'],
    ]);

    expect(
      (await store.listServices()).map(s => [s.entityRef, s.ticketProjectKey]),
    ).toEqual([['component:default/payments-api', 'PAY']]);
  });
});

describe('reevaluateEntities', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let knex: Knex;

  afterEach(async () => {
    await knex.destroy();
  });

  async function storeWithEvidence() {
    knex = await databases.init('SQLITE_3');
    const store = await KnexEvidenceStore.create({
      database: databaseServiceFor(knex),
    });
    await loadDemoEvidence(store);
    return store;
  }

  it('evaluates the entity a deployment event named, keeping the cause', async () => {
    const store = await storeWithEvidence();
    const logger = mockServices.logger.mock();

    await reevaluateEntities({
      catalog,
      auth: mockServices.auth(),
      store,
      policy: basePolicy(),
      logger,
      windowDays: 180,
      now: new Date('2026-11-20T00:00:00.000Z'),
      entityRefs: ['component:default/payments-api'],
      cause: 'deployment event github/9002',
    });

    expect(
      (await store.verdictHistory('github/9002')).map(h => h.cause),
    ).toEqual(['deployment event github/9002']);
  });

  it('leaves an entity alone that names no repository, or that the catalog does not know', async () => {
    const store = await storeWithEvidence();
    const logger = mockServices.logger.mock();

    await reevaluateEntities({
      catalog,
      auth: mockServices.auth(),
      store,
      policy: basePolicy(),
      logger,
      windowDays: 180,
      now: new Date('2026-11-20T00:00:00.000Z'),
      entityRefs: [
        'component:default/no-repository',
        'component:default/unknown',
      ],
      cause: 'deployment event',
    });

    expect(logger.warn).toHaveBeenCalledTimes(2);
    expect(await store.getEvaluation('github/9001')).toBeUndefined();
  });
});
