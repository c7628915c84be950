import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { changeComplianceProvidersExtensionPoint } from '@change-compliance/plugin-change-compliance-node';
import request from 'supertest';
import { changeCompliancePlugin } from './plugin';

jest.setTimeout(60_000);

const jiraModule = createBackendModule({
  pluginId: 'change-compliance',
  moduleId: 'test-jira',
  register(env) {
    env.registerInit({
      deps: { providers: changeComplianceProvidersExtensionPoint },
      async init({ providers }) {
        providers.addTicketSystem({ id: 'jira', connect: async () => {} });
      },
    });
  },
});

/** A provider as a GitHub module would be: connected at start, it writes through the sink. */
const writingModule = createBackendModule({
  pluginId: 'change-compliance',
  moduleId: 'test-writer',
  register(env) {
    env.registerInit({
      deps: { providers: changeComplianceProvidersExtensionPoint },
      async init({ providers }) {
        providers.addSourceControlProvider({
          id: 'test-scm',
          async connect(sink) {
            await sink.upsertRepositories([
              {
                slug: 'northwind/payments-api',
                host: 'github.com',
                defaultBranch: 'main',
              },
            ]);
            await sink.recordSync({
              provider: 'test-scm',
              scope: 'northwind/payments-api',
              startedAt: '2026-11-20T10:00:00.000Z',
              finishedAt: '2026-11-20T10:00:02.000Z',
              result: 'success',
              cursor: 'page-7',
              itemsSynced: 1,
            });
          },
        });
      },
    });
  },
});

describe('changeCompliancePlugin', () => {
  it('serves /health without sign-in, on a migrated store', async () => {
    const { server } = await startTestBackend({
      features: [changeCompliancePlugin],
    });

    const response = await request(server).get('/api/change-compliance/health');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: 'ok',
      store: {
        client: 'better-sqlite3',
        schemaVersion: expect.stringMatching(/^\d{14}$/),
      },
      providers: {
        deploymentSources: [],
        sourceControl: [],
        ticketSystems: [],
        artifactSources: [],
      },
    });
  });

  it('lists the providers that backend modules register', async () => {
    const { server } = await startTestBackend({
      features: [changeCompliancePlugin, jiraModule],
    });

    const response = await request(server).get('/api/change-compliance/health');

    expect(response.body.providers.ticketSystems).toEqual(['jira']);
  });

  it('registers its permissions with the permission framework', async () => {
    const { server } = await startTestBackend({
      features: [changeCompliancePlugin],
    });

    const response = await request(server)
      .get('/api/change-compliance/.well-known/backstage/permissions/metadata')
      .set('authorization', mockCredentials.service.header());

    expect(response.status).toBe(200);
    expect(
      response.body.permissions.map((p: { name: string }) => p.name),
    ).toEqual([
      'change-compliance.evidence.read',
      'change-compliance.audit.export',
      'change-compliance.deployment.ingest',
    ]);
  });

  it('serves the configured policy to signed-in users only', async () => {
    const { server } = await startTestBackend({
      features: [
        changeCompliancePlugin,
        mockServices.rootConfig.factory({
          data: { changeCompliance: { policy: { minApprovals: 2 } } },
        }),
      ],
    });

    const signedIn = await request(server).get('/api/change-compliance/policy');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.minApprovals).toBe(2);

    const anonymous = await request(server)
      .get('/api/change-compliance/policy')
      .set('authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
  });

  it('refuses to start on an invalid policy, naming the key', async () => {
    await expect(
      startTestBackend({
        features: [
          changeCompliancePlugin,
          mockServices.rootConfig.factory({
            data: { changeCompliance: { policy: { minApprovals: 0 } } },
          }),
        ],
      }),
    ).rejects.toThrow(
      /changeCompliance\.policy\.minApprovals must be at least 1/,
    );
  });

  it('connects providers to the store once it is ready', async () => {
    const { server } = await startTestBackend({
      features: [changeCompliancePlugin, writingModule],
    });

    const response = await request(server)
      .get('/api/change-compliance/sources')
      .set('authorization', mockCredentials.user.header());

    expect(response.status).toBe(200);
    expect(response.body.sources).toEqual([
      expect.objectContaining({
        provider: 'test-scm',
        scope: 'northwind/payments-api',
        cursor: 'page-7',
        itemsSynced: 1,
      }),
    ]);
  });
});
