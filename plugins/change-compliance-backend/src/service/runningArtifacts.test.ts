import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { databaseServiceFor } from '../__testUtils__/testDatabases';
import { KnexEvidenceStore } from '../database/KnexEvidenceStore';
import { DEFAULT_POLICY } from '../policy/ChangePolicy';
import { runningArtifactsOf } from './runningArtifacts';

jest.setTimeout(60_000);

const SERVICE = 'component:default/payments-api';
const SHIPPED = `sha256:${'0a'.repeat(32)}`;
const STAGED = `sha256:${'0b'.repeat(32)}`;
const UNKNOWN = `sha256:${'0c'.repeat(32)}`;

describe('runningArtifactsOf', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let knex: Knex | undefined;

  afterEach(async () => {
    await knex?.destroy();
  });

  it('joins what runs to the production deployment that shipped it, and names what none did', async () => {
    knex = await databases.init('SQLITE_3');
    const store = await KnexEvidenceStore.create({
      database: databaseServiceFor(knex),
    });
    const deployment = {
      serviceRef: SERVICE,
      commitSha: 'abcdef1',
      status: 'success',
      ticketKeys: [],
    };
    await store.upsertDeployments([
      {
        ...deployment,
        source: 'ci',
        externalId: '1',
        environment: 'production',
        imageDigest: SHIPPED,
        deployedAt: '2026-11-10T09:00:00.000Z',
      },
      // Shipped to staging only: it explains nothing that runs in production.
      {
        ...deployment,
        source: 'ci',
        externalId: '2',
        environment: 'staging',
        imageDigest: STAGED,
        deployedAt: '2026-11-10T09:30:00.000Z',
      },
    ]);
    const container = (digest: string, workload: string) => ({
      serviceRef: SERVICE,
      cluster: 'production-eu',
      namespace: 'payments',
      workload,
      container: 'api',
      image: 'registry.example/payments-api:1.4.2',
      digest,
      observedAt: '2026-11-10T10:00:00.000Z',
    });
    await store.recordRunningArtifacts(
      {
        cluster: 'production-eu',
        serviceRefs: [SERVICE],
        observedAt: '2026-11-10T10:00:00.000Z',
      },
      [
        container(SHIPPED, 'Deployment/payments-api'),
        container(STAGED, 'Deployment/payments-api-canary'),
        container(UNKNOWN, 'Pod/payments-api-debug'),
      ],
    );

    const { runningArtifacts, artifactExceptions } = await runningArtifactsOf(
      store,
      DEFAULT_POLICY,
      SERVICE,
    );

    expect(
      runningArtifacts.map(a => [a.workload, a.deploymentId ?? null]),
    ).toEqual([
      ['Deployment/payments-api', 'ci/1'],
      ['Deployment/payments-api-canary', null],
      ['Pod/payments-api-debug', null],
    ]);
    expect(artifactExceptions.map(e => [e.kind, e.digest])).toEqual([
      ['unknown-artifact-in-production', STAGED],
      ['unknown-artifact-in-production', UNKNOWN],
    ]);
    expect(artifactExceptions[1].reason).toBe(
      `Unknown artifact in production: registry.example/payments-api:1.4.2 (${UNKNOWN}) runs in production-eu/payments Pod/payments-api-debug since 2026-11-10T10:00:00.000Z, and no production deployment of ${SERVICE} carries that digest.`,
    );
  });

  it('answers empty lists for a service no cluster reports', async () => {
    knex = await databases.init('SQLITE_3');
    const store = await KnexEvidenceStore.create({
      database: databaseServiceFor(knex),
    });
    expect(await runningArtifactsOf(store, DEFAULT_POLICY, SERVICE)).toEqual({
      runningArtifacts: [],
      artifactExceptions: [],
    });
  });
});
