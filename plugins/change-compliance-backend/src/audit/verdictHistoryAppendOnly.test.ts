import { mockCredentials, TestDatabaseId } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import {
  loadDemoEvidence,
  paymentsApiService,
} from '../__testUtils__/demoEvidence';
import {
  createTestDatabases,
  databaseServiceFor,
} from '../__testUtils__/testDatabases';
import { KnexEvidenceStore } from '../database/KnexEvidenceStore';
import { baseline, basePolicy } from '../engine/__testUtils__/baseline';
import { evaluateService } from '../evaluation/ServiceEvaluator';
import { ProviderRegistry } from '../providers/ProviderRegistry';
import { StoreEvidenceSink } from '../providers/StoreEvidenceSink';
import { evaluationOf } from './__testUtils__/auditFixtures';
import {
  catalogOf,
  recordingAuditor,
  routerApp,
} from './__testUtils__/auditTestServices';
import { AuditWorkspace } from './AuditWorkspace';
import { KnexAuditStore } from './KnexAuditStore';

jest.setTimeout(60_000);

/**
 * Verdict history is append-only: an auditor must be able to see what was known when, so no past
 * entry may change or disappear.
 *
 * The one code path that writes the history is the evidence store's saveEvaluation /
 * saveEvaluations (KnexEvidenceStore), which INSERTs an entry when a verdict or a check's status
 * changes; it is reached through evaluateService, on a deployment event (POST /deployments), a
 * provider's sync (StoreEvidenceSink.evaluate) and the scheduled re-evaluation. Nothing updates or
 * deletes an entry, and the database refuses to (migration 20261126060000_audit_samples).
 *
 * This test tries the ways in: every documented route with every method, every method of the
 * stores and of the providers' sink with arguments aimed at the history, SQL straight at the
 * table, and it reads the source for statements that would rewrite it. After each attempt the
 * history must still begin with exactly the entries it had.
 */

const policy = basePolicy();
const HISTORY_OF = 'github/9001';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

type HistoryRow = Record<string, unknown>;

async function historyRows(knex: Knex): Promise<HistoryRow[]> {
  return knex('verdict_history').orderBy('id').select();
}

/** The earlier entries, unchanged and in order, at the start of the later ones. */
function expectKept(
  before: HistoryRow[],
  after: HistoryRow[],
  attempt: string,
) {
  expect([attempt, after.slice(0, before.length)]).toEqual([attempt, before]);
}

/** The same evaluation with the opposite verdict: what a rewrite of the past would store. */
function rewritten(verdict: 'compliant' | 'exception') {
  return evaluationOf(
    {
      source: 'github',
      externalId: '9001',
      serviceRef: paymentsApiService.entityRef,
      environment: 'production',
      commitSha: 'a'.repeat(40),
      deployedAt: '2026-11-10T12:00:00.000Z',
      status: 'success',
      ticketKeys: [],
    },
    {
      verdict,
      statuses: verdict === 'exception' ? { 'review.independent': 'fail' } : {},
      evaluatedAt: '2026-11-01T00:00:00.000Z',
    },
  );
}

describe('verdict history is append-only', () => {
  const databases = createTestDatabases();
  let knex: Knex | undefined;

  afterEach(async () => {
    await knex?.destroy();
    knex = undefined;
  });

  async function withHistory(databaseId: TestDatabaseId) {
    knex = await databases.init(databaseId);
    const database = databaseServiceFor(knex);
    const evidence = await KnexEvidenceStore.create({ database });
    const audit = await KnexAuditStore.create({ database });
    await loadDemoEvidence(evidence);
    await evidence.upsertApprovals(baseline().approvals);
    const evaluate = (cause: string) =>
      evaluateService({
        store: evidence,
        policy,
        service: paymentsApiService,
        windowStart: '2026-11-01T00:00:00.000Z',
        evaluatedAt: new Date().toISOString(),
        cause,
      });
    await evaluate('first evaluation');
    // A second entry for the deployment, so that there is a past to rewrite.
    await evidence.saveEvaluation(rewritten('exception'), 'late evidence');
    await evaluate('evidence corrected');
    const before = await historyRows(knex);
    expect(
      before.filter(
        r =>
          `${r.deployment_source}/${r.deployment_external_id}` === HISTORY_OF,
      ).length,
    ).toBeGreaterThanOrEqual(3);
    return { knex, evidence, audit, evaluate, before };
  }

  it.each([['SQLITE_3' as TestDatabaseId]])(
    'through every documented route and method, on %p',
    async databaseId => {
      const { evidence, audit, evaluate, before } = await withHistory(
        databaseId,
      );
      const app = await routerApp({
        store: evidence,
        providers: new ProviderRegistry(),
        policy,
        ownedServices: async () => [paymentsApiService.entityRef],
        // A deployment event really evaluates the service again: the legitimate write path runs.
        onDeploymentRecorded: async () => {
          await evaluate('deployment event');
        },
        audit: {
          workspace: new AuditWorkspace({
            store: audit,
            evidence,
            catalog: catalogOf({}),
            policy,
          }),
          auditor: recordingAuditor(),
        },
      });

      const user = mockCredentials.user.header('user:default/henrik.berg');
      const scope = {
        from: '2026-11-01T00:00:00Z',
        to: '2026-11-15T00:00:00Z',
      };
      const sample = await request(app)
        .post('/audit/samples')
        .set('authorization', user)
        .send({ scope });
      expect(sample.status).toBe(201);

      const params: Record<string, string> = {
        kind: 'component',
        namespace: 'default',
        name: 'payments-api',
        source: 'github',
        externalId: '9001',
        id: sample.body.id,
      };
      const documented = Object.keys(
        parse(
          fs.readFileSync(
            path.join(__dirname, '..', 'schema', 'openapi.yaml'),
            'utf8',
          ),
        ).paths,
      );
      const paths = [
        ...documented.map(route =>
          route.replace(/\{(\w+)\}/g, (_, p: string) =>
            route.startsWith('/groups/') && p === 'name'
              ? 'payments-team'
              : encodeURIComponent(params[p]),
          ),
        ),
        // Where a history API would live, were there one.
        '/deployments/github/9001/history',
        '/deployments/github/9001/history/1',
        '/verdicts/github/9001',
      ];
      // What a caller would send to rewrite the past, by route: a deployment event for the same
      // deployment, a review, a sample request, and elsewhere a history entry.
      const bodyFor = (routePath: string): object => {
        if (routePath === '/deployments') {
          return {
            source: 'github',
            externalId: '9001',
            entityRef: paymentsApiService.entityRef,
            environment: 'production',
            commitSha: 'b'.repeat(40),
            deployedAt: '2026-11-10T12:00:00Z',
            status: 'success',
          };
        }
        if (routePath.endsWith('/review')) {
          return { conclusion: 'effective', note: 'rewritten' };
        }
        if (routePath === '/audit/samples') return { scope };
        return {
          verdict: 'compliant',
          previousVerdict: null,
          cause: 'rewritten',
          evaluatedAt: '2026-11-10T12:05:00.000Z',
          history: [],
        };
      };

      let attempts = 0;
      for (const routePath of paths) {
        for (const method of METHODS) {
          for (const caller of [user, mockCredentials.service.header()]) {
            const body =
              method === 'get' || method === 'delete'
                ? undefined
                : bodyFor(routePath);
            await (request(app) as any)
              [method](routePath)
              .set('authorization', caller)
              .send(body);
            attempts += 1;
            expectKept(
              before,
              await historyRows(knex!),
              `${method.toUpperCase()} ${routePath} ${JSON.stringify(body)}`,
            );
          }
        }
      }
      expect(attempts).toBeGreaterThan(documented.length * METHODS.length);
    },
  );

  it.each(databases.eachSupportedId())(
    "through every method of the stores and the providers' sink, on %p",
    async databaseId => {
      const {
        knex: db,
        evidence,
        audit,
        before,
      } = await withHistory(databaseId);
      const sink = new StoreEvidenceSink(evidence, async () => {});
      const historyEntries = await evidence.verdictHistory(HISTORY_OF);
      // Arguments aimed at the history: its deployment, its entries, evaluations that contradict
      // them, and an evaluation dated before them.
      const candidates: unknown[][] = [
        [],
        [HISTORY_OF],
        [HISTORY_OF, 'rewrite'],
        [historyEntries],
        [historyEntries[0]],
        [rewritten('compliant'), 'rewrite'],
        [rewritten('exception'), 'rewrite'],
        [[rewritten('compliant'), rewritten('exception')], 'rewrite'],
        [
          paymentsApiService.entityRef,
          { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' },
        ],
      ];

      const targets: Array<[string, object]> = [
        ['KnexEvidenceStore', evidence],
        ['KnexAuditStore', audit],
        ['StoreEvidenceSink', sink],
      ];
      const tried: string[] = [];
      for (const [name, target] of targets) {
        const methods = Object.getOwnPropertyNames(
          Object.getPrototypeOf(target),
        ).filter(
          m => m !== 'constructor' && typeof (target as any)[m] === 'function',
        );
        for (const method of methods) {
          for (const args of candidates) {
            try {
              await (target as any)[method](...args);
            } catch {
              // A refusal is as good as a no-op here; what counts is the history after it.
            }
            expectKept(
              before,
              await historyRows(db),
              `${name}.${method}(${JSON.stringify(args)})`,
            );
          }
          tried.push(`${name}.${method}`);
        }
      }
      // Among them, the methods that write evaluations and read the history.
      expect(tried).toEqual(
        expect.arrayContaining([
          'KnexEvidenceStore.saveEvaluation',
          'KnexEvidenceStore.saveEvaluations',
          'KnexEvidenceStore.verdictHistory',
          'KnexAuditStore.addReviewMark',
        ]),
      );
      // The contradicting evaluations were stored the only way there is: as new entries.
      const after = await historyRows(db);
      expect(after.length).toBeGreaterThan(before.length);
      expect(after.slice(before.length).map(r => r.cause)).toContain('rewrite');
    },
  );

  it.each(databases.eachSupportedId())(
    'through SQL straight at the table, on %p',
    async databaseId => {
      const { knex: db, before } = await withHistory(databaseId);
      const statements = [
        () =>
          db('verdict_history').update({
            verdict: 'compliant',
            cause: 'rewritten',
          }),
        () =>
          db('verdict_history')
            .where('id', before[0].id as number)
            .del(),
        () => db('verdict_history').del(),
        () =>
          db('verdict_history')
            .insert({ ...before[0] })
            .onConflict('id')
            .merge({ verdict: 'compliant' }),
      ];
      for (const statement of statements) {
        // The message, not toThrow: better-sqlite3 builds its errors in the realm of the first test
        // file that loaded it in this worker, where jest's toThrow may not see an Error.
        const outcome = await Promise.resolve(statement()).then(
          result => `done: ${JSON.stringify(result)}`,
          (error: Error) => error.message,
        );
        expect([statement.toString(), outcome]).toEqual([
          statement.toString(),
          expect.stringMatching(/append-only/),
        ]);
        expectKept(before, await historyRows(db), statement.toString());
      }
      expect(await historyRows(db)).toEqual(before);
    },
  );

  it('has no statement in the source that updates or deletes it, and only the store names it', () => {
    const root = path.join(__dirname, '..');
    const sources = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory())
          return entry.name === '__testUtils__' ? [] : sources(full);
        return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)
          ? [full]
          : [];
      });
    const naming = sources(root).filter(file =>
      fs.readFileSync(file, 'utf8').includes('verdict_history'),
    );
    expect(naming.length).toBeGreaterThan(0);
    for (const file of naming) {
      // The store is the one place that knows SQL.
      expect(path.relative(root, file)).toMatch(/^database\//);
      const text = fs.readFileSync(file, 'utf8');
      expect(text).not.toMatch(
        /(UPDATE|DELETE\s+FROM|TRUNCATE)\s+(TABLE\s+)?["`]?verdict_history/i,
      );
      expect(text).not.toMatch(
        /\(\s*['"`]verdict_history['"`]\s*\)[\s\S]{0,200}?\.(update|del|delete|truncate|merge)\(/,
      );
    }
  });
});
