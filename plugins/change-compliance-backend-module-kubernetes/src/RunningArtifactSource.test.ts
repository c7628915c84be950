import { TestDatabases } from '@backstage/backend-test-utils';
import {
  createSimulator,
  KUBERNETES_DEMO_TOKEN,
  MOUNTS,
  Simulator,
} from '@internal/upstream-simulator';
import { Knex } from 'knex';
import {
  demoOrganisation,
  PAYMENTS_API,
  SILENT,
  storeWithPaymentsApi,
} from './__testUtils__/demo';
import { RunningArtifactSource } from './RunningArtifactSource';

jest.setTimeout(60_000);

describe('RunningArtifactSource against the simulated cluster', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const organisation = demoOrganisation();
  let simulator: Simulator;
  let base: string;
  let knex: Knex | undefined;

  beforeAll(async () => {
    simulator = createSimulator({ organisation });
    base = await simulator.listen();
  });

  afterAll(async () => {
    await simulator.close();
  });

  afterEach(async () => {
    await knex?.destroy();
    knex = undefined;
  });

  const cluster = (token = KUBERNETES_DEMO_TOKEN) => ({
    name: 'northwind-production',
    url: `${base}${MOUNTS.kubernetes}`,
    serviceAccountToken: token,
    skipTLSVerify: false,
  });

  it("records the images the service's pods run, one row per workload and container", async () => {
    const setup = await storeWithPaymentsApi(databases);
    knex = setup.knex;
    const source = new RunningArtifactSource({
      clusters: [cluster()],
      services: async () => [
        {
          entityRef: PAYMENTS_API,
          labelSelector: 'backstage.io/kubernetes-id=payments-api',
        },
        // Named in the catalog but not judged (no repository): not swept.
        {
          entityRef: 'component:default/unjudged',
          labelSelector: 'backstage.io/kubernetes-id=unjudged',
        },
      ],
      logger: SILENT,
      now: () => new Date('2026-11-20T00:00:00.000Z'),
    });
    await source.connect(setup.sink);

    const [outcome] = await source.syncAll();

    expect(outcome).toEqual(
      expect.objectContaining({ result: 'success', itemsSynced: 3 }),
    );
    const latest = organisation.repositories
      .find(r => r.name === 'payments-api')!
      .deployments.filter(d => d.image)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .pop()!;
    expect(
      (await setup.store.listRunningArtifacts(PAYMENTS_API)).map(a => [
        a.cluster,
        a.namespace,
        a.workload,
        a.container,
        a.image,
        a.digest,
        a.running,
      ]),
    ).toEqual([
      [
        'northwind-production',
        'payments',
        'Deployment/payments-api',
        'app',
        `${latest.image!.repository}:${latest.image!.tag}`,
        latest.image!.digest,
        true,
      ],
      [
        'northwind-production',
        'payments',
        'Pod/payments-api-debug',
        'app',
        'registry.northwind.example/payments-api:debug',
        expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
        true,
      ],
    ]);
    expect((await setup.store.listSourceStatus())[0]).toEqual(
      expect.objectContaining({
        provider: 'kubernetes',
        scope: 'northwind-production',
        lastError: null,
      }),
    );
  });

  it('records a cluster it cannot read as a failed sync, without the token, and keeps what it had', async () => {
    const setup = await storeWithPaymentsApi(databases);
    knex = setup.knex;
    const services = async () => [
      {
        entityRef: PAYMENTS_API,
        labelSelector: 'backstage.io/kubernetes-id=payments-api',
      },
    ];
    const good = new RunningArtifactSource({
      clusters: [cluster()],
      services,
      logger: SILENT,
    });
    await good.connect(setup.sink);
    await good.syncAll();

    const wrong = new RunningArtifactSource({
      clusters: [cluster('expired-token-123')],
      services,
      logger: SILENT,
    });
    await wrong.connect(setup.sink);
    const [outcome] = await wrong.syncAll();

    expect(outcome.result).toBe('failure');
    expect(outcome.error).toMatch(
      /answered \/kubernetes\/api\/v1\/pods with 401: Unauthorized/,
    );
    expect(outcome.error).not.toContain('expired-token-123');
    expect(
      (await setup.store.listRunningArtifacts(PAYMENTS_API)).filter(
        a => a.running,
      ),
    ).toHaveLength(2);
  });
});
