import fs from 'node:fs';
import path from 'node:path';
import {
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import changeCompliancePlugin from '@change-compliance/plugin-change-compliance-backend';
import changeComplianceModuleGithub from '@change-compliance/plugin-change-compliance-backend-module-github';
import {
  CHECK_IDS,
  createSimulator,
  DEMO_CREDENTIALS,
  MOUNTS,
  parseScenario,
  Simulator,
} from '@internal/upstream-simulator';
import YAML from 'yaml';
import {
  demoChangeComplianceConfig,
  REPOSITORY_ROOT,
} from './__testUtils__/simulatedJira';
import { changeComplianceModuleJira } from './module';

jest.setTimeout(60_000);

const DAY_MS = 24 * 60 * 60 * 1000;

function readEntities(file: string): Entity[] {
  return YAML.parseAllDocuments(
    fs.readFileSync(path.join(REPOSITORY_ROOT, 'examples', file), 'utf8'),
  )
    .map(doc => doc.toJSON() as Entity | null)
    .filter((e): e is Entity => Boolean(e?.kind));
}

/**
 * The module as the portal installs it (packages/backend/src/index.ts): beside the Change
 * Compliance plugin and the GitHub module, configured from `changeCompliance.jira` as in
 * app-config.yaml. The GitHub sync's evaluation asks the plugin's ticket systems for the tickets
 * its changes reference, so the tickets arrive without any Jira sync; the Jira sync then runs as
 * the scheduler runs it and reports to `GET /sources`.
 */
describe('the Jira module in a backend', () => {
  const organisation = parseScenario(
    fs.readFileSync(
      path.join(__dirname, '__fixtures__/jira-approval-cases.yaml'),
      'utf8',
    ),
  );
  let simulator: Simulator;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let scheduler: SchedulerService | undefined;

  const get = async <T>(route: string): Promise<T> => {
    const response = await fetch(
      `http://localhost:${backend.server.port()}/api/change-compliance${route}`,
      { headers: { authorization: mockCredentials.user.header() } },
    );
    if (!response.ok) throw new Error(`GET ${route}: ${response.status}`);
    return (await response.json()) as T;
  };

  beforeAll(async () => {
    simulator = createSimulator({ organisation });
    const base = await simulator.listen();
    const demo = demoChangeComplianceConfig();
    const firstEvent = Math.min(
      ...organisation.repositories.flatMap(r =>
        r.pullRequests.map(pr => Date.parse(pr.createdAt)),
      ),
    );
    const schedulerHandle = createBackendModule({
      pluginId: 'change-compliance',
      moduleId: 'test-scheduler-handle',
      register(env) {
        env.registerInit({
          deps: { service: coreServices.scheduler },
          async init({ service }) {
            scheduler = service;
          },
        });
      },
    });
    const deployed = new Set(organisation.expected.map(e => e.service));
    backend = await startTestBackend({
      features: [
        changeCompliancePlugin,
        changeComplianceModuleGithub,
        changeComplianceModuleJira,
        schedulerHandle,
        catalogServiceMock.factory({
          entities: [
            ...readEntities('org.yaml'),
            ...readEntities('entities.yaml').filter(e =>
              deployed.has(stringifyEntityRef(e)),
            ),
          ],
        }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              github: [
                {
                  host: new URL(base).host,
                  apiBaseUrl: `${base}${MOUNTS.githubRest}`,
                  token: DEMO_CREDENTIALS.githubToken,
                },
              ],
            },
            changeCompliance: {
              github: { host: new URL(base).host },
              jira: {
                ...(demo.jira as object),
                baseUrl: `${base}${MOUNTS.jira}`,
              },
              // From 30 days before the scenario's first event, whatever today's date.
              windowDays: Math.ceil((Date.now() - firstEvent) / DAY_MS) + 30,
              // The scenario's Jira has the PAY project alone.
              policy: {
                ...(demo.policy as object),
                ticketProjects: [{ system: 'jira', key: 'PAY' }],
              },
            },
          },
        }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await simulator?.close();
  });

  it('registers as the jira ticket system', async () => {
    const health = await get<{ providers: { ticketSystems: string[] } }>(
      '/health',
    );
    expect(health.providers.ticketSystems).toEqual(['jira']);
  });

  it("judges the ticket checks with tickets fetched for the GitHub sync's evaluation", async () => {
    simulator.requestLog.label('github-sync');
    await scheduler!.triggerTask('change-compliance-github-sync');
    const jiraSearches = simulator.requestLog.total({
      label: 'github-sync',
      routePrefix: '/jira/rest/api/3/search',
    });
    expect(jiraSearches).toBe(1);

    for (const expected of organisation.expected) {
      const detail = await get<{
        checks: { checkId: string; status: string; reason: string }[];
      }>(`/deployments/github/${expected.deploymentId}`);
      const got = Object.fromEntries(
        detail.checks.map(c => [c.checkId, c.status]),
      );
      expect({ id: expected.deploymentId, ...got }).toEqual({
        id: expected.deploymentId,
        ...Object.fromEntries(CHECK_IDS.map(id => [id, expected.checks[id]])),
      });
    }
  });

  it('syncs the policy project on its schedule and says so in GET /sources', async () => {
    await scheduler!.triggerTask('change-compliance-jira-sync');
    const { sources } = await get<{
      sources: {
        provider: string;
        scope: string;
        lastError: string | null;
        itemsSynced?: number;
      }[];
    }>('/sources');
    expect(
      sources
        .filter(s => s.provider === 'jira')
        .map(s => `${s.scope}: ${s.lastError ?? 'synced'}`),
    ).toEqual(['PAY: synced']);
  });
});
