/*
 * GitHub request budget: how many requests the GitHub module spends on one repository with 1,000
 * merged PRs (each with its reviews and commits) and its deployments, counted by the upstream
 * simulator's request log. Three runs against the same simulated repository, into SQLite:
 *
 *   1. the module's initial sync (first sight of the repository: the whole window);
 *   2. the module's re-sync of the now idle repository;
 *   3. the naive REST read of the same evidence, for comparison: the list of closed PRs, then
 *      reviews and commits per merged PR, then deployments and the statuses of each.
 *
 *   yarn workspace @internal/bench bench:github-budget
 *   yarn workspace @internal/bench bench:github-budget --pull-requests 1000
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
import {
  GithubClients,
  GithubEvidenceProvider,
} from '@change-compliance/plugin-change-compliance-backend-module-github';
import { ConfigReader } from '@backstage/config';
import { Octokit } from '@octokit/rest';
import knexFactory from 'knex';
import { argument } from './arguments';
import { silentLogger } from './silentLogger';

const wantedPullRequests = Number(argument('pull-requests', '1000'));
const NOW = '2026-11-20T00:00:00.000Z';

/** One generated service whose repository has at least the wanted number of merged PRs. */
function repositoryWithPullRequests(): Organisation {
  for (let deployments = wantedPullRequests / 2; ; deployments *= 1.25) {
    let organisation: Organisation | undefined;
    generateLargeOrganisation(
      {
        seed: 7,
        now: NOW,
        services: 1,
        deployments: Math.round(deployments),
        // Only PRs: a direct push costs one more request for its files, and is not a PR.
        rates: { 'direct-push': 0 },
      },
      generated => {
        organisation = generated;
      },
    );
    const merged = organisation!.repositories[0].pullRequests.filter(
      pr => pr.mergedAt,
    ).length;
    if (merged >= wantedPullRequests) return organisation!;
  }
}

async function main() {
  const organisation = repositoryWithPullRequests();
  const repository = organisation.repositories[0];
  const slug = `${repository.owner}/${repository.name}`;
  const simulator = createSimulator({
    organisation,
    githubRateLimit: 1_000_000,
  });
  const base = await simulator.listen();
  const host = new URL(base).host;
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  try {
    const store = await KnexEvidenceStore.create({
      database: { getClient: async () => knex, migrations: { skip: false } },
    });
    await store.upsertServices([
      {
        entityRef: `component:default/${repository.name}`,
        repositorySlug: slug,
        ticketProjectKey: null,
        sourcePaths: null,
      },
    ]);
    const provider = new GithubEvidenceProvider({
      clients: GithubClients.fromConfig(
        new ConfigReader({
          integrations: {
            github: [
              {
                host,
                apiBaseUrl: `${base}${MOUNTS.githubRest}`,
                token: DEMO_CREDENTIALS.githubToken,
              },
            ],
          },
        }),
      ),
      host,
      windowDays: 365,
      logger: silentLogger,
      now: () => new Date(NOW),
    });
    await provider.connect(new StoreEvidenceSink(store, async () => {}));

    simulator.requestLog.label('initial');
    let started = Date.now();
    const initial = await provider.syncAll();
    const initialSeconds = (Date.now() - started) / 1000;
    if (initial.failed.length > 0) throw new Error('The initial sync failed');

    simulator.requestLog.label('idle');
    await provider.syncAll();

    simulator.requestLog.label('naive');
    started = Date.now();
    await naiveRestRead(base, repository.owner, repository.name);
    const naiveSeconds = (Date.now() - started) / 1000;

    const stored = async (table: string) =>
      Number((await knex(table).count({ n: '*' }))[0].n);
    const count = (label: string) => simulator.requestLog.total({ label });
    console.log(
      JSON.stringify(
        {
          node: process.version,
          repository: {
            mergedPullRequests: repository.pullRequests.filter(p => p.mergedAt)
              .length,
            reviews: repository.pullRequests.reduce(
              (n, pr) => n + pr.reviews.length,
              0,
            ),
            commits: repository.commits.length,
            deployments: repository.deployments.length,
          },
          stored: {
            pullRequests: await stored('pull_requests'),
            reviews: await stored('reviews'),
            commits: await stored('commits'),
            deployments: await stored('deployments'),
          },
          requests: {
            initialSync: count('initial'),
            idleResync: count('idle'),
            naiveRest: count('naive'),
          },
          routes: simulator.requestLog.snapshot(),
          seconds: { initialSync: initialSeconds, naiveRest: naiveSeconds },
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

/** The evidence read the obvious REST way: a list call, then calls per PR and per deployment. */
async function naiveRestRead(base: string, owner: string, repo: string) {
  const octokit = new Octokit({
    baseUrl: `${base}${MOUNTS.githubRest}`,
    auth: DEMO_CREDENTIALS.githubToken,
  });
  const pulls = await octokit.paginate(octokit.rest.pulls.list, {
    owner,
    repo,
    state: 'closed',
    per_page: 100,
  });
  for (const pr of pulls.filter(p => p.merged_at)) {
    await octokit.paginate(octokit.rest.pulls.listReviews, {
      owner,
      repo,
      pull_number: pr.number,
      per_page: 100,
    });
    await octokit.paginate(octokit.rest.pulls.listCommits, {
      owner,
      repo,
      pull_number: pr.number,
      per_page: 100,
    });
  }
  const deployments = await octokit.paginate(
    octokit.rest.repos.listDeployments,
    {
      owner,
      repo,
      per_page: 100,
    },
  );
  for (const deployment of deployments) {
    await octokit.paginate(octokit.rest.repos.listDeploymentStatuses, {
      owner,
      repo,
      deployment_id: deployment.id,
      per_page: 100,
    });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
