import { TestDatabases } from '@backstage/backend-test-utils';
import {
  KnexEvidenceStore,
  StoreEvidenceSink,
} from '@change-compliance/plugin-change-compliance-backend/testUtils';
import {
  buildOrganisation,
  createSimulator,
  scenarioSchema,
  ScenarioDocument,
  Simulator,
} from '@internal/upstream-simulator';
import { Knex } from 'knex';
import { argoCdSourceFor } from './__testUtils__/demoPortal';
import { ArgoCdTarget } from './catalog/argoCdAnnotations';

const sync = (
  id: number,
  service: string,
  instance: string,
  at: string,
  environment = 'production',
) => ({
  id,
  service,
  environment,
  at,
  by: 'alice-nakamura',
  argoCd: { instance, application: service, automated: id % 2 === 0 },
});

/**
 * Three services on two Argo CD instances, `eu` (an API token) and `us` (a user name and
 * password): checkout only on `eu`, payments on both (production on `us`, staging on `eu`),
 * ledger only on `us`.
 */
const SCENARIO: ScenarioDocument = {
  now: '2026-11-20T12:00:00Z',
  people: [
    {
      login: 'alice-nakamura',
      name: 'Alice Nakamura',
      email: 'alice.nakamura@northwind.example',
    },
  ],
  repositories: [
    {
      name: 'northwind/shop',
      directCommits: [
        {
          message: 'One',
          author: 'alice-nakamura',
          at: '2026-11-01T09:00:00Z',
        },
        {
          message: 'Two',
          author: 'alice-nakamura',
          at: '2026-11-05T09:00:00Z',
        },
      ],
      deployments: [
        sync(1, 'checkout', 'eu', '2026-11-02T10:00:00Z'),
        sync(2, 'checkout', 'eu', '2026-11-06T10:00:00Z'),
        sync(3, 'payments', 'eu', '2026-11-02T11:00:00Z', 'staging'),
        sync(4, 'payments', 'us', '2026-11-02T12:00:00Z'),
        sync(5, 'payments', 'us', '2026-11-06T12:00:00Z'),
        sync(6, 'ledger', 'us', '2026-11-06T13:00:00Z'),
      ],
    },
  ],
};

const CREDENTIALS = {
  eu: { token: 'eu-token', username: 'portal', password: 'eu-password' },
  us: { token: 'us-token', username: 'portal', password: 'us-password' },
};

const target = (
  name: string,
  more: Partial<ArgoCdTarget> = {},
): ArgoCdTarget => ({
  entityRef: `component:default/${name}`,
  locator: { appName: name },
  ...more,
});

describe('several Argo CD instances', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let simulator: Simulator;
  let base: string;
  let knex: Knex;
  let sink: StoreEvidenceSink;
  let evaluations: string[][];

  /** The portal's `argocd` section for the two instances, `us` signing in with a password. */
  const config = (usPassword = CREDENTIALS.us.password) => ({
    appLocatorMethods: [
      {
        type: 'config',
        instances: [
          { name: 'eu', url: `${base}/argocd/eu`, token: CREDENTIALS.eu.token },
          { name: 'us', url: `${base}/argocd/us` },
        ],
      },
    ],
    username: 'portal',
    password: usPassword,
  });

  beforeAll(async () => {
    simulator = createSimulator({
      organisation: buildOrganisation(scenarioSchema.parse(SCENARIO)),
      argoCdCredentials: CREDENTIALS,
    });
    base = await simulator.listen();
  });
  afterAll(() => simulator.close());

  beforeEach(async () => {
    knex = await databases.init('SQLITE_3');
    const store = await KnexEvidenceStore.create({
      database: { getClient: async () => knex, migrations: { skip: false } },
    });
    await store.upsertServices(
      ['checkout', 'payments', 'ledger'].map(name => ({
        entityRef: `component:default/${name}`,
        repositorySlug: 'northwind/shop',
        ticketProjectKey: null,
        sourcePaths: null,
      })),
    );
    evaluations = [];
    sink = new StoreEvidenceSink(store, async refs => {
      evaluations.push(refs);
    });
    simulator.faults.clear();
  });
  afterEach(() => knex.destroy());

  const stored = async () =>
    (
      await knex('deployments')
        .orderBy(['source', 'external_id'])
        .select('source', 'external_id', 'service_ref', 'environment')
    ).map(
      d =>
        `${d.source} ${d.external_id} ${d.service_ref.split('/')[1]} ${
          d.environment
        }`,
    );

  it('asks every instance when the entity names none, and keeps each instance’s syncs apart', async () => {
    const source = argoCdSourceFor(base, {
      config: config(),
      targets: [target('checkout'), target('payments'), target('ledger')],
    });
    await source.connect(sink);
    expect(await source.syncAll()).toEqual({
      services: 3,
      deployments: 6,
      failed: [],
    });
    expect(await stored()).toEqual([
      'argocd:eu checkout/0 checkout production',
      'argocd:eu checkout/1 checkout production',
      'argocd:eu payments/0 payments staging',
      'argocd:us ledger/0 ledger production',
      'argocd:us payments/0 payments production',
      'argocd:us payments/1 payments production',
    ]);
    expect(evaluations).toEqual([
      [
        'component:default/checkout',
        'component:default/payments',
        'component:default/ledger',
      ],
    ]);

    // Read again: the same records, nothing new to evaluate.
    await source.syncAll();
    expect(await stored()).toHaveLength(6);
    expect(evaluations).toHaveLength(1);
  });

  it('asks only the instance the entity names', async () => {
    const source = argoCdSourceFor(base, {
      config: config(),
      targets: [target('payments', { instanceName: 'us' })],
    });
    await source.connect(sink);
    expect((await source.syncAll()).failed).toEqual([]);
    expect(await stored()).toEqual([
      'argocd:us payments/0 payments production',
      'argocd:us payments/1 payments production',
    ]);
  });

  it('fails an entity whose application no instance has, or whose instance is not configured, and records why', async () => {
    const source = argoCdSourceFor(base, {
      config: config(),
      targets: [
        target('nowhere'),
        target('checkout', { instanceName: 'asia' }),
        target('ledger'),
      ],
    });
    await source.connect(sink);
    expect(await source.syncAll()).toEqual({
      services: 3,
      deployments: 1,
      failed: ['component:default/nowhere', 'component:default/checkout'],
    });
    const states = await knex('source_sync_state')
      .where({ provider: 'argocd' })
      .orderBy('scope')
      .select('scope', 'last_error');
    expect(states).toEqual([
      {
        scope: 'component:default/checkout',
        last_error: expect.stringContaining(
          "names the Argo CD instance 'asia', which argocd.appLocatorMethods does not configure",
        ),
      },
      { scope: 'component:default/ledger', last_error: null },
      {
        scope: 'component:default/nowhere',
        last_error:
          'application nowhere is on none of the Argo CD instances asked (eu, us)',
      },
    ]);
  });

  it('keeps what one instance holds when the other refuses its credentials, and says which', async () => {
    const source = argoCdSourceFor(base, {
      config: config('wrong-password'),
      targets: [target('payments')],
    });
    await source.connect(sink);
    expect((await source.syncAll()).failed).toEqual([
      'component:default/payments',
    ]);
    expect(await stored()).toEqual(['argocd:eu payments/0 payments staging']);
    const [state] = await knex('source_sync_state')
      .where({ provider: 'argocd' })
      .select('last_error');
    expect(state.last_error).toContain(
      'Argo CD instance us refused sign-in (401)',
    );
    expect(state.last_error).not.toContain('wrong-password');
  });

  it('rides out an instance’s bad moments', async () => {
    simulator.faults.set([
      { path: '/argocd/us/.*', kind: 'status-503', times: 2 },
      { path: '/argocd/eu/.*', kind: 'malformed', times: 1 },
    ]);
    const source = argoCdSourceFor(base, {
      config: config(),
      targets: [target('payments')],
    });
    await source.connect(sink);
    expect((await source.syncAll()).failed).toEqual([]);
    expect(await stored()).toHaveLength(3);
  });
});
