import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import { Knex } from 'knex';
import request from 'supertest';
import { databaseServiceFor } from '../__testUtils__/testDatabases';
import {
  HOTFIX,
  loadDemoEvidence,
  paymentsApiService,
} from '../__testUtils__/demoEvidence';
import { EvidenceStore } from '../database/EvidenceStore';
import { ChangePolicy } from '../policy/ChangePolicy';
import { KnexEvidenceStore } from '../database/KnexEvidenceStore';
import { baseline, basePolicy } from '../engine/__testUtils__/baseline';
import { evaluateService } from '../evaluation/ServiceEvaluator';
import { DEFAULT_POLICY } from '../policy/ChangePolicy';
import { ProviderRegistry } from '../providers/ProviderRegistry';
import {
  catalogOf,
  recordingAuditor,
} from '../audit/__testUtils__/auditTestServices';
import { AuditWorkspace } from '../audit/AuditWorkspace';
import { KnexAuditStore } from '../audit/KnexAuditStore';
import { createRouter } from './router';

jest.setTimeout(60_000);

const deploymentEvent = {
  source: 'ci',
  externalId: 'run-1234',
  entityRef: 'component:default/payments-api',
  environment: 'production',
  commitSha: '9e8d7c6b5a4938271605f4e3d2c1b0a998877665',
  deployedAt: '2026-11-12T12:00:00Z',
  status: 'success',
};

const SERVICE = mockCredentials.service.header();
const NOBODY = mockCredentials.none.header();
const USER = mockCredentials.user.header();

describe('createRouter', () => {
  // The router's store is real: SQLite in memory, as the portal's demo runs it.
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let knex: Knex;
  let store: KnexEvidenceStore;
  let recorded: string[];

  beforeEach(async () => {
    knex = await databases.init('SQLITE_3');
    store = await KnexEvidenceStore.create({
      database: databaseServiceFor(knex),
    });
    recorded = [];
  });

  afterEach(async () => {
    await knex.destroy();
  });

  async function appWith(
    options: {
      store?: EvidenceStore;
      permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
      policy?: ChangePolicy;
      withoutAuditWorkspace?: boolean;
    } = {},
  ) {
    const providers = new ProviderRegistry();
    providers.addTicketSystem({ id: 'jira', connect: async () => {} });
    const router = await createRouter({
      store: options.store ?? store,
      providers,
      policy: options.policy ?? DEFAULT_POLICY,
      httpAuth: mockServices.httpAuth({
        defaultCredentials: mockCredentials.none(),
      }),
      permissions: mockServices.permissions({
        result: options.permission ?? AuthorizeResult.ALLOW,
      }),
      ownedServices: async groupRef =>
        groupRef === 'group:default/payments-team'
          ? [
              'component:default/ledger-service',
              'component:default/payments-api',
            ]
          : [],
      onDeploymentRecorded: async (serviceRef, cause) => {
        recorded.push(`${serviceRef}: ${cause}`);
      },
      audit: options.withoutAuditWorkspace
        ? undefined
        : {
            workspace: new AuditWorkspace({
              store: new KnexAuditStore(knex),
              evidence: store,
              catalog: catalogOf({}),
              policy: options.policy ?? DEFAULT_POLICY,
            }),
            auditor: recordingAuditor(),
          },
    });
    const app = express();
    app.use(router);
    app.use(mockErrorHandler());
    return app;
  }

  describe('GET /health', () => {
    it('answers without sign-in, with the state of the store and the providers', async () => {
      const response = await request(await appWith()).get('/health');

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
          ticketSystems: ['jira'],
          artifactSources: [],
        },
      });
    });

    it('answers 500, not ok, when the store cannot be reached', async () => {
      const broken = {
        describe: async () => {
          throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
        },
      } as unknown as EvidenceStore;

      const response = await request(await appWith({ store: broken })).get(
        '/health',
      );

      expect(response.status).toBe(500);
      expect(response.body.error.message).toContain('ECONNREFUSED');
    });
  });

  describe('authentication and permissions of every route', () => {
    const sample = '00000000-0000-4000-8000-000000000000';
    // The method, the path, the body, and a caller the route would otherwise admit (drawing and
    // marking samples are a person's acts, recording deployments a pipeline's).
    const routes: Array<[string, string, object | undefined, string]> = [
      ['get', '/policy', undefined, SERVICE],
      ['get', '/sources', undefined, SERVICE],
      ['post', '/deployments', deploymentEvent, SERVICE],
      [
        'get',
        '/entities/component/default/payments-api/summary',
        undefined,
        SERVICE,
      ],
      [
        'get',
        '/entities/component/default/payments-api/deployments',
        undefined,
        SERVICE,
      ],
      ['get', '/deployments/github/9001', undefined, SERVICE],
      ['get', '/groups/default/payments-team/summary', undefined, SERVICE],
      [
        'get',
        '/audit/population?from=2026-11-01T00:00:00Z&to=2026-11-15T00:00:00Z',
        undefined,
        SERVICE,
      ],
      [
        'post',
        '/audit/samples',
        {
          scope: { from: '2026-11-01T00:00:00Z', to: '2026-11-15T00:00:00Z' },
        },
        USER,
      ],
      ['get', '/audit/samples', undefined, SERVICE],
      ['get', `/audit/samples/${sample}`, undefined, SERVICE],
      [
        'put',
        `/audit/samples/${sample}/items/github/9001/review`,
        { conclusion: 'effective', note: '' },
        USER,
      ],
      ['get', `/audit/samples/${sample}/export`, undefined, SERVICE],
    ];

    it.each(routes)(
      '%s %s is 401 without credentials, and 403 when the permission policy denies it',
      async (method, path, body, caller) => {
        const anonymous = await (request(await appWith()) as any)
          [method](path)
          .set('authorization', NOBODY)
          .send(body);
        expect(anonymous.status).toBe(401);

        const denied = await (
          request(await appWith({ permission: AuthorizeResult.DENY })) as any
        )
          [method](path)
          .set('authorization', caller)
          .send(body);
        expect(denied.status).toBe(403);
        expect(denied.body.error.message).toMatch(/^Not allowed: /);
      },
    );
  });

  describe('the audit routes without an audit workspace', () => {
    it('answer 503 and draw nothing: nothing may happen that goes unrecorded', async () => {
      const app = await appWith({ withoutAuditWorkspace: true });
      const draw = await request(app)
        .post('/audit/samples')
        .set('authorization', USER)
        .send({
          scope: { from: '2026-11-01T00:00:00Z', to: '2026-11-15T00:00:00Z' },
        });
      expect(draw.status).toBe(503);
      expect(await knex('audit_samples').count({ n: '*' })).toEqual([{ n: 0 }]);
    });
  });

  describe('POST /deployments', () => {
    it('refuses people: deployment events come from pipelines', async () => {
      const response = await request(await appWith())
        .post('/deployments')
        .set('authorization', USER)
        .send(deploymentEvent);
      expect(response.status).toBe(403);
      expect(await store.getDeployment('ci/run-1234')).toBeUndefined();
    });

    it('records an event once however often it is posted', async () => {
      const app = await appWith();
      const first = await request(app)
        .post('/deployments')
        .set('authorization', SERVICE)
        .send(deploymentEvent);
      const again = await request(app)
        .post('/deployments')
        .set('authorization', SERVICE)
        .send(deploymentEvent);

      expect([first.status, first.body]).toEqual([
        201,
        { id: 'ci/run-1234', created: true },
      ]);
      expect([again.status, again.body]).toEqual([
        200,
        { id: 'ci/run-1234', created: false },
      ]);
      expect(await knex('deployments').count({ n: '*' })).toEqual([{ n: 1 }]);
      expect(recorded).toEqual([
        'component:default/payments-api: deployment event ci/run-1234',
        'component:default/payments-api: deployment event ci/run-1234',
      ]);
    });

    it('answers 400 naming the field, and writes nothing, for a malformed event', async () => {
      const response = await request(await appWith())
        .post('/deployments')
        .set('authorization', SERVICE)
        .send({ ...deploymentEvent, commitSha: 'latest' });

      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(
        /commitSha: must be a commit SHA/,
      );
      expect(await knex('deployments').count({ n: '*' })).toEqual([{ n: 0 }]);
      expect(recorded).toEqual([]);
    });

    it('answers 400 for a body that is not JSON', async () => {
      const response = await request(await appWith())
        .post('/deployments')
        .set('authorization', SERVICE)
        .set('content-type', 'application/json')
        .send('{"source": ');
      expect(response.status).toBe(400);
    });
  });

  describe('GET /sources', () => {
    it('lists when each source last synced and its last error', async () => {
      await store.recordSync({
        provider: 'github',
        scope: 'northwind/payments-api',
        startedAt: '2026-11-20T10:00:00.000Z',
        finishedAt: '2026-11-20T10:00:09.000Z',
        result: 'failure',
        error: 'HTTP 502 from the GitHub API',
      });
      // A round of syncs half-way through: one repository of three done, and it failed.
      await store.recordRoundProgress({
        provider: 'github',
        startedAt: '2026-11-20T10:00:00.000Z',
        total: 3,
        done: 1,
        failed: 1,
        itemsSynced: 0,
      });
      const response = await request(await appWith())
        .get('/sources')
        .set('authorization', USER);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        sources: [
          expect.objectContaining({
            provider: 'github',
            scope: 'northwind/payments-api',
            lastSucceededAt: null,
            lastError: 'HTTP 502 from the GitHub API',
            consecutiveFailures: 1,
          }),
        ],
        rounds: [
          {
            provider: 'github',
            startedAt: '2026-11-20T10:00:00.000Z',
            finishedAt: null,
            total: 3,
            done: 1,
            failed: 1,
            itemsSynced: 0,
          },
        ],
      });
    });
  });

  describe('reading evidence of a service', () => {
    beforeEach(async () => {
      await loadDemoEvidence(store);
      await store.upsertApprovals(baseline().approvals);
      await evaluateService({
        store,
        policy: basePolicy(),
        service: paymentsApiService,
        windowStart: '2026-11-01T00:00:00.000Z',
        evaluatedAt: '2026-11-20T00:00:00.000Z',
        cause: 'test evaluation',
      });
    });

    const period = 'from=2026-11-01T00:00:00Z&to=2026-11-15T00:00:00Z';

    it('summarises the score with its counts and a weekly trend', async () => {
      const response = await request(await appWith())
        .get(`/entities/component/default/payments-api/summary?${period}`)
        .set('authorization', USER);

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        entityRef: 'component:default/payments-api',
        compliant: 1,
        exceptions: 2,
        pending: 0,
        score: 1 / 3,
        failuresByCheck: {
          'review.independent': 2,
          'review.qualified': 2,
          'process.no-bypass': 2,
          'approval.before-deploy': 1,
          'ticket.linked': 1,
          'ticket.complete': 1,
          'trace.bidirectional': 1,
        },
      });
      expect(response.body.trend).toEqual([
        {
          weekStart: '2026-10-26T00:00:00.000Z',
          compliant: 0,
          exceptions: 0,
          pending: 0,
        },
        {
          weekStart: '2026-11-02T00:00:00.000Z',
          compliant: 0,
          exceptions: 1,
          pending: 0,
        },
        {
          weekStart: '2026-11-09T00:00:00.000Z',
          compliant: 1,
          exceptions: 1,
          pending: 0,
        },
      ]);
    });

    it('pages deployments newest first, with verdicts, and filters them', async () => {
      const app = await appWith();
      const all = await request(app)
        .get(
          `/entities/component/default/payments-api/deployments?${period}&pageSize=2`,
        )
        .set('authorization', USER);

      expect(all.status).toBe(200);
      expect(all.body.totalItems).toBe(5);
      expect(all.body.items.map((d: any) => [d.id, d.verdict])).toEqual([
        ['github/9003', undefined],
        ['github/9002', 'exception'],
      ]);
      expect(all.body.items[1].checks['process.no-bypass']).toBe('fail');

      const exceptions = await request(app)
        .get(
          `/entities/component/default/payments-api/deployments?${period}&verdict=exception&check=process.no-bypass`,
        )
        .set('authorization', USER);
      expect(exceptions.body.items.map((d: any) => d.id)).toEqual([
        'github/9002',
        'github/9000',
      ]);

      const staging = await request(app)
        .get(
          `/entities/component/default/payments-api/deployments?${period}&environment=staging`,
        )
        .set('authorization', USER);
      expect(staging.body.items.map((d: any) => d.id)).toEqual(['github/9004']);
    });

    it("answers anew once the service's deployments or verdicts change", async () => {
      const app = await appWith();
      const summary = () =>
        request(app)
          .get(`/entities/component/default/payments-api/summary?${period}`)
          .set('authorization', USER);
      const page = () =>
        request(app)
          .get(`/entities/component/default/payments-api/deployments?${period}`)
          .set('authorization', USER);
      expect((await summary()).body).toMatchObject({
        compliant: 1,
        exceptions: 2,
      });
      expect((await page()).body.totalItems).toBe(5);
      // Asked again by a client that holds the answer: unchanged.
      const tag = (await summary()).headers.etag;
      const revalidated = await request(app)
        .get(`/entities/component/default/payments-api/summary?${period}`)
        .set('authorization', USER)
        .set('if-none-match', tag);
      expect(revalidated.status).toBe(304);
      // Asked again with nothing changed: the same answer.
      expect((await summary()).body).toMatchObject({
        compliant: 1,
        exceptions: 2,
      });

      // A stricter policy judges the compliant deployment again: an exception now.
      await evaluateService({
        store,
        policy: { ...basePolicy(), minApprovals: 3 },
        service: paymentsApiService,
        windowStart: '2026-11-01T00:00:00.000Z',
        evaluatedAt: '2026-11-21T00:00:00.000Z',
        cause: 'stricter policy',
      });
      expect((await summary()).body).toMatchObject({
        compliant: 0,
        exceptions: 3,
      });
      expect((await summary()).headers.etag).not.toBe(tag);

      const shipped = await store.getDeployment('github/9001');
      await store.upsertDeployments([
        {
          ...shipped!,
          externalId: '9100',
          deployedAt: '2026-11-14T00:00:00.000Z',
        },
      ]);
      expect((await page()).body.totalItems).toBe(6);
    });

    it('ends an open period at the next whole minute', async () => {
      const before = Date.now();
      const response = await request(await appWith())
        .get('/entities/component/default/payments-api/summary')
        .set('authorization', USER);
      const to = Date.parse(response.body.to);
      expect(to % 60_000).toBe(0);
      expect(to).toBeGreaterThan(before);
      expect(to).toBeLessThanOrEqual(Date.now() + 60_000);
    });

    it('answers 400 for a bad query parameter', async () => {
      const app = await appWith();
      for (const query of [
        'pageSize=1000',
        'verdict=ok',
        'check=ticket.exists',
        'from=yesterday',
        `from=2026-11-15T00:00:00Z&to=2026-11-01T00:00:00Z`,
      ]) {
        const response = await request(app)
          .get(`/entities/component/default/payments-api/deployments?${query}`)
          .set('authorization', USER);
        expect([query, response.status]).toEqual([query, 400]);
      }
    });

    it('shows one deployment with its checks, changes and verdict history', async () => {
      const response = await request(await appWith())
        .get('/deployments/github/9001')
        .set('authorization', USER);

      expect(response.status).toBe(200);
      expect(response.body.deployment).toMatchObject({
        id: 'github/9001',
        serviceRef: 'component:default/payments-api',
        verdict: 'compliant',
      });
      expect(response.body.checks).toHaveLength(8);
      expect(response.body.changes.map((c: any) => c.changeRef)).toEqual([
        'pr:northwind/payments-api#42',
      ]);
      expect(response.body.history).toEqual([
        {
          verdict: 'compliant',
          previousVerdict: null,
          cause: 'test evaluation',
          evaluatedAt: '2026-11-20T00:00:00.000Z',
        },
      ]);
    });

    it("rolls up a group's services, weighted by deployments, with each one's worst check", async () => {
      const response = await request(await appWith())
        .get(`/groups/default/payments-team/summary?${period}`)
        .set('authorization', USER);

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        groupRef: 'group:default/payments-team',
        compliant: 1,
        exceptions: 2,
        pending: 0,
        score: 1 / 3,
        services: [
          {
            entityRef: 'component:default/ledger-service',
            compliant: 0,
            exceptions: 0,
            score: null,
          },
          {
            entityRef: 'component:default/payments-api',
            compliant: 1,
            exceptions: 2,
            score: 1 / 3,
            worstCheck: 'process.no-bypass',
          },
        ],
      });
      expect(response.body.services[0].worstCheck).toBeUndefined();
      // Each service's weekly trend, and the group's failures per check, for the group's tab.
      expect(response.body.services[1].trend.length).toBeGreaterThan(0);
      expect(
        response.body.failuresByCheck['process.no-bypass'],
      ).toBeGreaterThan(0);
    });

    it('traces a deployment to its PR, reviews, ticket with each required field, and approvals', async () => {
      // The policy the deployments were judged under.
      const response = await request(await appWith({ policy: basePolicy() }))
        .get('/deployments/github/9001/trace')
        .set('authorization', USER);

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        deploymentId: 'github/9001',
        pullRequests: [
          {
            changeRef: 'pr:northwind/payments-api#42',
            number: 42,
            reviews: [expect.objectContaining({ state: 'APPROVED' })],
          },
        ],
        directCommits: [],
        tickets: [
          {
            system: 'jira',
            key: 'PAY-12',
            requiredFields: expect.arrayContaining([
              expect.objectContaining({ field: 'description', filled: true }),
            ]),
          },
        ],
        approvals: [
          expect.objectContaining({ state: 'approved', ticketKey: 'PAY-12' }),
        ],
      });
      // As ticket.complete judged it: the deployment is compliant, so every field is filled.
      expect(
        response.body.tickets[0].requiredFields.every((f: any) => f.filled),
      ).toBe(true);
      // Nothing personal beyond the upstream login.
      expect(JSON.stringify(response.body)).not.toMatch(/@/);

      const hotfix = await request(await appWith())
        .get('/deployments/github/9002/trace')
        .set('authorization', USER);
      expect(hotfix.body.directCommits).toEqual([
        expect.objectContaining({ sha: HOTFIX }),
      ]);
    });

    it('shows the repository of a service and its branch and environment protection over time', async () => {
      await store.upsertServices([
        {
          entityRef: 'component:default/payments-api',
          repositorySlug: 'northwind/payments-api',
          ticketProjectKey: 'PAY',
          sourcePaths: null,
        },
      ]);
      const response = await request(await appWith())
        .get('/entities/component/default/payments-api/repository')
        .set('authorization', USER);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        entityRef: 'component:default/payments-api',
        repository: 'northwind/payments-api',
        defaultBranch: 'main',
        productionBranches: DEFAULT_POLICY.productionBranches,
        protection: [
          {
            branch: 'main',
            observedAt: '2026-10-01T00:00:00.000Z',
            protected: true,
            settings: { requiredApprovals: 1 },
          },
        ],
        productionEnvironments: DEFAULT_POLICY.productionEnvironments,
        environments: [
          {
            environment: 'production',
            production: true,
            history: [
              {
                environment: 'production',
                observedAt: '2026-10-01T00:00:00.000Z',
                settings: {
                  requiredReviewers: [{ type: 'user', name: 'grace' }],
                  preventSelfReview: true,
                  waitTimerMinutes: 0,
                  deploymentBranchPolicy: { type: 'protected-branches' },
                },
              },
            ],
          },
          {
            environment: 'staging',
            production: false,
            history: [
              expect.objectContaining({
                settings: expect.objectContaining({ requiredReviewers: [] }),
              }),
            ],
          },
        ],
      });

      const unknown = await request(await appWith())
        .get('/entities/component/default/nowhere/repository')
        .set('authorization', USER);
      expect(unknown.status).toBe(404);
    });

    it('answers 404 for a deployment it does not know', async () => {
      for (const path of [
        '/deployments/github/404',
        '/deployments/github/404/trace',
      ]) {
        const response = await request(await appWith())
          .get(path)
          .set('authorization', USER);
        expect(response.status).toBe(404);
      }
    });
  });
});
