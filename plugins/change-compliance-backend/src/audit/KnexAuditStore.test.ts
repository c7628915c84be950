import { TestDatabaseId } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import {
  createTestDatabases,
  databaseServiceFor,
} from '../__testUtils__/testDatabases';
import { KnexEvidenceStore } from '../database/KnexEvidenceStore';
import { deploymentOf, evaluationOf } from './__testUtils__/auditFixtures';
import { StoredSample } from './AuditStore';
import { KnexAuditStore } from './KnexAuditStore';

jest.setTimeout(60_000);

const API = 'component:default/payments-api';
const LEDGER = 'component:default/ledger-service';

function sample(overrides: Partial<StoredSample> = {}): StoredSample {
  return {
    id: '7f1c2a9e-0000-4000-8000-000000000001',
    scope: {
      from: '2026-10-01T00:00:00.000Z',
      to: '2027-01-01T00:00:00.000Z',
      systems: [],
      groups: ['group:default/payments-team'],
      services: [],
    },
    seed: 'Q4-2026',
    size: 25,
    drawnBy: 'user:default/henrik.berg',
    drawnAt: '2026-12-01T09:00:00.000Z',
    population: {
      total: 2,
      pending: 0,
      strata: [
        {
          key: `${API}|normal`,
          serviceRef: API,
          systemRef: 'system:default/payments',
          changeType: 'normal',
          population: 2,
        },
      ],
      members: [
        { deploymentId: 'ci/1', stratumKey: `${API}|normal` },
        { deploymentId: 'ci/2', stratumKey: `${API}|normal` },
      ],
      sha256: 'f'.repeat(64),
    },
    items: [
      {
        deploymentId: 'ci/2',
        stratumKey: `${API}|normal`,
        verdictAtDraw: 'exception',
      },
      {
        deploymentId: 'ci/1',
        stratumKey: `${API}|normal`,
        verdictAtDraw: null,
      },
    ],
    ...overrides,
  };
}

describe('KnexAuditStore', () => {
  const databases = createTestDatabases();
  let knex: Knex | undefined;

  afterEach(async () => {
    await knex?.destroy();
    knex = undefined;
  });

  async function createStores(databaseId: TestDatabaseId) {
    knex = await databases.init(databaseId);
    const database = databaseServiceFor(knex);
    return {
      evidence: await KnexEvidenceStore.create({ database }),
      audit: await KnexAuditStore.create({ database }),
    };
  }

  it.each(databases.eachSupportedId())(
    'lists the successful deployments of a period with their verdicts and emergency changes, on %p',
    async databaseId => {
      const { evidence, audit } = await createStores(databaseId);
      const normal = deploymentOf(API, '1', '2026-10-01T00:00:00.000Z');
      const emergency = deploymentOf(API, '2', '2026-10-15T10:00:00.000Z');
      const unevaluated = deploymentOf(API, '3', '2026-11-01T10:00:00.000Z');
      const staging = deploymentOf(API, '4', '2026-11-02T10:00:00.000Z', {
        environment: 'staging',
      });
      const failed = deploymentOf(API, '5', '2026-11-03T10:00:00.000Z', {
        status: 'failure',
      });
      const before = deploymentOf(API, '6', '2026-09-30T23:59:59.999Z');
      const atEnd = deploymentOf(API, '7', '2027-01-01T00:00:00.000Z');
      const ledger = deploymentOf(LEDGER, '8', '2026-11-04T10:00:00.000Z');
      await evidence.upsertDeployments([
        normal,
        emergency,
        unevaluated,
        staging,
        failed,
        before,
        atEnd,
        ledger,
      ]);
      await evidence.saveEvaluations(
        [
          evaluationOf(normal),
          evaluationOf(emergency, { emergency: true, verdict: 'pending' }),
          evaluationOf(ledger, { verdict: 'exception' }),
        ],
        'test',
      );

      const period = {
        from: '2026-10-01T00:00:00.000Z',
        to: '2027-01-01T00:00:00.000Z',
      };
      const all = await audit.listDeploymentsInPeriod(period);
      const byId = (rows: typeof all) =>
        rows.sort((a, b) => (a.deploymentId < b.deploymentId ? -1 : 1));
      expect(byId(all)).toEqual([
        {
          deploymentId: 'ci/1',
          serviceRef: API,
          environment: 'production',
          deployedAt: '2026-10-01T00:00:00.000Z',
          verdict: 'compliant',
          emergency: false,
        },
        {
          deploymentId: 'ci/2',
          serviceRef: API,
          environment: 'production',
          deployedAt: '2026-10-15T10:00:00.000Z',
          verdict: 'pending',
          emergency: true,
        },
        {
          deploymentId: 'ci/3',
          serviceRef: API,
          environment: 'production',
          deployedAt: '2026-11-01T10:00:00.000Z',
          emergency: false,
        },
        // The environment is the caller's to judge against the policy's globs.
        expect.objectContaining({
          deploymentId: 'ci/4',
          environment: 'staging',
        }),
        expect.objectContaining({ deploymentId: 'ci/8', serviceRef: LEDGER }),
      ]);

      const ledgerOnly = await audit.listDeploymentsInPeriod({
        ...period,
        serviceRefs: [LEDGER],
      });
      expect(ledgerOnly.map(r => r.deploymentId)).toEqual(['ci/8']);
      expect(
        await audit.listDeploymentsInPeriod({ ...period, serviceRefs: [] }),
      ).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps samples as drawn and lists them newest first with their review counts, on %p',
    async databaseId => {
      const { audit } = await createStores(databaseId);
      const older = sample();
      const newer = sample({
        id: '7f1c2a9e-0000-4000-8000-000000000002',
        seed: 'redraw',
        drawnAt: '2026-12-02T09:00:00.000Z',
        items: [],
      });
      await audit.saveSample(older);
      await audit.saveSample(newer);

      expect(await audit.getSample(older.id)).toEqual(older);
      expect(await audit.getSample('no-such-sample')).toBeUndefined();

      const mark = {
        sampleId: older.id,
        conclusion: 'exception' as const,
        note: 'No approval before the deployment.',
        reviewedBy: 'user:default/henrik.berg',
      };
      expect(
        await audit.addReviewMark({
          ...mark,
          deploymentId: 'ci/2',
          reviewedAt: '2026-12-03T10:00:00.000Z',
        }),
      ).toBe(true);
      expect(
        await audit.addReviewMark({
          ...mark,
          deploymentId: 'ci/2',
          conclusion: 'effective',
          note: 'Approval found in the CAB minutes.',
          reviewedAt: '2026-12-03T11:00:00.000Z',
        }),
      ).toBe(true);
      // Not in the sample, or no such sample: refused, nothing written.
      expect(
        await audit.addReviewMark({
          ...mark,
          deploymentId: 'ci/9',
          reviewedAt: '2026-12-03T12:00:00.000Z',
        }),
      ).toBe(false);
      expect(
        await audit.addReviewMark({
          ...mark,
          sampleId: newer.id,
          deploymentId: 'ci/2',
          reviewedAt: '2026-12-03T12:00:00.000Z',
        }),
      ).toBe(false);

      expect(
        (await audit.listReviewMarks(older.id)).map(m => [
          m.deploymentId,
          m.conclusion,
          m.reviewedAt,
        ]),
      ).toEqual([
        ['ci/2', 'exception', '2026-12-03T10:00:00.000Z'],
        ['ci/2', 'effective', '2026-12-03T11:00:00.000Z'],
      ]);
      expect(await audit.listReviewMarks(newer.id)).toEqual([]);

      const { population, items, ...olderHeader } = older;
      const { population: _p, items: _i, ...newerHeader } = newer;
      expect(await audit.listSamples()).toEqual([
        { ...newerHeader, reviewed: 0 },
        // Two marks on one deployment: one deployment reviewed.
        { ...olderHeader, reviewed: 1 },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses to rewrite or delete samples, review marks and verdict history, on %p',
    async databaseId => {
      const { evidence, audit } = await createStores(databaseId);
      const deployment = deploymentOf(API, '2', '2026-10-15T10:00:00.000Z');
      await evidence.upsertDeployments([deployment]);
      await evidence.saveEvaluation(
        evaluationOf(deployment, { verdict: 'exception' }),
        'first evaluation',
      );
      await audit.saveSample(sample());
      await audit.addReviewMark({
        sampleId: sample().id,
        deploymentId: 'ci/2',
        conclusion: 'effective',
        note: '',
        reviewedBy: 'user:default/henrik.berg',
        reviewedAt: '2026-12-03T10:00:00.000Z',
      });

      const snapshot = async () => ({
        history: await knex!('verdict_history').select(),
        samples: await knex!('audit_samples').select(),
        items: await knex!('audit_sample_items').select(),
        marks: await knex!('audit_review_marks').select(),
      });
      const before = await snapshot();
      // Something to rewrite in each table: a row-level guard has nothing to refuse otherwise.
      expect(
        [before.history, before.samples, before.items, before.marks].map(
          rows => rows.length,
        ),
      ).toEqual([1, 1, 2, 1]);
      const attempts: Array<[string, () => Promise<unknown>]> = [
        [
          'update verdict_history',
          () => knex!('verdict_history').update({ verdict: 'compliant' }),
        ],
        ['delete verdict_history', () => knex!('verdict_history').del()],
        [
          'update audit_samples',
          () => knex!('audit_samples').update({ seed: 'other' }),
        ],
        ['delete audit_samples', () => knex!('audit_samples').del()],
        [
          'update audit_sample_items',
          () =>
            knex!('audit_sample_items').update({
              verdict_at_draw: 'compliant',
            }),
        ],
        ['delete audit_sample_items', () => knex!('audit_sample_items').del()],
        [
          'update audit_review_marks',
          () => knex!('audit_review_marks').update({ conclusion: 'exception' }),
        ],
        ['delete audit_review_marks', () => knex!('audit_review_marks').del()],
      ];
      if (databaseId !== 'SQLITE_3') {
        attempts.push([
          'truncate verdict_history',
          () => knex!.raw('TRUNCATE verdict_history'),
        ]);
      }
      for (const [what, attempt] of attempts) {
        // The message, not toThrow: better-sqlite3 builds its errors in the realm of the first test
        // file that loaded it in this worker, where jest's toThrow may not see an Error.
        const outcome = await Promise.resolve(attempt()).then(
          result => `done: ${JSON.stringify(result)}`,
          (error: Error) => error.message,
        );
        expect([what, outcome]).toEqual([
          what,
          expect.stringMatching(/append-only/),
        ]);
        expect([what, await snapshot()]).toEqual([what, before]);
      }
    },
  );
});
