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
import { JsonObject } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import changeCompliancePlugin from '@change-compliance/plugin-change-compliance-backend';
import {
  CheckId,
  CheckStatus,
  Organisation,
} from '@internal/upstream-simulator';
import YAML from 'yaml';
import { changeComplianceModuleGithub } from '../module';
import { integrationsFor } from './simulatedGithub';

/** The repository root: scenario paths given to tests are relative to it. */
export const REPOSITORY_ROOT = path.resolve(__dirname, '../../../..');

/** The id under which the module schedules its sync (module.ts, GithubEvidenceProvider.ts). */
export const GITHUB_SYNC_TASK = 'change-compliance-github-sync';

const DAY_MS = 24 * 60 * 60 * 1000;

function readEntities(file: string): Entity[] {
  return YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map(doc => doc.toJSON() as Entity | null)
    .filter((e): e is Entity => Boolean(e?.kind));
}

/**
 * The catalog `make start` serves (examples/), as a scenario needs it: every user and group, and
 * the components the scenario deploys. Scenario files name people by GitHub login and services by
 * component name; the catalog says who is in which team (`github.com/user-login`) and which
 * repository a service lives in (`github.com/project-slug`).
 */
export function demoCatalogFor(organisation: Organisation): Entity[] {
  const examples = path.join(REPOSITORY_ROOT, 'examples');
  const entities = [
    ...readEntities(path.join(examples, 'org.yaml')),
    ...readEntities(path.join(examples, 'entities.yaml')),
  ];
  const deployed = new Set(organisation.expected.map(e => e.service));
  const byRef = new Map(
    entities.map(e => [stringifyEntityRef(e).toLowerCase(), e]),
  );
  const missing = [...deployed].filter(ref => !byRef.has(ref.toLowerCase()));
  if (missing.length > 0) {
    throw new Error(
      `The scenario deploys ${missing.join(
        ', ',
      )}, which the demo catalog (examples/entities.yaml) does not have`,
    );
  }
  return entities.filter(
    e =>
      e.kind === 'User' ||
      e.kind === 'Group' ||
      deployed.has(stringifyEntityRef(e)),
  );
}

/** The demo's change management policy, as app-config.yaml sets it for `make start`. */
export function demoPolicy(): JsonObject {
  const appConfig = YAML.parse(
    fs.readFileSync(path.join(REPOSITORY_ROOT, 'app-config.yaml'), 'utf8'),
  );
  return appConfig.changeCompliance.policy;
}

/**
 * Days of history to observe so that the window starts 30 days before the scenario's first event,
 * whatever today's date: a hand-written scenario has fixed dates, and the module and the backend
 * count their window back from the real clock. The repository's initial commit (a year before the
 * first event, by default) stays outside it.
 */
export function windowDaysFor(organisation: Organisation): number {
  const times = organisation.repositories.flatMap(r => [
    ...r.commits.filter(c => c.parents.length > 0).map(c => c.author.date),
    ...r.pullRequests.map(pr => pr.createdAt),
    ...r.deployments.map(d => d.createdAt),
  ]);
  const first = Math.min(...times.map(t => Date.parse(t)));
  return Math.ceil((Date.now() - first) / DAY_MS) + 30;
}

export interface ScenarioBackend {
  /** Where the backend answers over HTTP, `http://localhost:port`. */
  baseUrl: string;
  /** The scheduler the plugin and its modules scheduled their tasks on. */
  scheduler: SchedulerService;
  stop(): Promise<void>;
}

/**
 * The Change Compliance backend plugin with this GitHub module installed, as a portal runs them,
 * configured like the demo (`make start`): `integrations.github` points at the simulator, the
 * policy is app-config.yaml's, the catalog holds the demo's people and the scenario's services.
 * Scheduled tasks do not run by themselves; trigger them through `scheduler`.
 */
export async function startScenarioBackend(options: {
  simulatorUrl: string;
  organisation: Organisation;
  /** The change management policy; default the demo's. */
  policy?: JsonObject;
}): Promise<ScenarioBackend> {
  const { simulatorUrl, organisation } = options;
  const host = new URL(simulatorUrl).host;
  const scheduler: { current?: SchedulerService } = {};
  // Reaches the scheduler the plugin's own services use, as any module of the plugin would.
  const schedulerHandle = createBackendModule({
    pluginId: 'change-compliance',
    moduleId: 'test-scheduler-handle',
    register(env) {
      env.registerInit({
        deps: { service: coreServices.scheduler },
        async init({ service }) {
          scheduler.current = service;
        },
      });
    },
  });
  const backend = await startTestBackend({
    features: [
      changeCompliancePlugin,
      changeComplianceModuleGithub,
      schedulerHandle,
      catalogServiceMock.factory({ entities: demoCatalogFor(organisation) }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({
        data: {
          integrations: integrationsFor(simulatorUrl),
          changeCompliance: {
            github: { host },
            windowDays: windowDaysFor(organisation),
            policy: options.policy ?? demoPolicy(),
          },
        },
      }),
    ],
  });
  if (!scheduler.current) throw new Error('No scheduler was handed out');
  return {
    baseUrl: `http://localhost:${backend.server.port()}`,
    scheduler: scheduler.current,
    stop: () => backend.stop(),
  };
}

/** One deployment as the API lists it: its id (`github/17`), verdict and per-check statuses. */
export interface ListedDeployment {
  id: string;
  verdict?: string;
  checks: Partial<Record<CheckId, CheckStatus>>;
}

/** GET a Change Compliance route as a signed-in user, over HTTP. */
export async function getAsUser<T>(
  baseUrl: string,
  route: string,
  query: Record<string, string | number> = {},
): Promise<T> {
  const url = new URL(`/api/change-compliance${route}`, baseUrl);
  for (const [key, value] of Object.entries(query)) {
    url.searchParams.set(key, String(value));
  }
  const response = await fetch(url, {
    headers: { authorization: mockCredentials.user.header() },
  });
  const body = await response.json();
  if (!response.ok) {
    throw new Error(
      `GET ${url.pathname}${url.search}: ${response.status} ${JSON.stringify(
        body,
      )}`,
    );
  }
  return body as T;
}

/** Every deployment of a service that the API lists in the period, page by page. */
export async function listDeployments(
  baseUrl: string,
  entityRef: string,
  period: { from: string; to: string },
): Promise<ListedDeployment[]> {
  const [kind, rest] = entityRef.split(':');
  const [namespace, name] = rest.split('/');
  const items: ListedDeployment[] = [];
  for (let page = 1; ; page++) {
    const body = await getAsUser<{
      items: ListedDeployment[];
      totalItems: number;
    }>(baseUrl, `/entities/${kind}/${namespace}/${name}/deployments`, {
      ...period,
      page,
      pageSize: 200,
    });
    items.push(...body.items);
    if (items.length >= body.totalItems || body.items.length === 0) break;
  }
  return items;
}
