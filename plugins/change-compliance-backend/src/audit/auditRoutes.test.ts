import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  loadDemoEvidence,
  paymentsApiService,
} from '../__testUtils__/demoEvidence';
import { databaseServiceFor } from '../__testUtils__/testDatabases';
import { KnexEvidenceStore } from '../database/KnexEvidenceStore';
import { baseline, basePolicy } from '../engine/__testUtils__/baseline';
import { evaluateService } from '../evaluation/ServiceEvaluator';
import { ChangePolicy } from '../policy/ChangePolicy';
import { ProviderRegistry } from '../providers/ProviderRegistry';
import { deploymentOf, evaluationOf } from './__testUtils__/auditFixtures';
import {
  catalogOf,
  RecordedEvent,
  recordingAuditor,
  routerApp,
} from './__testUtils__/auditTestServices';
import { AuditWorkspace } from './AuditWorkspace';
import { KnexAuditStore } from './KnexAuditStore';

jest.setTimeout(60_000);

const API = 'component:default/payments-api';
const LEDGER = 'component:default/ledger-service';
const AUDITOR = 'user:default/henrik.berg';
const USER = mockCredentials.user.header(AUDITOR);
const SERVICE = mockCredentials.service.header();
const NOW = new Date('2026-12-01T09:00:00.000Z');
const PERIOD = 'from=2026-11-01T00:00:00Z&to=2026-11-15T00:00:00Z';
const SCOPE = {
  from: '2026-11-01T00:00:00Z',
  to: '2026-11-15T00:00:00Z',
};

/** The catalog of the demo organisation, as far as an audit scope reads it. */
const catalog = catalogOf({
  systems: {
    'system:default/payments': [LEDGER, API],
    'system:default/empty': [],
  },
  groups: { 'group:default/payments-team': [LEDGER, API] },
  systemOfService: {
    [API]: 'system:default/payments',
    [LEDGER]: 'system:default/payments',
  },
});

/** Reads a binary answer whole (superagent hands the parser the node response stream). */
function binary(
  res: request.Response,
  callback: (error: Error | null, body: Buffer) => void,
) {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', chunk => chunks.push(Buffer.from(chunk)));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('the auditor workspace routes', () => {
  // SQLite in memory, as the portal's demo runs it; the store itself is tested on PostgreSQL too.
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let knex: Knex;
  let evidence: KnexEvidenceStore;
  let events: RecordedEvent[];
  const policy: ChangePolicy = basePolicy();

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    const database = databaseServiceFor(knex);
    evidence = await KnexEvidenceStore.create({ database });
    // payments-api: three production deployments judged from real evidence (PR, ticket, a
    // direct push), plus a failed and a staging one that are not production changes.
    await loadDemoEvidence(evidence);
    await evidence.upsertServices([
      {
        entityRef: API,
        repositorySlug: 'northwind/payments-api',
        ticketProjectKey: 'PAY',
        sourcePaths: null,
      },
    ]);
    await evidence.upsertApprovals(baseline().approvals);
    await evaluateService({
      store: evidence,
      policy,
      service: paymentsApiService,
      windowStart: '2026-11-01T00:00:00.000Z',
      evaluatedAt: '2026-11-20T00:00:00.000Z',
      cause: 'test evaluation',
    });
    // ledger-service: sixty production deployments, the first three emergency changes, and one
    // outside the period.
    const ledger = Array.from({ length: 60 }, (_, i) =>
      deploymentOf(
        LEDGER,
        `ledger-${String(i).padStart(2, '0')}`,
        new Date(Date.UTC(2026, 10, 1, 1) + i * 4 * 3_600_000).toISOString(),
      ),
    );
    const late = deploymentOf(
      LEDGER,
      'ledger-late',
      '2026-11-20T00:00:00.000Z',
    );
    await evidence.upsertDeployments([...ledger, late]);
    await evidence.saveEvaluations(
      [...ledger, late].map((d, i) =>
        evaluationOf(d, {
          emergency: i < 3,
          verdict: i % 7 === 0 ? 'exception' : 'compliant',
          statuses: i % 7 === 0 ? { 'approval.before-deploy': 'fail' } : {},
        }),
      ),
      'test evaluation',
    );
  });

  afterAll(async () => {
    await knex.destroy();
  });

  beforeEach(() => {
    events = [];
  });

  function appWith(
    options: {
      permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
      now?: Date;
    } = {},
  ) {
    return routerApp({
      store: evidence,
      providers: new ProviderRegistry(),
      policy,
      permission: options.permission,
      audit: {
        workspace: new AuditWorkspace({
          store: new KnexAuditStore(knex),
          evidence,
          catalog,
          policy,
        }),
        auditor: recordingAuditor(events),
        now: () => options.now ?? NOW,
      },
    });
  }

  async function draw(body: object) {
    return request(await appWith())
      .post('/audit/samples')
      .set('authorization', USER)
      .send(body);
  }

  describe('GET /audit/population', () => {
    it('counts the production changes of the period by service and change type', async () => {
      const response = await request(await appWith())
        .get(`/audit/population?${PERIOD}`)
        .set('authorization', USER);

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        scope: {
          from: '2026-11-01T00:00:00.000Z',
          to: '2026-11-15T00:00:00.000Z',
          systems: [],
          groups: [],
          services: [],
        },
        total: 63,
        pending: 0,
        strata: [
          {
            key: `${LEDGER}|emergency`,
            serviceRef: LEDGER,
            systemRef: 'system:default/payments',
            changeType: 'emergency',
            population: 3,
          },
          {
            key: `${LEDGER}|normal`,
            serviceRef: LEDGER,
            systemRef: 'system:default/payments',
            changeType: 'normal',
            population: 57,
          },
          // The failed and the staging deployment are not production changes.
          {
            key: `${API}|normal`,
            serviceRef: API,
            systemRef: 'system:default/payments',
            changeType: 'normal',
            population: 3,
          },
        ],
      });
    });

    it('narrows to the services of systems, groups and services, repeated parameters each', async () => {
      const app = await appWith();
      const totals: Record<string, number> = {};
      for (const query of [
        'services=component:default/payments-api',
        'services=component:default/payments-api&services=component:default/ledger-service',
        'systems=system:default/payments',
        'groups=group:default/payments-team',
        // A system with no services holds no changes: not every change.
        'systems=system:default/empty',
      ]) {
        const response = await request(app)
          .get(`/audit/population?${PERIOD}&${query}`)
          .set('authorization', USER);
        expect([query, response.status]).toEqual([query, 200]);
        totals[query] = response.body.total;
      }
      expect(Object.values(totals)).toEqual([3, 63, 63, 63, 0]);
    });

    it('answers 400 naming the parameter for a bad period or ref', async () => {
      const app = await appWith();
      for (const [query, named] of [
        ['to=2026-11-15T00:00:00Z', /from/],
        ['from=yesterday&to=2026-11-15T00:00:00Z', /from/],
        [
          'from=2026-11-15T00:00:00Z&to=2026-11-01T00:00:00Z',
          /to: must be after from/,
        ],
        [
          `${PERIOD}&systems=component:default/payments-api`,
          /systems\.0: must be an entity ref such as system:/,
        ],
        [`${PERIOD}&groups=payments-team`, /groups\.0/],
        [
          `${PERIOD}&systems=system:default/nowhere`,
          /systems: the catalog has no system:default\/nowhere/,
        ],
        [`${PERIOD}&groups=group:default/nobody`, /groups: the catalog has no/],
      ] as const) {
        const response = await request(app)
          .get(`/audit/population?${query}`)
          .set('authorization', USER);
        expect([query, response.status]).toEqual([query, 400]);
        expect(response.body.error.message).toMatch(named);
      }
    });
  });

  describe('POST /audit/samples', () => {
    it('draws a stratified sample of the policy default size, and records the draw', async () => {
      const response = await draw({ scope: SCOPE, seed: 'Q4-2026' });

      expect(response.status).toBe(201);
      const sample = response.body;
      expect(sample).toMatchObject({
        seed: 'Q4-2026',
        size: policy.sample.default,
        drawnBy: AUDITOR,
        drawnAt: NOW.toISOString(),
        population: { total: 63 },
      });
      expect(sample.items).toHaveLength(policy.sample.default);
      const perStratum: Record<string, number> = {};
      for (const item of sample.items) {
        perStratum[item.stratumKey] = (perStratum[item.stratumKey] ?? 0) + 1;
      }
      // Quotas of 25 over 63: 1.19 emergency, 22.62 normal ledger, 1.19 payments-api.
      expect(perStratum).toEqual({
        [`${LEDGER}|emergency`]: 1,
        [`${LEDGER}|normal`]: 23,
        [`${API}|normal`]: 1,
      });
      const emergency = sample.items.find((i: any) => i.emergency);
      expect(emergency.stratumKey).toBe(`${LEDGER}|emergency`);
      expect(emergency.steps.map((s: any) => s.step)).toEqual([4, 5, 6, 7, 8]);

      expect(events).toEqual([
        { eventId: 'audit-sample-draw', status: 'initiated', meta: {} },
        {
          eventId: 'audit-sample-draw',
          status: 'succeeded',
          meta: expect.objectContaining({
            sampleId: sample.id,
            seed: 'Q4-2026',
            size: 25,
            sampled: 25,
            population: 63,
          }),
        },
      ]);
    });

    it('draws the same sample again from the same seed, and another from another seed', async () => {
      const ids = (body: any) => body.items.map((i: any) => i.deploymentId);
      const first = await draw({ scope: SCOPE, seed: 'redraw', size: 30 });
      const again = await draw({ scope: SCOPE, seed: 'redraw', size: 30 });
      const other = await draw({ scope: SCOPE, seed: 'redraw-2', size: 30 });
      expect(first.body.id).not.toBe(again.body.id);
      expect(ids(again.body)).toEqual(ids(first.body));
      expect(ids(other.body)).not.toEqual(ids(first.body));
    });

    it('chooses a seed when none is given, and returns it', async () => {
      const response = await draw({ scope: SCOPE });
      expect(response.status).toBe(201);
      expect(response.body.seed).toMatch(/^[A-Za-z0-9_-]{12}$/);
    });

    it('takes the whole population when it is smaller than the size', async () => {
      const response = await draw({
        scope: { ...SCOPE, services: [API] },
        size: 40,
      });
      expect(response.body.items.map((i: any) => i.deploymentId)).toEqual([
        'github/9000',
        'github/9001',
        'github/9002',
      ]);
    });

    it('answers 400 naming the field, and keeps nothing, for a size outside the policy bounds', async () => {
      const before = await knex('audit_samples').count({ n: '*' });
      for (const [body, named] of [
        [{ scope: SCOPE, size: 24 }, /size: must be between 25 and 40/],
        [{ scope: SCOPE, size: 41 }, /size: must be between 25 and 40/],
        [{ scope: SCOPE, size: 30.5 }, /size: must be a whole number/],
        [{ scope: SCOPE, size: '30' }, /size/],
        [{ scope: { ...SCOPE, from: 'Q4' } }, /scope\.from/],
        [
          { scope: { ...SCOPE, systems: ['system:default/nowhere'] } },
          /scope\.systems/,
        ],
        [{ scope: SCOPE, seed: '' }, /seed/],
        [{ scope: SCOPE, extra: true }, /extra|unrecognized/i],
      ] as const) {
        const response = await draw(body);
        expect([JSON.stringify(body), response.status]).toEqual([
          JSON.stringify(body),
          400,
        ]);
        expect(response.body.error.message).toMatch(named);
      }
      expect(await knex('audit_samples').count({ n: '*' })).toEqual(before);
      expect(events.filter(e => e.status === 'succeeded')).toEqual([]);
    });

    it('is refused, and recorded as refused, when the policy denies the audit permission', async () => {
      const response = await request(
        await appWith({ permission: AuthorizeResult.DENY }),
      )
        .post('/audit/samples')
        .set('authorization', USER)
        .send({ scope: SCOPE });
      expect(response.status).toBe(403);
      expect(events).toEqual([
        { eventId: 'audit-sample-draw', status: 'initiated', meta: {} },
        {
          eventId: 'audit-sample-draw',
          status: 'failed',
          error: 'Not allowed: change-compliance.audit.export',
        },
      ]);
    });

    it('is for people: a service principal may not draw', async () => {
      const response = await request(await appWith())
        .post('/audit/samples')
        .set('authorization', SERVICE)
        .send({ scope: SCOPE });
      expect(response.status).toBe(403);
    });
  });

  describe('reading samples and marking them reviewed', () => {
    it('lists samples newest first and shows one whole', async () => {
      const later = new Date('2026-12-02T09:00:00.000Z');
      const app = await appWith({ now: later });
      await draw({ scope: SCOPE, seed: 'earlier' });
      const drawn = (
        await request(app)
          .post('/audit/samples')
          .set('authorization', USER)
          .send({ scope: SCOPE, seed: 'listed' })
      ).body;
      const list = await request(app)
        .get('/audit/samples')
        .set('authorization', USER);
      expect(list.status).toBe(200);
      expect(list.body.samples[0]).toEqual({
        id: drawn.id,
        scope: drawn.scope,
        seed: 'listed',
        size: 25,
        drawnBy: AUDITOR,
        drawnAt: later.toISOString(),
        reviewed: 0,
      });
      const times = list.body.samples.map((s: any) => s.drawnAt);
      expect(times).toEqual([...times].sort().reverse());
      expect(list.body.samples.map((s: any) => s.seed)).toContain('earlier');

      const one = await request(app)
        .get(`/audit/samples/${drawn.id}`)
        .set('authorization', SERVICE);
      expect([one.status, one.body]).toEqual([200, drawn]);

      const unknown = await request(app)
        .get('/audit/samples/00000000-0000-4000-8000-000000000000')
        .set('authorization', USER);
      expect(unknown.status).toBe(404);
    });

    it('stores every mark with its author and time, and shows the latest', async () => {
      const app = await appWith();
      const drawn = (
        await draw({ scope: { ...SCOPE, services: [API] }, seed: 'marks' })
      ).body;
      const review = (deployment: string, body: object) =>
        request(app)
          .put(`/audit/samples/${drawn.id}/items/github/${deployment}/review`)
          .set('authorization', USER)
          .send(body);

      const first = await review('9002', {
        conclusion: 'exception',
        note: 'Pushed straight to main, no ticket approval.',
      });
      expect(first.status).toBe(200);
      const second = await review('9002', {
        conclusion: 'exception',
        note: 'Confirmed with the team lead: emergency fix without CAB.',
      });
      const item = second.body.items.find(
        (i: any) => i.deploymentId === 'github/9002',
      );
      expect(item.review).toEqual({
        conclusion: 'exception',
        note: 'Confirmed with the team lead: emergency fix without CAB.',
        reviewedBy: AUDITOR,
        reviewedAt: NOW.toISOString(),
      });
      expect(
        second.body.items
          .filter((i: any) => i.review)
          .map((i: any) => i.deploymentId),
      ).toEqual(['github/9002']);
      // Both marks are kept.
      expect(
        await knex('audit_review_marks')
          .where({ sample_id: drawn.id })
          .count({ n: '*' }),
      ).toEqual([{ n: 2 }]);
      expect(
        events
          .filter(e => e.eventId === 'audit-sample-review')
          .map(e => e.status),
      ).toEqual(['initiated', 'succeeded', 'initiated', 'succeeded']);

      for (const [deployment, body, status] of [
        ['9001', { conclusion: 'passed', note: '' }, 400],
        ['9001', { conclusion: 'exception', note: '  ' }, 400],
        ['9001', { conclusion: 'effective' }, 400],
        // Not in this sample (the staging deployment is no production change).
        ['9004', { conclusion: 'effective', note: '' }, 404],
      ] as const) {
        const response = await review(deployment, body);
        expect([deployment, body, response.status]).toEqual([
          deployment,
          body,
          status,
        ]);
      }
      const unknownSample = await request(app)
        .put(
          '/audit/samples/00000000-0000-4000-8000-000000000000/items/github/9001/review',
        )
        .set('authorization', USER)
        .send({ conclusion: 'effective', note: '' });
      expect(unknownSample.status).toBe(404);

      const service = await request(app)
        .put(`/audit/samples/${drawn.id}/items/github/9001/review`)
        .set('authorization', SERVICE)
        .send({ conclusion: 'effective', note: '' });
      expect(service.status).toBe(403);
    });
  });

  describe('GET /audit/samples/:id/export', () => {
    let workdir: string;

    beforeEach(() => {
      workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-package-'));
    });

    afterEach(() => {
      fs.rmSync(workdir, { recursive: true, force: true });
    });

    async function exported(sampleId: string) {
      return request(await appWith())
        .get(`/audit/samples/${sampleId}/export`)
        .set('authorization', USER)
        .buffer(true)
        .parse(binary);
    }

    function unzip(archive: Buffer): string {
      const file = path.join(workdir, 'package.zip');
      fs.writeFileSync(file, archive);
      const dir = path.join(workdir, 'package');
      execFileSync('unzip', ['-q', file, '-d', dir]);
      return dir;
    }

    const sha256sumCheck = (dir: string) =>
      execFileSync('sha256sum', ['-c', 'SHA256SUMS'], {
        cwd: dir,
        encoding: 'utf8',
        stdio: 'pipe',
      });

    it('is a zip whose SHA256SUMS the real sha256sum checks, with the archive digest in a header', async () => {
      const app = await appWith();
      const drawn = (await draw({ scope: SCOPE, seed: 'export' })).body;
      await request(app)
        .put(
          `/audit/samples/${drawn.id}/items/${drawn.items[0].deploymentId}/review`,
        )
        .set('authorization', USER)
        .send({
          conclusion: 'effective',
          note: 'Ticket, review and approval in order.',
        });
      events.length = 0;

      const response = await exported(drawn.id);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/zip');
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="change-compliance-evidence-2026-12-01-${drawn.id}.zip"`,
      );
      const digest = createHash('sha256').update(response.body).digest();
      expect(response.headers['x-archive-sha256']).toBe(digest.toString('hex'));
      expect(response.headers['content-digest']).toBe(
        `sha-256=:${digest.toString('base64')}:`,
      );
      expect(events).toEqual([
        {
          eventId: 'evidence-export',
          status: 'initiated',
          meta: { sampleId: drawn.id },
        },
        {
          eventId: 'evidence-export',
          status: 'succeeded',
          meta: expect.objectContaining({
            archiveSha256: digest.toString('hex'),
          }),
        },
      ]);

      const dir = unzip(response.body);
      const output = sha256sumCheck(dir);
      const files = fs
        .readFileSync(path.join(dir, 'SHA256SUMS'), 'utf8')
        .trim()
        .split('\n')
        .map(line => line.slice(66));
      // Every file but the manifest is listed, and checked.
      expect(output.trim().split('\n')).toEqual(files.map(f => `${f}: OK`));
      const all = execFileSync('find', ['.', '-type', 'f'], {
        cwd: dir,
        encoding: 'utf8',
      })
        .trim()
        .split('\n')
        .map(f => f.slice(2))
        .filter(f => f !== 'SHA256SUMS')
        .sort();
      expect([...files].sort()).toEqual(all);
      expect(files).toEqual(
        expect.arrayContaining([
          'README.txt',
          'policy.json',
          'sources.json',
          'population.json',
          'population.csv',
          'sample.json',
          'sample.csv',
          'report.html',
          `evidence/01-${drawn.items[0].deploymentId.replace(
            '/',
            '-',
          )}/deployment.json`,
          `evidence/01-${drawn.items[0].deploymentId.replace(
            '/',
            '-',
          )}/trace.json`,
          'repositories/01-component-default-payments-api.json',
        ]),
      );
      expect(files.filter(f => f.startsWith('evidence/'))).toHaveLength(50);

      // Step 1 and 2 as the API gives them, and each trace as its route gives it.
      const read = (file: string) =>
        fs.readFileSync(path.join(dir, file), 'utf8');
      expect(JSON.parse(read('policy.json'))).toEqual(
        (await request(app).get('/policy').set('authorization', USER)).body,
      );
      expect(JSON.parse(read('sources.json'))).toEqual(
        (await request(app).get('/sources').set('authorization', USER)).body,
      );
      const apiItem = drawn.items.findIndex((i: any) => i.serviceRef === API);
      const apiFolder = `evidence/${String(apiItem + 1).padStart(
        2,
        '0',
      )}-${drawn.items[apiItem].deploymentId.replace('/', '-')}`;
      expect(JSON.parse(read(`${apiFolder}/trace.json`))).toEqual(
        (
          await request(app)
            .get(`/deployments/${drawn.items[apiItem].deploymentId}/trace`)
            .set('authorization', USER)
        ).body,
      );
      expect(JSON.parse(read(`${apiFolder}/deployment.json`))).toEqual(
        (
          await request(app)
            .get(`/deployments/${drawn.items[apiItem].deploymentId}`)
            .set('authorization', USER)
        ).body,
      );

      // The population with the query that produced it and a digest of its members.
      const population = JSON.parse(read('population.json'));
      expect(population.query).toBe(
        'GET /api/change-compliance/audit/population?from=2026-11-01T00%3A00%3A00.000Z&to=2026-11-15T00%3A00%3A00.000Z',
      );
      expect(population.members).toHaveLength(63);
      const memberLines = population.members
        .map((m: any) => `${m.deploymentId}\t${m.stratumKey}\n`)
        .join('');
      expect(population.digest.value).toBe(
        createHash('sha256').update(memberLines).digest('hex'),
      );

      // One CSV row per sampled deployment, its steps, verdict and review mark.
      const rows = read('sample.csv').trim().split('\r\n');
      expect(rows).toHaveLength(26);
      expect(rows[0]).toBe(
        'position,deployment_id,service,stratum,change_type,environment,deployed_at,deployed_by,commit_sha,image_digest,image_tag,config_version,verdict_at_draw,verdict,step4_ticket_with_required_fields,step5_peer_review_and_approval_before_deployment,step6_deployed_artefact_identified,step7_artefact_traced_to_its_ticket_both_ways,step8_no_bypass_of_the_process,review_conclusion,review_note,reviewed_by,reviewed_at',
      );
      expect(rows[1]).toContain(
        `effective,"Ticket, review and approval in order.",${AUDITOR},${NOW.toISOString()}`,
      );
      expect(read('population.csv').trim().split('\r\n')).toEqual([
        'stratum,service,system,change_type,population,sampled',
        `${LEDGER}|emergency,${LEDGER},system:default/payments,emergency,3,1`,
        `${LEDGER}|normal,${LEDGER},system:default/payments,normal,57,23`,
        `${API}|normal,${API},system:default/payments,normal,3,1`,
      ]);

      // A printable report that runs nothing and loads nothing.
      const report = read('report.html');
      expect(report).toMatch(/^<!DOCTYPE html>/);
      expect(report).not.toMatch(
        /<script|<link|<img|<iframe|<object|src=|url\(|@import/i,
      );
      expect(report).toContain('Step 1: change management policy in force');
      expect(report).toContain('Ticket, review and approval in order.');
    });

    it('fails the check when a file of the package is altered', async () => {
      const drawn = (
        await draw({ scope: { ...SCOPE, services: [API] }, seed: 'tamper' })
      ).body;
      const dir = unzip((await exported(drawn.id)).body);
      sha256sumCheck(dir);

      const csv = path.join(dir, 'sample.csv');
      fs.writeFileSync(
        csv,
        fs.readFileSync(csv, 'utf8').replace('exception', 'compliant'),
      );
      let failure: { status?: number; stdout?: string } = {};
      try {
        sha256sumCheck(dir);
      } catch (error) {
        failure = error as typeof failure;
      }
      expect(failure.status).toBe(1);
      expect(failure.stdout).toContain('sample.csv: FAILED');
      expect(failure.stdout).toContain('report.html: OK');
    });

    it('answers 404 for a sample it does not know, and records the failure', async () => {
      const response = await exported('00000000-0000-4000-8000-000000000000');
      expect(response.status).toBe(404);
      expect(events.map(e => e.status)).toEqual(['initiated', 'failed']);
    });
  });
});
