import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  CatalogIdentities,
  ChangePolicy,
  DEFAULT_POLICY,
  evaluateService,
  KnexEvidenceStore,
  StoreEvidenceSink,
} from '@change-compliance/plugin-change-compliance-backend/testUtils';
import { EvidenceSink } from '@change-compliance/plugin-change-compliance-node';
import {
  createSimulator,
  Issue,
  Organisation,
  Simulator,
} from '@internal/upstream-simulator';
import { Knex } from 'knex';
import {
  demoCatalogFor,
  getAsUser,
  GITHUB_SYNC_TASK,
  listDeployments,
  startScenarioBackend,
  windowDaysFor,
} from '../__testUtils__/scenarioBackend';
import {
  integrationsFor,
  providerForSimulator,
  scenario,
} from '../__testUtils__/simulatedGithub';
import { GithubClients } from '../GithubClients';
import { githubIssuesFromConfig } from './githubIssuesFromConfig';
import { GithubIssuesTicketSystem } from './GithubIssuesTicketSystem';

jest.setTimeout(60_000);

const SERVICE = 'component:default/payments-api';
const REPOSITORY = 'northwind/payments-api';
const ISSUES_SYNC_TASK = 'change-compliance-github-issues-sync';

/** The policy test/simulator/scenarios/github-issues.yaml assumes. */
const POLICY_CONFIG = {
  ticketProjects: [
    { system: 'github-issues', key: 'PAYMENTS', repositories: [REPOSITORY] },
  ],
  approverGroups: ['group:default/change-advisory-board'],
};
const POLICY: ChangePolicy = {
  ...DEFAULT_POLICY,
  ...POLICY_CONFIG,
};

/** GitHub Issues as the module builds it from the portal's config, pointed at the simulator. */
function ticketSystemFor(
  simulatorUrl: string,
  organisation: Organisation,
): GithubIssuesTicketSystem {
  const config = new ConfigReader({
    integrations: integrationsFor(simulatorUrl),
    changeCompliance: {
      windowDays: windowDaysFor(organisation),
      policy: POLICY_CONFIG,
    },
  });
  const system = githubIssuesFromConfig({
    config,
    clients: GithubClients.fromConfig(config),
    host: new URL(simulatorUrl).host,
    logger: mockServices.logger.mock(),
    scheduler: mockServices.scheduler.mock(),
  });
  if (!system) throw new Error('The policy lists GitHub issues');
  return system;
}

/** A sink that counts what is written through it. */
function countingSink(sink: EvidenceSink) {
  const writes = { tickets: 0, approvals: 0, evaluations: [] as string[] };
  const counting: EvidenceSink = Object.create(sink);
  counting.upsertTickets = async tickets => {
    writes.tickets += tickets.length;
    await sink.upsertTickets(tickets);
  };
  counting.upsertApprovals = async approvals => {
    writes.approvals += approvals.length;
    await sink.upsertApprovals(approvals);
  };
  counting.requestEvaluation = async (refs, cause) => {
    writes.evaluations.push(`${refs.join(',')}: ${cause}`);
  };
  return { sink: counting, writes };
}

describe('GitHub Issues as tickets, against the simulated GitHub', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let knex: Knex;
  let simulator: Simulator;
  let organisation: Organisation;
  let store: KnexEvidenceStore;
  let ticketSystem: GithubIssuesTicketSystem;
  let writes: ReturnType<typeof countingSink>['writes'];

  async function start(served: Organisation) {
    organisation = served;
    simulator = createSimulator({ organisation });
    const base = await simulator.listen();
    ticketSystem = ticketSystemFor(base, organisation);
    const counting = countingSink(new StoreEvidenceSink(store, async () => {}));
    writes = counting.writes;
    await ticketSystem.connect(counting.sink);
    return base;
  }

  beforeEach(async () => {
    knex = await databases.init('SQLITE_3');
    store = await KnexEvidenceStore.create({
      database: { getClient: async () => knex, migrations: { skip: false } },
    });
    await store.upsertServices([
      {
        entityRef: SERVICE,
        repositorySlug: REPOSITORY,
        ticketProjectKey: null,
        sourcePaths: null,
      },
    ]);
  });

  afterEach(async () => {
    await simulator.close();
    await knex.destroy();
  });

  const issueRequests = () =>
    simulator.requestLog.total({ routePrefix: 'graphql Issue' }) +
    simulator.requestLog.total({ routePrefix: 'graphql UpdatedIssues' }) +
    simulator.requestLog.total({ routePrefix: 'graphql MoreIssueTimeline' });

  it('gives the verdicts the scenario file expects, fetching the issues new changes reference at once, in one request', async () => {
    const base = await start(scenario('github-issues'));
    // The changes and deployments, from the GitHub sync; no issue has been synced yet.
    const github = providerForSimulator(base, organisation.now);
    await github.connect(new StoreEvidenceSink(store, async () => {}));
    await github.syncAll();
    simulator.requestLog.reset();

    await evaluateService({
      store,
      policy: POLICY,
      service: {
        entityRef: SERVICE,
        repository: REPOSITORY,
        owningGroups: ['group:default/payments-team'],
        ticketSystems: ['github-issues'],
      },
      windowStart: '2026-06-01T00:00:00.000Z',
      evaluatedAt: organisation.now,
      cause: 'test',
      identities: CatalogIdentities.fromEntities(demoCatalogFor(organisation)),
      fetchTickets: keys => ticketSystem.fetchTickets(keys),
    });

    // Eleven issues, one request: the tickets of every change, before they are judged.
    expect(simulator.requestLog.snapshot()).toEqual({
      default: { 'POST /api/graphql IssuesByNumber': 1 },
    });
    const reasons: Record<number, string> = {};
    for (const expected of organisation.expected) {
      const evaluation = (await store.getEvaluation(
        `github/${expected.deploymentId}`,
      ))!;
      const checks = Object.fromEntries(
        evaluation.checks.map(c => [c.checkId, c.status]),
      );
      expect(`${expected.deploymentId}: ${JSON.stringify(checks)}`).toBe(
        `${expected.deploymentId}: ${JSON.stringify(
          Object.fromEntries(
            evaluation.checks.map(c => [c.checkId, expected.checks[c.checkId]]),
          ),
        )}`,
      );
      expect(evaluation.verdict).toBe(expected.verdict);
      const failing = evaluation.checks.find(c => c.status === 'fail');
      if (failing) reasons[expected.deploymentId] = failing.reason;
    }
    expect(reasons).toEqual({
      2: expect.stringMatching(/payments-api#2 lacks rollback procedure/),
      3: expect.stringMatching(
        /payments-api#3 lacks business justification, rollback procedure/,
      ),
      4: expect.stringMatching(
        /grace-mensah.* approved only after the deployment/,
      ),
      5: expect.stringMatching(/grace-mensah.* approved their own change/),
      6: expect.stringMatching(/approval was followed by a rejection/),
      7: expect.stringMatching(/payments-api#7 do not link back/),
      9: expect.stringMatching(/bob-okafor.* is not an authorised approver/),
    });
  });

  it('reads `#8` and `owner/name#8` as one ticket, stored under the policy’s spelling; other keys are not its own', async () => {
    await start(scenario('github-issues'));

    await ticketSystem.fetchTickets([
      'northwind/payments-api#8',
      'Northwind/Payments-API#1',
      'PAY-12',
      'CHG0012345',
      'northwind/ledger#3',
      // A pull request's number: GitHub has no issue of that number.
      'northwind/payments-api#21',
      'northwind/payments-api#404',
    ]);

    expect(issueRequests()).toBe(1);
    const tickets = await store.getTickets([
      'northwind/payments-api#1',
      'northwind/payments-api#8',
      'northwind/payments-api#21',
    ]);
    expect(Object.keys(tickets).sort()).toEqual([
      'northwind/payments-api#1',
      'northwind/payments-api#8',
    ]);
    expect(tickets['northwind/payments-api#8']).toMatchObject({
      system: 'github-issues',
      url: expect.stringMatching(/\/northwind\/payments-api\/issues\/8$/),
      fields: {
        Description: expect.stringMatching(/half-even/),
        'Rollback plan': 'Redeploy the previous release from the pipeline.',
        author: 'alice-nakamura',
      },
      links: ['northwind/payments-api#28'],
    });
    expect(
      await store.getApprovals({
        ticketKeys: ['northwind/payments-api#8'],
        deploymentIds: [],
      }),
    ).toEqual([
      expect.objectContaining({
        source: 'github-issue-label',
        approver: { login: 'priya-raman', type: 'User' },
        approvedAt: '2026-10-16T10:00:00.000Z',
        state: 'approved',
      }),
    ]);
  });

  it('syncs every issue once, reads one request and writes nothing when idle, and then only what changed', async () => {
    await start(scenario('github-issues'));

    expect(await ticketSystem.syncAll()).toEqual({
      repositories: 1,
      failed: [],
    });
    expect(writes.tickets).toBe(11);
    expect(writes.evaluations).toEqual([
      `${SERVICE}: GitHub Issues sync of ${REPOSITORY}`,
    ]);
    const [status] = (await store.listSourceStatus()).filter(
      s => s.provider === 'github-issues',
    );
    expect(status).toMatchObject({ scope: REPOSITORY, lastError: null });

    simulator.requestLog.reset();
    const before = { ...writes, evaluations: [...writes.evaluations] };
    await ticketSystem.syncAll();
    expect(simulator.requestLog.snapshot()).toEqual({
      default: { 'POST /api/graphql UpdatedIssues': 1 },
    });
    expect(writes).toEqual(before);

    // A CAB member approves issue 7 now: the next sync reads and writes that issue alone.
    const issue7 = simulator
      .organisation()
      .repositories[0].issues!.find(i => i.number === 7)!;
    issue7.timeline.push({
      kind: 'unlabeled',
      label: 'change-approved',
      actor: 'priya-raman',
      at: '2026-11-20T11:00:00Z',
    });
    issue7.updatedAt = '2026-11-20T11:00:00Z';
    simulator.requestLog.reset();
    await ticketSystem.syncAll();
    expect(issueRequests()).toBe(1);
    expect(writes.tickets).toBe(before.tickets + 1);
    expect(
      await store.getApprovals({
        ticketKeys: ['northwind/payments-api#7'],
        deploymentIds: [],
      }),
    ).toEqual([
      expect.objectContaining({ state: 'approved' }),
      expect.objectContaining({
        state: 'rejected',
        approver: { login: 'priya-raman', type: 'User' },
      }),
    ]);
  });

  it('fetches 150 issues in two requests, and an issue with more events than a page whole', async () => {
    const served = scenario('github-issues');
    const extra: Issue[] = Array.from({ length: 150 }, (_, i) => ({
      number: 101 + i,
      title: `Change ${101 + i}`,
      body: '## Description\nA change',
      author: 'alice-nakamura',
      createdAt: '2026-11-01T09:00:00Z',
      updatedAt: '2026-11-01T09:00:00Z',
      state: 'open',
      labels: [],
      timeline: [],
    }));
    // 130 label events: the first page holds 100, the rest are read for this issue alone.
    extra[0].timeline = Array.from({ length: 130 }, (_, i) => ({
      kind: i % 2 === 0 ? 'labeled' : 'unlabeled',
      label: 'change-approved',
      actor: 'grace-mensah',
      at: new Date(Date.UTC(2026, 10, 2) + i * 60_000).toISOString(),
    }));
    served.repositories[0].issues!.push(...extra);
    await start(served);

    await ticketSystem.fetchTickets(
      extra.map(issue => `${REPOSITORY}#${issue.number}`),
    );

    expect(simulator.requestLog.snapshot()).toEqual({
      default: {
        'POST /api/graphql IssuesByNumber': 2,
        'POST /api/graphql MoreIssueTimeline': 1,
      },
    });
    expect(writes.tickets).toBe(150);
    expect(writes.approvals).toBe(130);
  });
});

describe('GitHub Issues in the backend, with the scenario file', () => {
  it('is the ticket system where the policy lists repositories, and fetches the tickets of synced changes before they are judged', async () => {
    const organisation = scenario('github-issues');
    const simulator = createSimulator({ organisation });
    const simulatorUrl = await simulator.listen();
    const backend = await startScenarioBackend({
      simulatorUrl,
      organisation,
      policy: POLICY_CONFIG,
    });
    try {
      const health = await getAsUser<{
        providers: { ticketSystems: string[] };
      }>(backend.baseUrl, '/health');
      expect(health.providers.ticketSystems).toEqual(['github-issues']);

      // Only the GitHub sync: the issues its changes reference are fetched for the evaluation.
      await backend.scheduler.triggerTask(GITHUB_SYNC_TASK);
      const listed = await listDeployments(backend.baseUrl, SERVICE, {
        from: '2026-10-01T00:00:00Z',
        to: '2026-10-31T00:00:00Z',
      });
      expect(Object.fromEntries(listed.map(d => [d.id, d.verdict]))).toEqual(
        Object.fromEntries(
          organisation.expected.map(e => [
            `github/${e.deploymentId}`,
            e.verdict,
          ]),
        ),
      );

      await backend.scheduler.triggerTask(ISSUES_SYNC_TASK);
      const { sources } = await getAsUser<{
        sources: Array<{ provider: string; scope: string; lastError: null }>;
      }>(backend.baseUrl, '/sources');
      expect(sources.filter(s => s.provider === 'github-issues')).toEqual([
        expect.objectContaining({ scope: REPOSITORY, lastError: null }),
      ]);
    } finally {
      await backend.stop();
      await simulator.close();
    }
  });
});
