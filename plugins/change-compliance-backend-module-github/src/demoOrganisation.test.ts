import { daysBefore } from '@change-compliance/plugin-change-compliance-node';
import fs from 'node:fs';
import path from 'node:path';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import {
  CatalogIdentities,
  DEFAULT_POLICY,
  evaluateService,
  KnexEvidenceStore,
  StoreEvidenceSink,
} from '@change-compliance/plugin-change-compliance-backend/testUtils';
import {
  createSimulator,
  generateDemoOrganisation,
  readDemoCatalog,
} from '@internal/upstream-simulator';
import { GithubAttestationSource } from '@change-compliance/plugin-change-compliance-backend-module-kubernetes';
import YAML from 'yaml';
import {
  integrationsFor,
  providerForSimulator,
  storedEvidence,
} from './__testUtils__/simulatedGithub';

jest.setTimeout(120_000);

/** The checks that GitHub evidence alone decides; the ticket checks need a ticket system module. */
const GITHUB_CHECKS = [
  'review.independent',
  'review.qualified',
  'artifact.traceable',
  'process.no-bypass',
] as const;

const EXAMPLES = path.resolve(__dirname, '../../../examples');

/**
 * The whole pipeline on the demo organisation: the simulator serves its generated history over
 * HTTP while failing a fifth of the requests and throttling some, this module syncs it into a
 * real store, the real engine judges every deployment, and the verdicts are compared with the
 * simulator's answer key, check by check.
 */
describe('the demo organisation, synced from the simulated GitHub and judged', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('agrees with the answer key on every deployment for the checks GitHub evidence decides', async () => {
    const now = '2026-11-20T00:00:00.000Z';
    const organisation = generateDemoOrganisation({
      examplesDirectory: EXAMPLES,
      seed: 42,
      now,
    });
    const catalog = readDemoCatalog(EXAMPLES);
    const simulator = createSimulator({ organisation });
    const base = await simulator.listen();
    const knex = await databases.init('SQLITE_3');
    try {
      const store = await KnexEvidenceStore.create({
        database: { getClient: async () => knex, migrations: { skip: false } },
      });
      const services = catalog.services.map(s => ({
        entityRef: s.entityRef,
        repository: s.repository,
        owningGroups: [`group:default/${s.owner}`],
        ticketSystems: ['jira'],
        sourcePaths: s.sourceDirectory
          ? [`${s.sourceDirectory}/**`]
          : undefined,
        minApprovals: s.minApprovals,
      }));
      await store.upsertServices(
        services.map(s => ({
          entityRef: s.entityRef,
          repositorySlug: s.repository,
          ticketProjectKey: null,
          sourcePaths: s.sourcePaths?.join(',') ?? null,
        })),
      );

      // GitHub at its worst: a fifth of requests answered with 502, bodies cut off, and secondary
      // rate limits (with retry-after) where the sync makes its first requests.
      const waits: number[] = [];
      const provider = providerForSimulator(base, now, {
        sleep: async ms => {
          waits.push(ms);
        },
      });
      await provider.connect(new StoreEvidenceSink(store, async () => {}));
      simulator.faults.set([
        {
          path: '/graphql',
          kind: 'secondary-rate-limit',
          times: 2,
          retryAfterSeconds: 7,
        },
        {
          path: '/audit-log',
          kind: 'too-many-requests',
          times: 2,
          retryAfterSeconds: 3,
        },
        { kind: 'status-502', rate: 0.2 },
        { path: '/graphql', kind: 'truncated', times: 1 },
      ]);
      expect(await provider.syncAll()).toEqual({
        repositories: 12,
        failed: [],
      });
      const injected = Object.fromEntries(
        simulator.faults.hits().map(h => [h.kind, h.hits]),
      );
      const requests = simulator.requestLog.total();
      // eslint-disable-next-line no-console
      console.log(`${requests} requests; faults injected`, injected);
      expect(injected['status-502']).toBeGreaterThanOrEqual(
        Math.floor(requests * 0.1),
      );
      expect(injected['secondary-rate-limit']).toBe(2);
      expect(injected['too-many-requests']).toBe(2);
      expect(injected.truncated).toBe(1);
      // GitHub's `retry-after` was honoured: the client waited exactly as long as it was told.
      expect(waits).toEqual(expect.arrayContaining([7000, 7000, 3000, 3000]));

      // Nothing missing, nothing twice: the store holds what a sync without faults stores.
      simulator.faults.clear();
      const clean = await databases.init('SQLITE_3');
      try {
        const cleanStore = await KnexEvidenceStore.create({
          database: {
            getClient: async () => clean,
            migrations: { skip: false },
          },
        });
        await cleanStore.upsertServices(await store.listServices());
        const unbroken = providerForSimulator(base, now);
        await unbroken.connect(
          new StoreEvidenceSink(cleanStore, async () => {}),
        );
        await unbroken.syncAll();
        expect(await storedEvidence(knex)).toEqual(await storedEvidence(clean));
      } finally {
        await clean.destroy();
      }

      // The images' build provenance, from the repositories' artifact attestations (unverified
      // here: no key): where one names another commit than the deployed one, the answer key
      // expects artifact.traceable to fail.
      const attestations = GithubAttestationSource.fromConfig(
        new ConfigReader({ integrations: integrationsFor(base) }),
        {
          host: new URL(base).host,
          keys: [],
          logger: mockServices.logger.mock(),
        },
      );
      await attestations.connect(new StoreEvidenceSink(store, async () => {}));
      expect((await attestations.syncAll()).result).toBe('success');

      const identities = CatalogIdentities.fromEntities(
        YAML.parseAllDocuments(
          fs.readFileSync(path.join(EXAMPLES, 'org.yaml'), 'utf8'),
        )
          .map(doc => doc.toJSON() as Entity | null)
          .filter((e): e is Entity => Boolean(e?.kind)),
      );
      const policy = {
        ...DEFAULT_POLICY,
        productionBranches: ['$default', 'release/*'],
      };
      for (const service of services) {
        await evaluateService({
          store,
          policy,
          service,
          windowStart: daysBefore(now, 180),
          evaluatedAt: now,
          cause: 'test',
          identities,
        });
      }

      const confusion: Record<string, number> = {};
      const disagreements: string[] = [];
      for (const expected of organisation.expected) {
        const evaluation = await store.getEvaluation(
          `github/${expected.deploymentId}`,
        );
        for (const check of GITHUB_CHECKS) {
          const actual =
            evaluation?.checks.find(c => c.checkId === check)?.status ??
            'not evaluated';
          const key = `${check}: expected ${expected.checks[check]}, got ${actual}`;
          confusion[key] = (confusion[key] ?? 0) + 1;
          if (actual !== expected.checks[check]) {
            disagreements.push(`github/${expected.deploymentId} ${key}`);
          }
        }
      }
      // The confusion counts per check, for the person reading the test output.
      // eslint-disable-next-line no-console
      console.log(
        Object.entries(confusion)
          .sort()
          .map(([key, n]) => `${key}: ${n}`)
          .join('\n'),
      );
      expect(organisation.expected.length).toBeGreaterThan(500);
      expect(disagreements).toEqual([]);
    } finally {
      await simulator.close();
      await knex.destroy();
    }
  });
});
