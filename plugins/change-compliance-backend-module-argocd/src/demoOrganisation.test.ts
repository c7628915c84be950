import path from 'node:path';
import { ConfigReader, JsonObject } from '@backstage/config';
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  GithubClients,
  GithubEvidenceProvider,
} from '@change-compliance/plugin-change-compliance-backend-module-github';
import { JiraTicketSystem } from '@change-compliance/plugin-change-compliance-backend-module-jira';
import {
  CatalogIdentities,
  evaluateService,
  KnexEvidenceStore,
  readPolicy,
  StoreEvidenceSink,
} from '@change-compliance/plugin-change-compliance-backend/testUtils';
import {
  CHECK_IDS,
  createSimulator,
  DEMO_CREDENTIALS,
  generateDemoOrganisation,
  MOUNTS,
  readDemoCatalog,
} from '@internal/upstream-simulator';
import {
  argoCdSourceFor,
  demoAppConfig,
  entitiesOf,
  EXAMPLES,
  SILENT,
} from './__testUtils__/demoPortal';

jest.setTimeout(180_000);

const NOW = '2026-11-20T00:00:00.000Z';
const DAY_MS = 86_400_000;

/**
 * The demo organisation's Argo CD-deployed service end to end, as `make start` runs it: the
 * simulator serves its code on GitHub, its tickets on Jira and its deployments on two Argo CD
 * instances over HTTP (some Argo CD answers failing, cut off or throttled), the GitHub module syncs
 * the code, this module reads the deployments with app-config.yaml's `argocd` section, and the
 * real engine judges every production deployment with the app-config policy, fetching tickets
 * from Jira as the backend does. Every check of every deployment is compared with the
 * simulator's answer key.
 */
describe('the demo organisation’s Argo CD service, judged', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('agrees with the answer key on every check of every production sync', async () => {
    const organisation = generateDemoOrganisation({
      examplesDirectory: EXAMPLES,
      seed: 42,
      now: NOW,
    });
    const expected = organisation.argoCd!.expected;
    const simulator = createSimulator({ organisation });
    const base = await simulator.listen();
    const knex = await databases.init('SQLITE_3');
    try {
      const store = await KnexEvidenceStore.create({
        database: { getClient: async () => knex, migrations: { skip: false } },
      });
      const deployed = new Set(expected.map(e => e.service));
      const catalog = readDemoCatalog(EXAMPLES).services.map(s => ({
        entityRef: s.entityRef,
        repository: s.repository,
        owningGroups: [`group:default/${s.owner}`],
        ticketSystems: ['jira'],
        ticketProjectKey: s.jiraProject,
        sourcePaths: s.sourceDirectory
          ? [`${s.sourceDirectory}/**`]
          : undefined,
        minApprovals: s.minApprovals,
      }));
      const services = catalog.filter(s => deployed.has(s.entityRef));
      expect(services.map(s => s.entityRef)).toEqual([
        'component:default/help-centre',
      ]);
      // Every service of its repository: the GitHub module tells the monorepo's GitHub deployments
      // apart by the services it knows.
      const repository = services[0].repository;
      await store.upsertServices(
        catalog
          .filter(s => s.repository === repository)
          .map(s => ({
            entityRef: s.entityRef,
            repositorySlug: s.repository,
            ticketProjectKey: s.ticketProjectKey,
            sourcePaths: s.sourcePaths?.join(',') ?? null,
          })),
      );
      const evaluationRequests: string[][] = [];
      const sink = new StoreEvidenceSink(store, async refs => {
        evaluationRequests.push(refs);
      });

      // The code: the GitHub module, as app-config.yaml configures it, on the simulator.
      const host = new URL(base).host;
      const github = new GithubEvidenceProvider({
        clients: GithubClients.fromConfig(
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
        ),
        host,
        windowDays: 180,
        logger: SILENT,
        now: () => new Date(NOW),
      });
      await github.connect(sink);
      expect((await github.syncAll()).failed).toEqual([]);
      evaluationRequests.length = 0;

      // The deployments: both Argo CD instances, through faults.
      simulator.faults.set([
        { path: '/argocd/staging/.*', kind: 'status-502', times: 2 },
        { path: '/argocd/prod/.*', kind: 'truncated', times: 1 },
        { path: '/argocd/prod/.*', kind: 'too-many-requests', times: 1 },
      ]);
      const argoCd = argoCdSourceFor(base, { now: NOW });
      await argoCd.connect(sink);
      expect(await argoCd.syncAll()).toEqual({
        services: 1,
        deployments: expected.length * 2,
        failed: [],
      });
      const injected = Object.fromEntries(
        simulator.faults.hits().map(h => [h.kind, h.hits]),
      );
      expect(injected).toEqual({
        'status-502': 2,
        truncated: 1,
        'too-many-requests': 1,
      });
      simulator.faults.clear();
      expect(evaluationRequests).toEqual([['component:default/help-centre']]);

      // Read again: nothing changed, nothing to evaluate again.
      await argoCd.syncAll();
      expect(evaluationRequests).toHaveLength(1);

      const demo = demoAppConfig().changeCompliance as JsonObject;
      const jira = JiraTicketSystem.fromConfig(
        new ConfigReader({
          changeCompliance: {
            windowDays: 180,
            policy: demo.policy,
            jira: {
              ...(demo.jira as JsonObject),
              baseUrl: `${base}${MOUNTS.jira}`,
            },
          },
        }),
        { logger: SILENT, now: () => new Date(NOW) },
      );
      await jira.connect(sink);
      const policy = readPolicy(
        new ConfigReader({ changeCompliance: { policy: demo.policy } }),
      );
      const identities = CatalogIdentities.fromEntities(
        entitiesOf(path.join(EXAMPLES, 'org.yaml')),
      );
      for (const service of services) {
        await evaluateService({
          store,
          policy,
          service,
          windowStart: new Date(Date.parse(NOW) - 180 * DAY_MS).toISOString(),
          evaluatedAt: NOW,
          cause: 'test',
          identities,
          fetchTickets: keys => jira.fetchTickets(keys),
        });
      }

      const confusion: Record<string, number> = {};
      const disagreements: string[] = [];
      for (const e of expected) {
        const id = `argocd:${e.instance}/${e.application}/${e.historyId}`;
        const evaluation = await store.getEvaluation(id);
        const verdictKey = `verdict: expected ${e.verdict}, got ${
          evaluation?.verdict ?? 'not evaluated'
        }`;
        confusion[verdictKey] = (confusion[verdictKey] ?? 0) + 1;
        for (const check of CHECK_IDS) {
          const result = evaluation?.checks.find(c => c.checkId === check);
          const actual = result?.status ?? 'not evaluated';
          const key = `${check}: expected ${e.checks[check]}, got ${actual}`;
          confusion[key] = (confusion[key] ?? 0) + 1;
          if (actual !== e.checks[check]) {
            disagreements.push(
              `${id} (${e.messiness.join(', ')}) ${key}: ${result?.reason}`,
            );
          }
        }
        if (evaluation?.verdict !== e.verdict) {
          disagreements.push(`${id} ${verdictKey}`);
        }
      }
      // The confusion counts, for the person reading the test output.
      // eslint-disable-next-line no-console
      console.log(
        `${expected.length} production syncs of help-centre\n${Object.entries(
          confusion,
        )
          .sort()
          .map(([key, n]) => `${key}: ${n}`)
          .join('\n')}`,
      );
      expect(expected.length).toBeGreaterThan(30);
      expect(expected.some(e => e.verdict === 'exception')).toBe(true);
      expect(expected.some(e => e.verdict === 'compliant')).toBe(true);
      expect(disagreements).toEqual([]);

      // The staging syncs are stored, from the other instance, and not judged.
      const staging = await knex('deployments')
        .where({ source: 'argocd:staging' })
        .select('environment', 'external_id');
      expect(staging).toHaveLength(expected.length);
      expect(new Set(staging.map(d => d.environment))).toEqual(
        new Set(['staging']),
      );
      expect(
        await store.getEvaluation(`argocd:staging/${staging[0].external_id}`),
      ).toBeUndefined();
    } finally {
      await simulator.close();
      await knex.destroy();
    }
  });
});
