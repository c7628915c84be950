import { TestDatabaseId } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import {
  createTestDatabases,
  databaseServiceFor,
} from '../__testUtils__/testDatabases';
import {
  alice,
  bob,
  carmen,
  pullRequest,
  ticket,
} from '../engine/__testUtils__/baseline';
import { KnexEvidenceStore } from './KnexEvidenceStore';

jest.setTimeout(60_000);

/**
 * The reads that evaluating a service makes of a whole repository, or of thousands of tickets at
 * once.
 */
describe('reading a service’s evidence', () => {
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
});
