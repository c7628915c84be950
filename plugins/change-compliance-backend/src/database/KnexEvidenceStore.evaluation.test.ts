import { TestDatabaseId } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import {
  createTestDatabases,
  databaseServiceFor,
} from '../__testUtils__/testDatabases';
import {
  alice,
  baseline,
  basePolicy,
  bob,
  carmen,
  pullRequest,
  ticket,
} from '../engine/__testUtils__/baseline';
import { evaluateDeployment } from '../engine/evaluateDeployment';
import { KnexEvidenceStore } from './KnexEvidenceStore';
import { StoredEvaluation } from './records';

jest.setTimeout(60_000);

const compliant = evaluateDeployment(baseline(), basePolicy());
const unapproved = evaluateDeployment(
  { ...baseline(), approvals: [] },
  basePolicy(),
);

function stored(
  evaluation: typeof compliant,
  deploymentId: string,
  evaluatedAt: string,
): StoredEvaluation {
  return {
    ...evaluation,
    deploymentId,
    evaluatedAt,
    serviceRef: 'component:default/payments-api',
    deployedAt: '2026-11-10T12:00:00.000Z',
  };
}

/**
 * What evaluating a service asks of the store: its evidence read a whole repository, or thousands
 * of tickets, at a time, and its verdicts saved thousands at a time.
 */
describe('KnexEvidenceStore for evaluations', () => {
  const databases = createTestDatabases();
  let knex: Knex | undefined;

  afterEach(async () => {
    await knex?.destroy();
    knex = undefined;
  });

  async function createStore(databaseId: TestDatabaseId) {
    knex = await databases.init(databaseId);
    return KnexEvidenceStore.create({ database: databaseServiceFor(knex) });
  }

  const historyRows = async () =>
    Number((await knex!('verdict_history').count({ n: '*' }))[0].n);

  it.each(databases.eachSupportedId())(
    'rewrites a result only when it changed, and adds history only when a verdict or status did, on %p',
    async id => {
      const store = await createStore(id);
      const first = stored(
        unapproved,
        'github/9001',
        '2026-11-10T12:05:00.000Z',
      );
      expect(await store.saveEvaluations([first], 'deployment synced')).toEqual(
        [
          expect.objectContaining({
            verdict: 'exception',
            previousVerdict: null,
          }),
        ],
      );

      // The same result later: nothing is written, not even the time of evaluation.
      expect(
        await store.saveEvaluations(
          [{ ...first, evaluatedAt: '2026-11-11T00:00:00.000Z' }],
          'scheduled re-evaluation',
        ),
      ).toEqual([]);
      expect((await store.getEvaluation('github/9001'))?.evaluatedAt).toBe(
        '2026-11-10T12:05:00.000Z',
      );

      // Another reason with the same statuses: the result is replaced, the history is not added to.
      const reworded = {
        ...first,
        checks: first.checks.map(c => ({ ...c, reason: `${c.reason} Again.` })),
        evaluatedAt: '2026-11-12T00:00:00.000Z',
      };
      expect(
        await store.saveEvaluations([reworded], 'scheduled re-evaluation'),
      ).toEqual([]);
      expect(await store.getEvaluation('github/9001')).toEqual(reworded);
      expect(await historyRows()).toBe(1);

      // A status that changed is history, with the previous verdict.
      const approved = stored(
        compliant,
        'github/9001',
        '2026-11-13T00:00:00.000Z',
      );
      const [change] = await store.saveEvaluations(
        [approved],
        'approval synced',
      );
      expect(change).toEqual({
        deploymentId: 'github/9001',
        verdict: 'compliant',
        previousVerdict: 'exception',
        checks: Object.fromEntries(
          compliant.checks.map(c => [c.checkId, c.status]),
        ),
        cause: 'approval synced',
        evaluatedAt: '2026-11-13T00:00:00.000Z',
      });
      expect(await store.getEvaluation('github/9001')).toEqual(approved);
      expect(
        (await store.verdictHistory('github/9001')).map(h => h.verdict),
      ).toEqual(['exception', 'compliant']);
    },
  );

  it.each(databases.eachSupportedId())(
    'saves thousands of deployments of several sources at once, on %p',
    async id => {
      const store = await createStore(id);
      // More than one read (500 ids) and one statement (200 rows) holds, with a partial last one.
      const ids = Array.from({ length: 1234 }, (_, i) =>
        i % 3 === 0 ? `jenkins/build-${i}` : `github/${i}`,
      );
      const at = '2026-11-20T00:00:00.000Z';
      const first = await store.saveEvaluations(
        ids.map(deploymentId => stored(compliant, deploymentId, at)),
        'initial evaluation',
      );
      expect(first.map(c => c.deploymentId)).toEqual(ids);

      const again = await store.saveEvaluations(
        ids.map(deploymentId => stored(compliant, deploymentId, at)),
        'scheduled re-evaluation',
      );
      expect(again).toEqual([]);

      // A third of them lose their approval.
      const later = '2026-11-21T00:00:00.000Z';
      const changed = await store.saveEvaluations(
        ids.map((deploymentId, i) =>
          stored(i % 3 === 1 ? unapproved : compliant, deploymentId, later),
        ),
        'approval withdrawn',
      );
      const withdrawn = ids.filter((_, i) => i % 3 === 1);
      expect(changed.map(c => c.deploymentId)).toEqual(withdrawn);
      expect(changed.every(c => c.previousVerdict === 'compliant')).toBe(true);
      expect(await historyRows()).toBe(ids.length + withdrawn.length);

      expect((await store.getEvaluation(withdrawn[0]))?.verdict).toBe(
        'exception',
      );
      expect(await store.getEvaluation('jenkins/build-0')).toEqual(
        stored(compliant, 'jenkins/build-0', at),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'lists the tickets with the given keys, across more keys than one read takes, on %p',
    async id => {
      const store = await createStore(id);
      const keys = Array.from({ length: 1200 }, (_, i) => `PAY-${i + 1}`);
      await store.upsertTickets(keys.map(key => ({ ...ticket(), key })));
      await store.upsertTickets([
        { ...ticket(), system: 'servicenow', key: 'CHG0000001' },
      ]);

      const asked = [...keys.filter((_, i) => i % 2 === 0), 'PAY-99999'];
      const found = await store.listTickets([...asked, 'PAY-1']);
      expect(found.map(t => t.key).sort()).toEqual(
        asked.filter(k => k !== 'PAY-99999').sort(),
      );
      expect(found.find(t => t.key === 'PAY-1')).toEqual({
        ...ticket(),
        key: 'PAY-1',
      });
      expect(await store.getTickets(['PAY-2', 'CHG0000001'])).toEqual({
        'PAY-2': { ...ticket(), key: 'PAY-2' },
        CHG0000001: { ...ticket(), system: 'servicenow', key: 'CHG0000001' },
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'lists a repository’s history: each commit’s parents and time, on %p',
    async id => {
      const store = await createStore(id);
      const [earlier, head] = pullRequest().commits;
      await store.upsertCommits('northwind/payments-api', [earlier, head]);
      await store.upsertCommits('northwind/accounts', [earlier]);

      const graph = await store.listCommitGraph('northwind/payments-api');
      expect(graph.sort((a, b) => a.sha.localeCompare(b.sha))).toEqual(
        [earlier, head]
          .map(c => ({
            sha: c.sha,
            parents: c.parents,
            committedAt: c.committedAt,
          }))
          .sort((a, b) => a.sha.localeCompare(b.sha)),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'lists a repository’s pull requests with their reviews in order, and its commit associations, on %p',
    async id => {
      const store = await createStore(id);
      const review = (reviewId: string, reviewer = bob, at: string) => ({
        id: reviewId,
        reviewer,
        state: 'APPROVED' as const,
        commitId: pullRequest().headSha,
        submittedAt: at,
        dismissed: false,
      });
      const first = {
        ...pullRequest(),
        reviews: [
          review('3', carmen, '2026-11-09T13:00:00.000Z'),
          review('1', bob, '2026-11-09T11:00:00.000Z'),
          review('2', alice, '2026-11-09T11:00:00.000Z'),
        ],
      };
      const second = {
        ...pullRequest(),
        number: 43,
        reviews: [review('4', bob, '2026-11-08T00:00:00.000Z')],
      };
      const elsewhere = {
        ...pullRequest(),
        repository: 'northwind/accounts',
        reviews: [review('5', bob, '2026-11-08T00:00:00.000Z')],
      };
      await store.upsertPullRequests([first, second, elsewhere]);
      await store.upsertCommitAssociations('northwind/payments-api', {
        aaaa: 42,
        bbbb: 43,
      });
      await store.upsertCommitAssociations('northwind/accounts', { cccc: 42 });

      const listed = await store.listPullRequests('northwind/payments-api');
      expect(listed.sort((a, b) => a.number - b.number)).toEqual([
        {
          ...first,
          // By time, then by review id.
          reviews: [first.reviews[1], first.reviews[2], first.reviews[0]],
        },
        second,
      ]);
      expect(
        await store.listCommitAssociations('northwind/payments-api'),
      ).toEqual(
        new Map([
          ['aaaa', 42],
          ['bbbb', 43],
        ]),
      );
    },
  );
  it.each(databases.eachSupportedId())(
    'adds one first history entry when two evaluations of a service save the same new verdict at once, on %p',
    async id => {
      const store = await createStore(id);
      const deployments = Array.from({ length: 20 }, (_, i) =>
        stored(unapproved, `github/${7000 + i}`, '2026-11-10T12:05:00.000Z'),
      );
      // A deployment event's evaluation and the scheduled one, racing for each new deployment.
      await Promise.all(
        deployments.flatMap(d => [
          store.saveEvaluations([d], 'deployment event'),
          store.saveEvaluations([d], 'scheduled evaluation'),
        ]),
      );
      expect(await historyRows()).toBe(deployments.length);
    },
  );
});
