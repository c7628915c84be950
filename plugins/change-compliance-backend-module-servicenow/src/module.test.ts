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
import { JsonObject } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import changeCompliancePlugin from '@change-compliance/plugin-change-compliance-backend';
import {
  createSimulator,
  DEMO_CREDENTIALS,
  MOUNTS,
  Simulator,
} from '@internal/upstream-simulator';
import { scenario } from './__testUtils__/simulatedServiceNow';
import { changeComplianceModuleServiceNow } from './module';
import { SERVICENOW_SYNC_TASK } from './ServiceNowTicketSystem';

jest.setTimeout(60_000);

/**
 * The Change Compliance backend with this module installed, as a portal runs them, configured
 * with `config`; scheduled tasks run only when triggered through the returned scheduler.
 */
async function startBackend(config: JsonObject) {
  const scheduler: { current?: SchedulerService } = {};
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
      changeComplianceModuleServiceNow,
      schedulerHandle,
      catalogServiceMock.factory({ entities: [] }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  const get = async (route: string) => {
    const response = await fetch(
      `http://localhost:${backend.server.port()}/api/change-compliance${route}`,
      { headers: { authorization: mockCredentials.user.header() } },
    );
    return response.json();
  };
  return { backend, scheduler: scheduler.current!, get };
}

describe('the ServiceNow module in the Change Compliance backend', () => {
  let simulator: Simulator;
  let base: string;

  beforeAll(async () => {
    simulator = createSimulator({
      organisation: scenario('servicenow-change-requests'),
    });
    base = await simulator.listen();
  });

  afterAll(async () => {
    await simulator.close();
  });

  it('registers the ticket system and syncs the instance in its scheduled task', async () => {
    const { backend, scheduler, get } = await startBackend({
      changeCompliance: {
        servicenow: {
          instanceUrl: `${base}${MOUNTS.serviceNow}/`,
          auth: { type: 'basic', ...DEMO_CREDENTIALS.serviceNow },
        },
      },
    });
    try {
      expect((await get('/health')).providers.ticketSystems).toEqual([
        'servicenow',
      ]);

      await scheduler.triggerTask(SERVICENOW_SYNC_TASK);

      expect((await get('/sources')).sources).toEqual([
        expect.objectContaining({
          provider: 'servicenow',
          scope: `${base}${MOUNTS.serviceNow}`,
          lastError: null,
          itemsSynced: 16,
        }),
      ]);
    } finally {
      await backend.stop();
    }
  });

  it('registers nothing without changeCompliance.servicenow', async () => {
    const { backend, get } = await startBackend({});
    try {
      expect((await get('/health')).providers.ticketSystems).toEqual([]);
    } finally {
      await backend.stop();
    }
  });

  it('stops the start on an unknown kind of authentication, naming the key', async () => {
    await expect(
      startBackend({
        changeCompliance: {
          servicenow: {
            instanceUrl: `${base}${MOUNTS.serviceNow}`,
            auth: { type: 'kerberos' },
          },
        },
      }),
    ).rejects.toThrow(
      /changeCompliance.servicenow.auth.type must be basic or oauth; got 'kerberos'/,
    );
  });
});
