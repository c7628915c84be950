import { TestDatabases } from '@backstage/backend-test-utils';
import {
  KnexEvidenceStore,
  StoreEvidenceSink,
} from '@change-compliance/plugin-change-compliance-backend/testUtils';
import { createSimulator } from '@internal/upstream-simulator';
import {
  providerForSimulator,
  scenario,
} from './__testUtils__/simulatedGithub';

describe('a round of syncs when the token’s budget runs out', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('stops at the first repository that meets the limit and leaves the rest for the next round', async () => {
    const organisation = scenario('github-evidence-cases');
    const slugs = organisation.repositories.map(r => `${r.owner}/${r.name}`);
    expect(slugs).toHaveLength(2);
    // Each token may make 1 request an hour (REST and GraphQL each); a first sync needs more.
    const simulator = createSimulator({ organisation, githubRateLimit: 1 });
    const base = await simulator.listen();
    const knex = await databases.init('SQLITE_3');
    try {
      const store = await KnexEvidenceStore.create({
        database: { getClient: async () => knex, migrations: { skip: false } },
      });
      await store.upsertServices(
        slugs.map(slug => ({
          entityRef: `component:default/${slug.split('/')[1]}`,
          repositorySlug: slug,
          ticketProjectKey: null,
          sourcePaths: null,
        })),
      );
      const provider = providerForSimulator(base, organisation.now, {
        reserve: 0,
      });
      await provider.connect(new StoreEvidenceSink(store, async () => {}));

      const round = await provider.syncAll();

      expect(round.repositories).toBe(2);
      expect([...round.failed].sort()).toEqual([...slugs].sort());
      // Only the first repository was tried; it failed on the limit, its cursor unmoved. The
      // second has no sync recorded at all: GitHub was not asked again.
      expect(await store.listSyncRounds()).toEqual([
        expect.objectContaining({ total: 2, done: 1, failed: 1 }),
      ]);
      const statuses = await store.listSourceStatus();
      expect(statuses).toEqual([
        expect.objectContaining({
          scope: round.failed[0],
          cursor: null,
          lastError: expect.stringMatching(/rate limit exhausted/),
        }),
      ]);
    } finally {
      await simulator.close();
      await knex.destroy();
    }
  });
});
