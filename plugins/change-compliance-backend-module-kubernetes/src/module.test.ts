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
  KUBERNETES_DEMO_TOKEN,
  MOUNTS,
  Simulator,
} from '@internal/upstream-simulator';
import { demoOrganisation } from './__testUtils__/demo';
import { changeComplianceModuleKubernetes } from './module';
import { KUBERNETES_SYNC_TASK } from './RunningArtifactSource';

jest.setTimeout(60_000);

const paymentsApi = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: {
      'github.com/project-slug': 'northwind/payments-api',
      'backstage.io/kubernetes-id': 'payments-api',
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments-team' },
};

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
      changeComplianceModuleKubernetes,
      schedulerHandle,
      catalogServiceMock.factory({ entities: [paymentsApi] }),
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

describe('the Kubernetes module in the Change Compliance backend', () => {
  let simulator: Simulator;
  let base: string;

  beforeAll(async () => {
    simulator = createSimulator({ organisation: demoOrganisation() });
    base = await simulator.listen();
  });

  afterAll(async () => {
    await simulator.close();
  });

  it("reads the portal's Kubernetes clusters on its schedule and shows what no deployment explains", async () => {
    const { backend, scheduler, get } = await startBackend({
      integrations: {
        github: [
          {
            host: new URL(base).host,
            apiBaseUrl: `${base}${MOUNTS.githubRest}`,
            token: DEMO_CREDENTIALS.githubToken,
          },
        ],
      },
      kubernetes: {
        serviceLocatorMethod: { type: 'multiTenant' },
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: 'northwind-production',
                url: `${base}${MOUNTS.kubernetes}`,
                authProvider: 'serviceAccount',
                serviceAccountToken: KUBERNETES_DEMO_TOKEN,
                skipTLSVerify: true,
              },
              {
                name: 'aws-cluster',
                url: 'https://eks.example',
                authProvider: 'aws',
              },
            ],
          },
        ],
      },
      changeCompliance: {
        provenance: { githubAttestations: { host: new URL(base).host } },
      },
    });
    try {
      expect((await get('/health')).providers.artifactSources).toEqual([
        'github-attestations',
        'kubernetes',
      ]);

      await scheduler.triggerTask(KUBERNETES_SYNC_TASK);

      const summary = await get(
        '/entities/component/default/payments-api/summary',
      );
      // No deployment is synced here, so nothing that runs is explained by one.
      expect(summary.runningArtifacts.map((a: any) => a.workload)).toEqual([
        'Deployment/payments-api',
        'Pod/payments-api-debug',
      ]);
      expect(summary.artifactExceptions).toEqual([
        expect.objectContaining({
          kind: 'unknown-artifact-in-production',
          workload: 'Deployment/payments-api',
          reason: expect.stringMatching(/^Unknown artifact in production: /),
        }),
        expect.objectContaining({ workload: 'Pod/payments-api-debug' }),
      ]);
    } finally {
      await backend.stop();
    }
  });

  it('registers nothing without clusters or provenance configured', async () => {
    const { backend, get } = await startBackend({});
    try {
      expect((await get('/health')).providers.artifactSources).toEqual([]);
    } finally {
      await backend.stop();
    }
  });
});
