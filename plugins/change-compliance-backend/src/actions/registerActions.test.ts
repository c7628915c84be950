import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { databaseServiceFor } from '../__testUtils__/testDatabases';
import {
  loadDemoEvidence,
  paymentsApiService,
} from '../__testUtils__/demoEvidence';
import { KnexEvidenceStore } from '../database/KnexEvidenceStore';
import { baseline, basePolicy } from '../engine/__testUtils__/baseline';
import { evaluateService } from '../evaluation/ServiceEvaluator';
import { registerActions } from './registerActions';

jest.setTimeout(60_000);

describe('actions for AI assistants', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let knex: Knex;
  let store: KnexEvidenceStore;

  beforeEach(async () => {
    knex = await databases.init('SQLITE_3');
    store = await KnexEvidenceStore.create({
      database: databaseServiceFor(knex),
    });
    await loadDemoEvidence(store);
    await store.upsertApprovals(baseline().approvals);
    const now = Date.now();
    await evaluateService({
      store,
      policy: basePolicy(),
      service: paymentsApiService,
      windowStart: '2026-11-01T00:00:00.000Z',
      evaluatedAt: new Date(now).toISOString(),
      cause: 'test evaluation',
    });
  });

  afterEach(async () => {
    await knex.destroy();
  });

  function registry(
    result = AuthorizeResult.ALLOW as
      | AuthorizeResult.ALLOW
      | AuthorizeResult.DENY,
  ) {
    const actionsRegistry = actionsRegistryServiceMock();
    registerActions({
      actionsRegistry,
      store,
      permissions: mockServices.permissions({ result }),
    });
    return actionsRegistry;
  }

  it('explains why a deployment is an exception, check by check', async () => {
    const result = await registry().invoke({
      id: 'test:explain-deployment-verdict',
      input: { deploymentId: 'github/9002' },
      credentials: mockCredentials.user(),
    });

    expect(result.output).toMatchObject({
      deploymentId: 'github/9002',
      serviceRef: 'component:default/payments-api',
      verdict: 'exception',
    });
    const checks = (result.output as any).checks;
    expect(checks.find((c: any) => c.checkId === 'process.no-bypass')).toEqual({
      checkId: 'process.no-bypass',
      status: 'fail',
      reason: expect.stringMatching(/Direct push/),
    });
  });

  it('gives the compliance of a service with counts', async () => {
    const result = await registry().invoke({
      id: 'test:get-change-compliance',
      input: { entityRef: 'component:default/payments-api', days: 730 },
      credentials: mockCredentials.user(),
    });
    expect(result.output).toMatchObject({
      compliant: 1,
      exceptions: 2,
      pending: 0,
    });
  });

  it('refuses people without the read permission', async () => {
    await expect(
      registry(AuthorizeResult.DENY).invoke({
        id: 'test:explain-deployment-verdict',
        input: { deploymentId: 'github/9002' },
        credentials: mockCredentials.user(),
      }),
    ).rejects.toThrow(/Not allowed|not allowed/);
  });
});
