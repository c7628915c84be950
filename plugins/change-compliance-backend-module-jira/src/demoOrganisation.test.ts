import path from 'node:path';
import { TestDatabases } from '@backstage/backend-test-utils';
import { generateDemoOrganisation } from '@internal/upstream-simulator';
import {
  describeConfusion,
  judgeOrganisation,
} from './__testUtils__/judgeOrganisation';
import { REPOSITORY_ROOT } from './__testUtils__/simulatedJira';

jest.setTimeout(180_000);

/**
 * The demo organisation `make start` shows, its tickets read from the simulated Jira over HTTP
 * by this module: every check of every deployment against the simulator's answer key.
 */
describe('the demo organisation, with its tickets from the simulated Jira, judged', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('agrees with the answer key on every deployment, the ticket checks included', async () => {
    const organisation = generateDemoOrganisation({
      examplesDirectory: path.join(REPOSITORY_ROOT, 'examples'),
      seed: 42,
      now: '2026-11-20T00:00:00.000Z',
    });
    const knex = await databases.init('SQLITE_3');
    try {
      const judged = await judgeOrganisation(organisation, knex, async jira => {
        // The scheduled sync then finds what the fetches stored: it changes none of it. (It also
        // stores the tickets of services not judged here, GitLab's and Argo CD's.)
        const stored = await knex('tickets')
          .select('key', 'fields', 'links')
          .orderBy('key');
        expect((await jira.syncAll()).failed).toEqual([]);
        expect(
          await knex('tickets')
            .whereIn(
              'key',
              stored.map(t => t.key),
            )
            .select('key', 'fields', 'links')
            .orderBy('key'),
        ).toEqual(stored);
      });
      const route = (part: string) =>
        Object.entries(judged.jiraRequests)
          .filter(([name]) => name.includes(part))
          .reduce((n, [, count]) => n + count, 0);
      // eslint-disable-next-line no-console
      console.log(
        `${organisation.expected.length} deployments, ${
          organisation.jira.issues.length
        } Jira issues; at evaluation the Jira module made ${route(
          '/search',
        )} searches and ${route(
          '/remotelink',
        )} remote link reads\n${describeConfusion(judged.confusion)}`,
      );
      expect(organisation.expected.length).toBeGreaterThan(500);
      expect(judged.disagreements).toEqual([]);
    } finally {
      await knex.destroy();
    }
  });
});
