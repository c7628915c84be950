import { mockErrorHandler } from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { EvidenceStore } from '../database/EvidenceStore';
import { DEFAULT_POLICY } from '../policy/ChangePolicy';
import { ProviderRegistry } from '../providers/ProviderRegistry';
import { createRouter } from './router';

describe('createRouter', () => {
  async function appWith(store: Partial<EvidenceStore>) {
    const providers = new ProviderRegistry();
    providers.addTicketSystem({ id: 'jira' });
    const router = await createRouter({
      store: store as EvidenceStore,
      providers,
      policy: DEFAULT_POLICY,
    });
    const app = express();
    app.use(router);
    app.use(mockErrorHandler());
    return app;
  }

  it('answers /health with the state of the store and the providers', async () => {
    const app = await appWith({
      describe: async () => ({ client: 'pg', schemaVersion: '20261126000000' }),
    });

    const response = await request(app).get('/health');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: 'ok',
      store: { client: 'pg', schemaVersion: '20261126000000' },
      providers: {
        deploymentSources: [],
        sourceControl: [],
        ticketSystems: ['jira'],
      },
    });
  });

  it('answers 500, not ok, when the store cannot be reached', async () => {
    const app = await appWith({
      describe: async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      },
    });

    const response = await request(app).get('/health');

    expect(response.status).toBe(500);
    expect(response.body.error.message).toContain('ECONNREFUSED');
  });

  it('answers /policy with the policy in force', async () => {
    const app = await appWith({});

    const response = await request(app).get('/policy');

    expect(response.status).toBe(200);
    expect(response.body).toEqual(DEFAULT_POLICY);
  });
});
