import { daysBefore } from '@change-compliance/plugin-change-compliance-node';
import fs from 'node:fs';
import path from 'node:path';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  CatalogIdentities,
  evaluateService,
  KnexEvidenceStore,
  readPolicy,
  StoreEvidenceSink,
} from '@change-compliance/plugin-change-compliance-backend/testUtils';
import { JiraTicketSystem } from '@change-compliance/plugin-change-compliance-backend-module-jira';
import {
  CHECK_IDS,
  createSimulator,
  generateDemoOrganisation,
  MOUNTS,
  readDemoCatalog,
} from '@internal/upstream-simulator';
import { Knex } from 'knex';
import YAML from 'yaml';
import { providerForSimulator } from './__testUtils__/simulatedGitlab';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../../..');
const EXAMPLES = path.join(ROOT, 'examples');

function appConfig() {
  return YAML.parse(
    fs.readFileSync(path.join(ROOT, 'app-config.yaml'), 'utf8'),
  );
}

function demoIdentities(): CatalogIdentities {
  return CatalogIdentities.fromEntities(
    YAML.parseAllDocuments(
      fs.readFileSync(path.join(EXAMPLES, 'org.yaml'), 'utf8'),
    )
      .map(doc => doc.toJSON() as Entity | null)
      .filter((e): e is Entity => Boolean(e?.kind)),
  );
}

/** The tables a GitLab sync writes: two syncs stored the same when these are equal. */
async function storedEvidence(knex: Knex) {
  const tables = [
    'repositories',
    'branch_heads',
    'commits',
    'commit_pull_requests',
    'pull_requests',
    'reviews',
    'deployments',
    'branch_protection_snapshots',
  ];
  return Object.fromEntries(
    await Promise.all(
      tables.map(async table => [
        table,
        (await knex(table).select())
          .map(({ updated_at: _written, ...row }) => JSON.stringify(row))
          .sort(),
      ]),
    ),
  );
}

/**
 * The demo organisation's GitLab-hosted services end to end: the simulator serves their projects
 * over HTTP as GitLab's REST API v4 while failing a fifth of the requests, this module syncs them
 * into a real store, the Jira module supplies the tickets, the real engine judges every
 * deployment with the demo's policy and people, and every check is compared with the answer key.
 */
describe('the demo organisation’s GitLab projects, synced from the simulated GitLab and judged', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('agrees with the answer key on every check of every GitLab deployment', async () => {
    const now = '2026-11-20T00:00:00.000Z';
    const organisation = generateDemoOrganisation({
      examplesDirectory: EXAMPLES,
      seed: 42,
      now,
    });
    const expected = organisation.gitlab?.expected ?? [];
    const catalog = readDemoCatalog(EXAMPLES);
    const gitlabServices = catalog.gitlabServices ?? [];
    expect(gitlabServices.length).toBeGreaterThan(0);
    const simulator = createSimulator({ organisation });
    const base = await simulator.listen();
    const knex = await databases.init('SQLITE_3');
    try {
      const store = await KnexEvidenceStore.create({
        database: { getClient: async () => knex, migrations: { skip: false } },
      });
      const services = gitlabServices.map(s => ({
        entityRef: s.entityRef,
        repository: s.repository,
        sourceControl: 'gitlab',
        owningGroups: [`group:default/${s.owner}`],
        ticketSystems: ['jira'],
        ticketProjectKey: s.jiraProject,
        minApprovals: s.minApprovals,
      }));
      await store.upsertServices(
        services.map(s => ({
          entityRef: s.entityRef,
          repositorySlug: s.repository,
          sourceControl: 'gitlab',
          ticketProjectKey: s.ticketProjectKey,
          sourcePaths: null,
        })),
      );
      const sink = new StoreEvidenceSink(store, async () => {});

      // GitLab at its worst: a fifth of requests answered with 502, a body cut off, and rate
      // limiting (429 with Retry-After) where the sync makes its first requests.
      const waits: number[] = [];
      const provider = providerForSimulator(base, now, {
        sleep: async ms => {
          waits.push(ms);
        },
      });
      await provider.connect(sink);
      simulator.faults.set([
        {
          path: `${MOUNTS.gitlab}/projects/[^/]+$`,
          kind: 'too-many-requests',
          times: 2,
          retryAfterSeconds: 3,
        },
        { path: MOUNTS.gitlab, kind: 'status-502', rate: 0.2 },
        {
          path: `${MOUNTS.gitlab}/.*/merge_requests$`,
          kind: 'truncated',
          times: 1,
        },
      ]);
      expect(await provider.syncAll()).toEqual({
        projects: gitlabServices.length,
        failed: [],
      });
      const injected = Object.fromEntries(
        simulator.faults.hits().map(h => [h.kind, h.hits]),
      );
      const requests = simulator.requestLog.total();
      // eslint-disable-next-line no-console
      console.log(`${requests} requests; faults injected`, injected);
      expect(injected['too-many-requests']).toBe(2);
      expect(injected.truncated).toBe(1);
      expect(injected['status-502']).toBeGreaterThan(0);
      // GitLab's Retry-After was honoured: the client waited exactly as long as it was told.
      expect(waits).toEqual(expect.arrayContaining([3000, 3000]));

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

      // The tickets come from the simulated Jira, as the demo's Jira module reads them.
      const demo = appConfig().changeCompliance;
      const jira = JiraTicketSystem.fromConfig(
        new ConfigReader({
          changeCompliance: {
            windowDays: 180,
            policy: demo.policy,
            jira: { ...demo.jira, baseUrl: `${base}${MOUNTS.jira}` },
          },
        }),
        {
          logger: mockServices.logger.mock(),
          requestPolicy: { baseDelayMs: 5 },
          now: () => new Date(now),
        },
      );
      await jira.connect(sink);
      const policy = readPolicy(
        new ConfigReader({ changeCompliance: { policy: demo.policy } }),
      );
      const identities = demoIdentities();
      for (const service of services) {
        await evaluateService({
          store,
          policy,
          service,
          windowStart: daysBefore(now, 180),
          evaluatedAt: now,
          cause: 'test',
          identities,
          fetchTickets: keys => jira.fetchTickets(keys),
        });
      }

      const confusion: Record<string, number> = {};
      const disagreements: string[] = [];
      for (const deployment of expected) {
        const evaluation = await store.getEvaluation(
          `gitlab/${deployment.deploymentId}`,
        );
        for (const check of CHECK_IDS) {
          const result = evaluation?.checks.find(c => c.checkId === check);
          const actual = result?.status ?? 'not evaluated';
          const key = `${check}: expected ${deployment.checks[check]}, got ${actual}`;
          confusion[key] = (confusion[key] ?? 0) + 1;
          if (actual !== deployment.checks[check]) {
            disagreements.push(
              `gitlab/${deployment.deploymentId} (${deployment.messiness.join(
                ', ',
              )}) ${key}: ${result?.reason}`,
            );
          }
        }
      }
      // eslint-disable-next-line no-console
      console.log(
        `${expected.length} GitLab deployments\n${Object.entries(confusion)
          .sort()
          .map(([key, n]) => `${key}: ${n}`)
          .join('\n')}`,
      );
      expect(expected.length).toBeGreaterThan(30);
      // Exceptions are among them, so that agreement is not agreement on a clean history only.
      expect(
        expected.filter(e => e.verdict === 'exception').length,
      ).toBeGreaterThan(3);
      expect(disagreements).toEqual([]);
    } finally {
      await simulator.close();
      await knex.destroy();
    }
  });
});
