/*
 * Jira request budget: how many requests the Jira module spends to fetch the tickets of 1,000
 * changes, counted by the upstream simulator's request log. One generated service whose merged
 * PRs and direct pushes each reference a Jira ticket of its project; the module's
 * `fetchTickets` is asked for every referenced key at once, as the backend asks it when a sync
 * brought changes whose tickets it does not have, into SQLite. Then, for comparison, the
 * scheduled sync of the same project, first and idle.
 *
 *   yarn workspace @internal/bench bench:jira-budget
 *   yarn workspace @internal/bench bench:jira-budget --changes 1000
 */
import { generateLargeOrganisation } from '@internal/upstream-simulator/src/generator/large';
import {
  createSimulator,
  DEMO_CREDENTIALS,
  MOUNTS,
  Organisation,
} from '@internal/upstream-simulator';
import {
  KnexEvidenceStore,
  StoreEvidenceSink,
} from '@change-compliance/plugin-change-compliance-backend/testUtils';
import { JiraTicketSystem } from '@change-compliance/plugin-change-compliance-backend-module-jira';
import { ConfigReader } from '@backstage/config';
import knexFactory from 'knex';
import { argument } from './arguments';
import { silentLogger } from './silentLogger';

const wantedChanges = Number(argument('changes', '1000'));
const NOW = '2026-11-20T00:00:00.000Z';

/** The ticket keys each change (merged PR or direct push) of the repository references. */
function referencedKeys(organisation: Organisation, project: string) {
  const key = new RegExp(`\\b${project}-[1-9][0-9]*\\b`, 'g');
  const repository = organisation.repositories[0];
  const messages = new Map(repository.commits.map(c => [c.sha, c.message]));
  const ofPullRequests = new Set(
    repository.pullRequests.flatMap(pr => [
      ...pr.commits,
      ...(pr.landedCommits ?? []),
      ...(pr.mergeCommitSha ? [pr.mergeCommitSha] : []),
    ]),
  );
  const changes = [
    ...repository.pullRequests
      .filter(pr => pr.mergedAt)
      .map(pr =>
        [
          pr.title,
          pr.body,
          pr.headBranch,
          ...pr.commits.map(sha => messages.get(sha) ?? ''),
        ].join('\n'),
      ),
    // Direct pushes: commits on the branch that no PR brought.
    ...repository.commits
      .filter(c => c.parents.length === 1 && !ofPullRequests.has(c.sha))
      .map(c => c.message),
  ]
    .map(text => text.match(key) ?? [])
    .filter(keys => keys.length > 0);
  return { changes: changes.length, keys: [...new Set(changes.flat())] };
}

/** One generated service with at least the wanted number of changes that reference a ticket. */
function serviceWithChanges(): { organisation: Organisation; project: string } {
  for (let deployments = wantedChanges / 2; ; deployments *= 1.25) {
    let organisation: Organisation | undefined;
    generateLargeOrganisation(
      { seed: 7, now: NOW, services: 1, deployments: Math.round(deployments) },
      generated => {
        organisation = generated;
      },
    );
    const project = organisation!.jira.projects[0].key;
    if (referencedKeys(organisation!, project).changes >= wantedChanges) {
      return { organisation: organisation!, project };
    }
  }
}

async function main() {
  const { organisation, project } = serviceWithChanges();
  const referenced = referencedKeys(organisation, project);
  const simulator = createSimulator({ organisation });
  const base = await simulator.listen();
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  try {
    const store = await KnexEvidenceStore.create({
      database: { getClient: async () => knex, migrations: { skip: false } },
    });
    const jira = JiraTicketSystem.fromConfig(
      new ConfigReader({
        changeCompliance: {
          windowDays: 365,
          jira: {
            baseUrl: `${base}${MOUNTS.jira}`,
            email: DEMO_CREDENTIALS.jira.email,
            apiToken: DEMO_CREDENTIALS.jira.apiToken,
            approvedStatuses: ['Approved'],
          },
          policy: {
            ticketProjects: [{ system: 'jira', key: project }],
            ticketFieldMapping: {
              jira: {
                justification: 'customfield_10101',
                implementationPlan: 'customfield_10102',
                rollbackPlan: 'customfield_10103',
              },
            },
          },
        },
      }),
      { logger: silentLogger, now: () => new Date(NOW) },
    );
    await jira.connect(new StoreEvidenceSink(store, async () => {}));

    simulator.requestLog.label('fetch');
    let started = Date.now();
    await jira.fetchTickets(referenced.keys);
    const fetchSeconds = (Date.now() - started) / 1000;
    const stored = Object.keys(await store.getTickets(referenced.keys)).length;

    simulator.requestLog.label('first-sync');
    started = Date.now();
    await jira.syncAll();
    const syncSeconds = (Date.now() - started) / 1000;
    simulator.requestLog.label('idle-sync');
    await jira.syncAll();

    const count = (label: string, route?: string) =>
      simulator.requestLog.total({ label, routePrefix: route });
    const split = (label: string) => ({
      total: count(label),
      searches: count(label, '/search'),
      remoteLinks: count(label, '/remotelink'),
      changelogs: count(label, '/changelog'),
    });
    console.log(
      JSON.stringify(
        {
          node: process.version,
          organisation: {
            changesReferencingTickets: referenced.changes,
            referencedKeys: referenced.keys.length,
            jiraIssues: organisation.jira.issues.length,
          },
          storedTickets: stored,
          requests: {
            fetchTickets: split('fetch'),
            firstSync: split('first-sync'),
            idleSync: split('idle-sync'),
          },
          routes: simulator.requestLog.snapshot('fetch'),
          seconds: { fetchTickets: fetchSeconds, firstSync: syncSeconds },
        },
        null,
        2,
      ),
    );
  } finally {
    await knex.destroy();
    await simulator.close();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
