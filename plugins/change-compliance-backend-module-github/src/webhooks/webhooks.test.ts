import { createHmac } from 'node:crypto';
import path from 'node:path';
import {
  BackendFeature,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import eventsPlugin from '@backstage/plugin-events-backend';
import {
  EventParams,
  eventsServiceFactory,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import changeCompliancePlugin from '@change-compliance/plugin-change-compliance-backend';
import { KnexEvidenceStore } from '@change-compliance/plugin-change-compliance-backend/testUtils';
import { createSimulator, Simulator } from '@internal/upstream-simulator';
import { Knex } from 'knex';
import { changeComplianceModuleGithub } from '../module';
import {
  integrationsFor,
  storedEvidence,
  scenario,
} from '../__testUtils__/simulatedGithub';

jest.setTimeout(60_000);

const REPOSITORY = 'northwind/payments-api';
const DAY_MS = 24 * 60 * 60 * 1000;
const SECRET = 'webhook-secret-for-tests';

/**
 * The events backend's GitHub module: its signature validator on `/api/events/http/github`, and
 * its router from the topic `github` to `github.<event>`. The package's default export loads these
 * two with a dynamic `import()`, which Jest runs only with `--experimental-vm-modules`; required
 * from the package's own files, they are the very code the portal runs.
 */
function githubEventsModules(): BackendFeature[] {
  const dist = path.dirname(
    require.resolve('@backstage/plugin-events-backend-module-github'),
  );
  return [
    'service/eventsModuleGithubWebhook.cjs.js',
    'service/eventsModuleGithubEventRouter.cjs.js',
  ].map(file => require(path.join(dist, file)).default);
}

const paymentsApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: {
      'github.com/project-slug': REPOSITORY,
      'jira/project-key': 'PAY',
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments-team' },
};

/** Every GitHub delivery the events backend published, as a subscriber in the portal sees it. */
function observerModule(published: EventParams[]) {
  return createBackendModule({
    pluginId: 'change-compliance',
    moduleId: 'test-observer',
    register(env) {
      env.registerInit({
        deps: { events: eventsServiceRef },
        async init({ events }) {
          await events.subscribe({
            id: 'test-observer',
            topics: ['github'],
            onEvent: async params => {
              published.push(params);
            },
          });
        },
      });
    },
  });
}

function signature(secret: string, body: string) {
  return `sha256=${createHmac('sha256', secret)
    .update(body, 'utf8')
    .digest('hex')}`;
}

/** Polls until `probe` answers, failing after a deadline rather than sleeping a fixed time. */
async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await probe();
    if (answer !== undefined) return answer;
    if (Date.now() > deadline) {
      throw new Error(`Not within ${timeoutMs} ms: ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

describe('GitHub webhooks through the events backend', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let simulator: Simulator;
  let knex: Knex;
  let backend: TestBackend;
  let store: KnexEvidenceStore;
  let published: EventParams[];
  let receiver: string;

  beforeEach(async () => {
    const organisation = scenario('three-cases');
    simulator = createSimulator({ organisation });
    const base = await simulator.listen();
    const host = new URL(base).host;
    knex = await databases.init('SQLITE_3');
    published = [];
    backend = await startTestBackend({
      features: [
        eventsPlugin,
        ...githubEventsModules(),
        changeCompliancePlugin,
        changeComplianceModuleGithub,
        observerModule(published),
        // One events service for every plugin, as in the portal: the test backend's default
        // gives each plugin its own, and a delivery would never leave the events plugin.
        eventsServiceFactory,
        catalogServiceMock.factory({ entities: [paymentsApi] }),
        mockServices.database.factory({ knex }),
        // Nothing syncs on a schedule here: only webhooks do.
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({
          data: {
            integrations: integrationsFor(base),
            changeCompliance: {
              github: { host },
              // The module counts its window back from the real clock; the scenario's history
              // has fixed dates. The window starts where it would on the scenario's day.
              windowDays:
                Math.ceil(
                  (Date.now() - Date.parse(organisation.now)) / DAY_MS,
                ) + 180,
            },
            events: {
              // In one process the local bus delivers everything; the event bus only adds its
              // long poll, which holds the backend's shutdown for a minute.
              useEventBus: 'never',
              modules: { github: { webhookSecret: SECRET } },
            },
          },
        }),
      ],
    });
    receiver = `http://localhost:${backend.server.port()}/api/events/http/github`;
    store = await KnexEvidenceStore.create({
      database: { getClient: async () => knex, migrations: { skip: true } },
    });
    simulator.requestLog.reset();
  });

  afterEach(async () => {
    await backend.stop();
    await simulator.close();
    await knex.destroy();
  });

  const content = () => storedEvidence(knex);

  async function post(event: string, body: string, headers = {}) {
    const response = await fetch(receiver, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': event,
        'x-github-delivery': `test-${Math.random()}`,
        ...headers,
      },
      body,
    });
    await response.arrayBuffer();
    return response.status;
  }

  /** Has the simulator deliver the history's webhooks, signed with `secret`. */
  async function replay(
    secret: string,
    window: { since?: string; until?: string } = {},
  ) {
    const response = await fetch(`${simulator.baseUrl()}/_simulator/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        url: receiver,
        secret,
        repository: REPOSITORY,
        ...window,
      }),
    });
    return response.json();
  }

  /**
   * Sends one more signed delivery about the repository and waits for a sync of it that started
   * after that delivery to be recorded. Syncs of a repository take turns, so by then every sync
   * asked for before has finished too.
   */
  async function settle() {
    const sentAt = Date.now();
    const body = JSON.stringify({
      action: 'created',
      deployment_status: { state: 'success' },
      repository: { full_name: REPOSITORY },
    });
    expect(
      await post('deployment_status', body, {
        'x-hub-signature-256': signature(SECRET, body),
      }),
    ).toBe(202);
    return eventually(
      'a sync that started after the last delivery',
      async () => {
        const status = (await store.listSourceStatus()).find(
          s => s.scope === REPOSITORY,
        );
        const started = Date.parse(status?.lastStartedAt ?? '');
        const ended = Math.max(
          Date.parse(status?.lastSucceededAt ?? '') || 0,
          Date.parse(status?.lastFailedAt ?? '') || 0,
        );
        return started >= sentAt && ended >= started ? status : undefined;
      },
    );
  }

  it('rejects a delivery with a bad signature or none, and writes nothing', async () => {
    const before = await content();
    const body = JSON.stringify({
      action: 'closed',
      number: 1,
      pull_request: { number: 1, merged: true },
      repository: { full_name: REPOSITORY },
    });

    expect(
      await post('pull_request', body, {
        'x-hub-signature-256': signature('not-the-secret', body),
      }),
    ).toBe(403);
    expect(
      await post('pull_request', body, {
        // Signed, but the body was altered after signing.
        'x-hub-signature-256': signature(SECRET, `${body} `),
      }),
    ).toBe(403);
    expect(await post('pull_request', body)).toBe(403);
    // The simulator signing with the wrong secret, too.
    expect(await replay('not-the-secret')).toMatchObject({
      delivered: 0,
      failed: expect.arrayContaining([{ event: 'pull_request', status: 403 }]),
    });

    // A delivery is published before its response is sent: none was.
    expect(published).toEqual([]);
    expect(await content()).toEqual(before);
    expect(await store.listSourceStatus()).toEqual([]);
    expect(await store.listPullRequests(REPOSITORY)).toEqual([]);
    expect(simulator.requestLog.total()).toBe(0);
  });

  it('stores a merged pull request within seconds of its signed pull_request delivery', async () => {
    // PR 1 was merged at 12:00 that day, after its review: the window holds its merge only.
    expect(
      await replay(SECRET, {
        since: '2026-11-02T11:30:00Z',
        until: '2026-11-02T12:30:00Z',
      }),
    ).toEqual({ delivered: 1, failed: [] });
    expect(published.map(p => p.metadata?.['x-github-event'])).toEqual([
      'pull_request',
    ]);

    const merged = await eventually('PR 1 in the store', async () => {
      const pullRequests = await store.listPullRequests(REPOSITORY);
      return pullRequests.find(pr => pr.number === 1);
    });
    expect(merged).toMatchObject({ number: 1, repository: REPOSITORY });
    const [status] = await store.listSourceStatus();
    expect(status).toMatchObject({ provider: 'github', scope: REPOSITORY });
  });

  it('changes nothing when the same deliveries are replayed', async () => {
    const first = await replay(SECRET);
    expect(first.failed).toEqual([]);
    expect(first.delivered).toBeGreaterThan(0);
    await settle();
    const synced = await content();
    expect(
      (await store.listPullRequests(REPOSITORY)).map(pr => pr.number).sort(),
    ).toEqual([1, 2, 3]);

    expect(await replay(SECRET)).toEqual(first);
    const status = await settle();

    expect(await content()).toEqual(synced);
    expect(status).toMatchObject({ lastError: null, consecutiveFailures: 0 });
  });

  it('ignores deliveries about repositories no catalog service names', async () => {
    const body = JSON.stringify({
      ref: 'refs/heads/main',
      repository: { full_name: 'northwind/not-in-the-catalog' },
    });
    expect(
      await post('push', body, {
        'x-hub-signature-256': signature(SECRET, body),
      }),
    ).toBe(202);
    await settle();

    // Only the repository of the delivery sent to settle was synced, or even attempted.
    expect((await store.listSourceStatus()).map(s => s.scope)).toEqual([
      REPOSITORY,
    ]);
  });
});
