import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import express from 'express';
import fc from 'fast-check';
import { Knex } from 'knex';
import request from 'supertest';
import { databaseServiceFor } from '../__testUtils__/testDatabases';
import { loadDemoEvidence } from '../__testUtils__/demoEvidence';
import {
  catalogOf,
  recordingAuditor,
  routerApp,
} from '../audit/__testUtils__/auditTestServices';
import { AuditWorkspace } from '../audit/AuditWorkspace';
import { KnexAuditStore } from '../audit/KnexAuditStore';
import { KnexEvidenceStore } from '../database/KnexEvidenceStore';
import { DEFAULT_POLICY } from '../policy/ChangePolicy';
import { ProviderRegistry } from '../providers/ProviderRegistry';

jest.setTimeout(120_000);

const USER = mockCredentials.user.header();
const SERVICE = mockCredentials.service.header();

/** Text an attacker or a broken client sends: SQL, paths, control and odd Unicode characters. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    "' OR 1=1 --",
    '"; DROP TABLE deployments; --',
    '%',
    '_',
    '\\',
    '../../etc/passwd',
    '\u0000',
    'NaN',
    '-1',
    '1e309',
    '9999999999999999999999',
    '2026-02-30T25:61:00Z',
    '[object Object]',
    'constructor',
    '__proto__',
  ),
);

/** A query string of the parameters the read routes take, each with hostile or absent values. */
const hostileQuery = fc.record(
  {
    from: hostileText,
    to: hostileText,
    page: hostileText,
    pageSize: hostileText,
    environment: hostileText,
    verdict: hostileText,
    check: hostileText,
    systems: hostileText,
    groups: hostileText,
    services: hostileText,
  },
  { requiredKeys: [] },
);

/** An answer that is not a server error: a 2xx, or a 4xx that says what was wrong. */
function expectNoServerError(response: request.Response, what: string) {
  let problem: string | undefined;
  if (response.status >= 500) {
    problem = `${what} answered ${response.status}: ${response.text.slice(
      0,
      300,
    )}`;
  } else if (response.status >= 400 && !response.body?.error?.message) {
    problem = `${what} answered ${response.status} without an error message`;
  }
  expect(problem).toBeUndefined();
}

/**
 * Every route of the API under hostile input, generated: query parameters, path segments, bodies
 * and sizes. A bad request is always a 4xx with a message, never a 5xx, and writes nothing.
 */
describe('hostile input', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let knex: Knex;
  let app: express.Express;

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    const store = await KnexEvidenceStore.create({
      database: databaseServiceFor(knex),
    });
    await loadDemoEvidence(store);
    const providers = new ProviderRegistry();
    providers.addTicketSystem({ id: 'jira', connect: async () => {} });
    app = await routerApp({
      store,
      providers,
      policy: DEFAULT_POLICY,
      ownedServices: async () => [],
      onDeploymentRecorded: async () => {},
      audit: {
        workspace: new AuditWorkspace({
          store: new KnexAuditStore(knex),
          evidence: store,
          catalog: catalogOf({}),
          policy: DEFAULT_POLICY,
        }),
        auditor: recordingAuditor(),
      },
    });
  });

  afterAll(async () => {
    await knex.destroy();
  });

  /** Row counts of every table, to show that a refused request wrote nothing. */
  async function rowCounts(): Promise<Record<string, number>> {
    const tables = [
      'deployments',
      'verdicts',
      'verdict_history',
      'audit_samples',
      'audit_sample_items',
      'audit_review_marks',
    ];
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const [{ n }] = await knex(table).count({ n: '*' });
      counts[table] = Number(n);
    }
    return counts;
  }

  it('answers hostile query parameters on every read route with a 2xx or a clear 4xx', async () => {
    const routes = [
      '/policy',
      '/sources',
      '/entities/component/default/payments-api/summary',
      '/entities/component/default/payments-api/deployments',
      '/entities/component/default/payments-api/repository',
      '/groups/default/payments-team/summary',
      '/audit/population',
      '/audit/samples',
    ];
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        hostileQuery,
        async (route, query) => {
          const response = await request(app)
            .get(route)
            .query(query)
            .set('authorization', USER);
          expectNoServerError(response, `GET ${route}`);
          statuses.add(response.status);
        },
      ),
      { numRuns: 300 },
    );
    // The runs reached the routes' work and their validation both.
    expect(statuses).toContain(200);
    expect(statuses).toContain(400);
  });

  it('answers hostile path segments (entity refs, deployment and sample ids) with a 2xx or a clear 4xx', async () => {
    const templates = [
      (a: string, b: string, c: string) =>
        `/entities/${a}/${b}/${c}/deployments`,
      (a: string, b: string, c: string) => `/entities/${a}/${b}/${c}/summary`,
      (a: string, b: string) => `/groups/${a}/${b}/summary`,
      (a: string, b: string) => `/deployments/${a}/${b}`,
      (a: string, b: string) => `/deployments/${a}/${b}/trace`,
      (a: string) => `/audit/samples/${a}`,
      (a: string) => `/audit/samples/${a}/export`,
    ];
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...templates),
        hostileText,
        hostileText,
        hostileText,
        async (template, a, b, c) => {
          const path = template(
            encodeURIComponent(a) || 'x',
            encodeURIComponent(b) || 'x',
            encodeURIComponent(c) || 'x',
          );
          const response = await request(app)
            .get(path)
            .set('authorization', USER);
          expectNoServerError(response, `GET ${path}`);
          statuses.add(response.status);
        },
      ),
      { numRuns: 300 },
    );
    expect(statuses).toContain(400);
    expect(statuses).toContain(404);
  });

  it('refuses a deployment source holding a slash, which would shift the id, with a 400', async () => {
    for (const path of [
      '/deployments/%2F/x',
      '/deployments/%2F/x/trace',
      '/deployments/ci%2Frun/1',
    ]) {
      const response = await request(app).get(path).set('authorization', USER);
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
    }
  });

  it('refuses hostile deployment events with a 400 that names a field, and writes nothing', async () => {
    const valid = {
      source: 'ci',
      externalId: 'run-hostile',
      entityRef: 'component:default/payments-api',
      environment: 'production',
      commitSha: '9e8d7c6b5a4938271605f4e3d2c1b0a998877665',
      deployedAt: '2026-11-12T12:00:00Z',
      status: 'success',
    };
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          // anything at all
          fc.anything(),
          // the valid event with one field replaced by anything
          fc
            .record({
              field: fc.constantFrom(...Object.keys(valid)),
              value: fc.oneof(fc.anything(), hostileText),
            })
            .filter(
              ({ field, value }) =>
                (valid as Record<string, unknown>)[field] !== value,
            )
            .map(({ field, value }) => ({ ...valid, [field]: value })),
        ),
        async body => {
          const before = await rowCounts();
          const response = await request(app)
            .post('/deployments')
            .set('authorization', SERVICE)
            .set('content-type', 'application/json')
            .send(JSON.stringify(body) ?? 'undefined');
          expectNoServerError(response, 'POST /deployments');
          const refused = response.status >= 400;
          // A refusal is a 400 and leaves every table as it was.
          expect({
            status: refused ? response.status : 'accepted',
            rows: refused ? await rowCounts() : before,
          }).toEqual({ status: refused ? 400 : 'accepted', rows: before });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses hostile audit sample requests and review marks, and writes nothing', async () => {
    const before = await rowCounts();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything(),
          fc.record({
            scope: fc.oneof(
              fc.anything(),
              fc.record({ from: hostileText, to: hostileText }),
            ),
            size: fc.oneof(fc.integer(), fc.double(), hostileText),
            seed: fc.oneof(fc.anything(), hostileText),
          }),
        ),
        async body => {
          const response = await request(app)
            .post('/audit/samples')
            .set('authorization', USER)
            .set('content-type', 'application/json')
            .send(JSON.stringify(body) ?? 'undefined');
          expectNoServerError(response, 'POST /audit/samples');
          expect(response.status).toBeGreaterThanOrEqual(400);
        },
      ),
      { numRuns: 200 },
    );
    await fc.assert(
      fc.asyncProperty(hostileText, fc.anything(), async (sampleId, body) => {
        const response = await request(app)
          .put(
            `/audit/samples/${
              encodeURIComponent(sampleId) || 'x'
            }/items/ci/run-1/review`,
          )
          .set('authorization', USER)
          .set('content-type', 'application/json')
          .send(JSON.stringify(body) ?? 'undefined');
        expectNoServerError(response, 'PUT review');
        expect(response.status).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: 200 },
    );
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a body over the size limit with a 413 and writes nothing', async () => {
    const before = await rowCounts();
    const response = await request(app)
      .post('/deployments')
      .set('authorization', SERVICE)
      .set('content-type', 'application/json')
      .send(
        JSON.stringify({ source: 'ci', padding: 'x'.repeat(2 * 1024 * 1024) }),
      );
    expect(response.status).toBe(413);
    expect(await rowCounts()).toEqual(before);
  });
});
