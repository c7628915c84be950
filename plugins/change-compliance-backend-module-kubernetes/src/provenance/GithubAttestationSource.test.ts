import crypto from 'node:crypto';
import { TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import {
  createSimulator,
  DEMO_ATTESTATION_KEY_ID,
  DEMO_ATTESTATION_PUBLIC_KEY,
  DEMO_CREDENTIALS,
  MOUNTS,
  Simulator,
} from '@internal/upstream-simulator';
import { Knex } from 'knex';
import {
  demoOrganisation,
  PAYMENTS_API,
  SILENT,
  storeWithPaymentsApi,
} from '../__testUtils__/demo';
import { TrustedKey } from './dsse';
import { GithubAttestationSource } from './GithubAttestationSource';

jest.setTimeout(60_000);

describe('GithubAttestationSource against the simulated GitHub', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const organisation = demoOrganisation();
  const deployments = organisation.repositories
    .find(r => r.name === 'payments-api')!
    .deployments.filter(d => d.image);
  const mismatched = organisation.expected.find(e =>
    e.messiness.includes('provenance-mismatch'),
  )!;
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

  async function readWith(
    keys: TrustedKey[],
    options: { timeoutMs?: number } = {},
  ) {
    const setup = await storeWithPaymentsApi(databases);
    knex = setup.knex;
    await setup.store.upsertDeployments(
      deployments.map(d => ({
        source: 'github',
        externalId: String(d.id),
        serviceRef: PAYMENTS_API,
        environment: d.environment,
        commitSha: d.sha,
        imageDigest: d.image!.digest,
        deployedAt: d.createdAt,
        status: 'success',
        ticketKeys: [],
      })),
    );
    const host = new URL(base).host;
    const integrations = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: {
          github: [
            {
              host,
              apiBaseUrl: `${base}${MOUNTS.githubRest}`,
              token: DEMO_CREDENTIALS.githubToken,
            },
          ],
        },
      }),
    );
    const source = new GithubAttestationSource({
      integrations,
      credentials:
        DefaultGithubCredentialsProvider.fromIntegrations(integrations),
      host,
      keys,
      logger: SILENT,
      ...options,
    });
    await source.connect(setup.sink);
    const outcome = await source.syncAll();
    const provenance = await setup.store.listProvenance(
      deployments.map(d => d.image!.digest),
    );
    return { ...setup, outcome, provenance };
  }

  it("reads each digest's signed provenance, verified with the configured key, and has the services evaluated", async () => {
    const { outcome, provenance, evaluations, store } = await readWith([
      {
        keyId: DEMO_ATTESTATION_KEY_ID,
        publicKey: DEMO_ATTESTATION_PUBLIC_KEY,
      },
    ]);

    expect(outcome).toEqual(expect.objectContaining({ result: 'success' }));
    expect(provenance).toHaveLength(
      new Set(deployments.map(d => d.image!.digest)).size,
    );
    expect(new Set(provenance.map(p => p.verification))).toEqual(
      new Set(['verified']),
    );
    expect(provenance[0]).toEqual(
      expect.objectContaining({
        source: 'github-attestations',
        predicateType: 'https://slsa.dev/provenance/v1',
        sourceRepository: 'https://github.example/northwind/payments-api',
        sourceRef: 'refs/heads/main',
        verificationNote: `signed with key ${DEMO_ATTESTATION_KEY_ID}`,
      }),
    );
    // Every statement names its deployment's commit, but the planted one.
    const digestOf = new Map(deployments.map(d => [d.id, d.image!.digest]));
    const plantedDigest = digestOf.get(mismatched.deploymentId)!;
    const named = deployments.map(d => [
      d.id,
      provenance.find(p => p.digest === d.image!.digest)!.sourceCommit ===
        d.sha,
    ]);
    expect(named).toEqual(
      deployments.map(d => [d.id, d.image!.digest !== plantedDigest]),
    );
    expect(evaluations).toEqual([
      {
        services: [PAYMENTS_API],
        cause: 'build provenance read from github-attestations',
      },
    ]);
    // Known now: a second round asks for nothing.
    expect(
      (await store.listArtifactDigests()).every(d => d.provenanceKnown),
    ).toBe(true);
  });

  it('gives up on a digest GitHub never answers for, and reads the rest', async () => {
    simulator.faults.set([
      { path: '/attestations/', kind: 'timeout', times: 1 },
    ]);
    try {
      const started = Date.now();
      const { outcome, provenance } = await readWith([], { timeoutMs: 300 });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(outcome).toEqual(
        expect.objectContaining({
          result: 'failure',
          error: expect.stringMatching(/^1 of \d+ digests unread/),
        }),
      );
      expect(provenance).toHaveLength(
        new Set(deployments.map(d => d.image!.digest)).size - 1,
      );
    } finally {
      simulator.faults.clear();
    }
  });

  it('reads the statements unverified, saying why, without a key', async () => {
    const { provenance } = await readWith([]);
    expect(provenance[0]).toEqual(
      expect.objectContaining({
        verification: 'unverified',
        verificationNote: 'no public key is configured to verify it',
      }),
    );
  });

  it('marks a statement whose signature the named key does not verify as failed', async () => {
    const { publicKey } = crypto.generateKeyPairSync('ec', {
      namedCurve: 'P-256',
    });
    const { provenance } = await readWith([
      {
        keyId: DEMO_ATTESTATION_KEY_ID,
        publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      },
    ]);
    expect(provenance[0]).toEqual(
      expect.objectContaining({
        verification: 'failed',
        verificationNote: `no signature verifies with key ${DEMO_ATTESTATION_KEY_ID}`,
      }),
    );
  });
});
