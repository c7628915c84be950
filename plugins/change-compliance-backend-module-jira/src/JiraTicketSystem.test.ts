import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  KnexEvidenceStore,
  StoreEvidenceSink,
} from '@change-compliance/plugin-change-compliance-backend/testUtils';
import {
  createSimulator,
  DEMO_CREDENTIALS,
  Organisation,
  parseScenario,
  Simulator,
} from '@internal/upstream-simulator';
import { Knex } from 'knex';
import { ticketSystemForSimulator } from './__testUtils__/simulatedJira';
import { JiraTicketSystem } from './JiraTicketSystem';

jest.setTimeout(60_000);

const NOW = '2026-11-20T12:00:00.000Z';
const HOUR = 60 * 60 * 1000;
const at = (hoursBeforeNow: number) =>
  new Date(Date.parse(NOW) - hoursBeforeNow * HOUR).toISOString();

/**
 * 150 PAY tickets, each moved to In Progress by its reporter and approved by the CAB's Grace,
 * linking back to its PR; one ACC ticket rejected, then approved; one ticket of a project the
 * policy does not name. Issue `PAY-n` was last updated `n` hours before now.
 */
function organisation(extraTransition?: {
  key: string;
  to: string;
  by: string;
  at: string;
}): Organisation {
  const pay = Array.from({ length: 150 }, (_, i) => {
    const n = i + 1;
    const transitions = [
      { to: 'In Progress', by: 'alice-nakamura', at: at(n + 48) },
      { to: 'Approved', by: 'grace-mensah', at: at(n) },
    ];
    if (extraTransition?.key === `PAY-${n}`) {
      const { key: _key, ...transition } = extraTransition;
      transitions.push(transition);
    }
    return {
      key: `PAY-${n}`,
      summary: `Change ${n}`,
      description: `Change ${n} for payments.\n\nSecond paragraph.`,
      reporter: 'alice-nakamura',
      createdAt: at(n + 72),
      justification: 'Reduces incident risk.',
      implementationPlan: 'Deploy through the pipeline.',
      rollbackPlan: n === 3 ? 'TBD' : 'Redeploy the previous release.',
      transitions,
      links: [`northwind/payments-api#${n}`],
    };
  });
  return parseScenario(
    JSON.stringify({
      now: NOW,
      people: [
        { login: 'alice-nakamura', name: 'Alice Nakamura' },
        { login: 'grace-mensah', name: 'Grace Mensah' },
      ],
      jira: {
        projects: [
          { key: 'PAY', name: 'Payments' },
          { key: 'ACC', name: 'Accounts' },
          { key: 'WEB', name: 'Web' },
          { key: 'PLAT', name: 'Platform' },
          { key: 'OPS', name: 'Operations' },
        ],
        issues: [
          ...pay,
          {
            key: 'ACC-1',
            summary: 'Rotate signing keys',
            reporter: 'alice-nakamura',
            createdAt: at(400),
            transitions: [
              { to: 'Rejected', by: 'grace-mensah', at: at(300) },
              { to: 'In Progress', by: 'alice-nakamura', at: at(250) },
              { to: 'Approved', by: 'grace-mensah', at: at(200) },
            ],
          },
          {
            key: 'OPS-1',
            summary: 'Not a policy project',
            reporter: 'alice-nakamura',
            createdAt: at(10),
          },
        ],
      },
    }),
  );
}

const PAY_KEYS = Array.from({ length: 150 }, (_, i) => `PAY-${i + 1}`);

describe('JiraTicketSystem against the simulated Jira', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let simulator: Simulator;
  let base: string;
  let knex: Knex;
  let store: KnexEvidenceStore;
  let evaluations: { refs: string[]; cause: string }[];

  async function connected(system: JiraTicketSystem) {
    await system.connect(
      new StoreEvidenceSink(store, async (refs, cause) => {
        evaluations.push({ refs, cause });
      }),
    );
    return system;
  }

  const requests = (route: string) =>
    simulator.requestLog.total({ routePrefix: route });

  beforeEach(async () => {
    simulator = createSimulator({ organisation: organisation() });
    base = await simulator.listen();
    knex = await databases.init('SQLITE_3');
    store = await KnexEvidenceStore.create({
      database: { getClient: async () => knex, migrations: { skip: false } },
    });
    await store.upsertServices([
      {
        entityRef: 'component:default/payments-api',
        repositorySlug: 'northwind/payments-api',
        ticketProjectKey: 'PAY',
        sourcePaths: null,
      },
      {
        entityRef: 'component:default/runbooks',
        repositorySlug: 'northwind/runbooks',
        ticketProjectKey: null,
        sourcePaths: null,
      },
    ]);
    evaluations = [];
  });

  afterEach(async () => {
    await simulator.close();
    await knex.destroy();
  });

  it('fetches the tickets of 151 keys in two searches, and ignores keys it does not hold', async () => {
    const system = await connected(
      ticketSystemForSimulator(base, { now: NOW }),
    );
    await system.fetchTickets([
      ...PAY_KEYS,
      'ACC-1',
      'OPS-1',
      'CHG0001234',
      'northwind/web#3',
    ]);

    expect(requests('POST /jira/rest/api/3/search/jql')).toBe(2);
    // Remote links have no bulk read in Jira: one request per issue.
    expect(requests('/remotelink')).toBe(151);
    expect(requests('/changelog')).toBe(0);
    expect(simulator.requestLog.total()).toBe(153);

    const tickets = await store.getTickets([...PAY_KEYS, 'ACC-1', 'OPS-1']);
    expect(Object.keys(tickets)).toHaveLength(151);
    expect(tickets['OPS-1']).toBeUndefined();
    expect(tickets['PAY-3']).toMatchObject({
      system: 'jira',
      key: 'PAY-3',
      url: `${base}/jira/browse/PAY-3`,
      fields: {
        description: 'Change 3 for payments.\n\nSecond paragraph.',
        reporter: 'Alice Nakamura',
        customfield_10101: 'Reduces incident risk.',
        customfield_10102: 'Deploy through the pipeline.',
        customfield_10103: 'TBD',
      },
      links: ['https://github.com/northwind/payments-api/pull/3'],
    });
    expect(tickets['PAY-3'].statusHistory.map(s => s.to)).toEqual([
      'In Progress',
      'Approved',
    ]);

    const approvals = await store.getApprovals({
      ticketKeys: ['PAY-3', 'ACC-1'],
      deploymentIds: [],
    });
    expect(
      approvals
        .map(a => `${a.scope.ticketKey} ${a.state} ${a.approvedAt}`)
        .sort(),
    ).toEqual([
      `ACC-1 approved ${at(200)}`,
      `ACC-1 rejected ${at(300)}`,
      `PAY-3 approved ${at(3)}`,
    ]);
    const grace = approvals.find(a => a.scope.ticketKey === 'PAY-3')!;
    expect(grace).toMatchObject({
      source: 'jira-transition',
      approver: {
        email: 'grace-mensah@northwind.example',
        login: expect.stringMatching(/^jira:5f/),
      },
    });
  });

  it('leaves out a key Jira does not know and reads the rest of its batch', async () => {
    const system = await connected(
      ticketSystemForSimulator(base, { now: NOW }),
    );
    await system.fetchTickets(['PAY-1', 'PAY-999', 'PAY-2']);

    expect(
      Object.keys(await store.getTickets(['PAY-1', 'PAY-2', 'PAY-999'])),
    ).toEqual(expect.arrayContaining(['PAY-1', 'PAY-2']));
    expect(await store.getTickets(['PAY-999'])).toEqual({});
    // The first search was refused for naming PAY-999; the second one asked for the others.
    expect(requests('POST /jira/rest/api/3/search/jql')).toBe(2);
  });

  it('reads Data Center (REST v2, offset search, personal access token) to the same evidence as Cloud', async () => {
    const cloud = await connected(ticketSystemForSimulator(base, { now: NOW }));
    await cloud.fetchTickets([...PAY_KEYS, 'ACC-1']);
    const fromCloud = await store.getTickets([...PAY_KEYS, 'ACC-1']);
    const cloudApprovals = await store.getApprovals({
      ticketKeys: [...PAY_KEYS, 'ACC-1'],
      deploymentIds: [],
    });
    await knex('tickets').delete();
    await knex('approvals').delete();
    simulator.requestLog.reset();

    const dataCenter = await connected(
      ticketSystemForSimulator(base, {
        now: NOW,
        jira: {
          email: null,
          apiToken: null,
          personalAccessToken: DEMO_CREDENTIALS.jira.apiToken,
        },
      }),
    );
    await dataCenter.fetchTickets([...PAY_KEYS, 'ACC-1', 'PAY-999']);

    expect(requests('POST /jira/rest/api/2/search')).toBe(2);
    expect(requests('/rest/api/3/')).toBe(0);
    expect(await store.getTickets([...PAY_KEYS, 'ACC-1'])).toEqual(fromCloud);
    expect(
      await store.getApprovals({
        ticketKeys: [...PAY_KEYS, 'ACC-1'],
        deploymentIds: [],
      }),
    ).toEqual(cloudApprovals);
  });

  it("syncs each policy project's issues updated since its cursor, and asks for the affected services to be evaluated", async () => {
    const system = await connected(
      ticketSystemForSimulator(base, { now: NOW }),
    );
    expect(await system.syncAll()).toEqual({
      projects: 4,
      tickets: 151,
      failed: [],
    });
    expect(requests('GET /jira/rest/api/3/myself')).toBe(1);
    expect(await store.getSyncState('jira', 'PAY')).toMatchObject({
      cursor: at(1),
    });
    expect(Object.keys(await store.getTickets(['OPS-1']))).toEqual([]);
    expect(evaluations).toEqual([
      {
        refs: ['component:default/payments-api'],
        cause: 'Jira sync of PAY, ACC, WEB, PLAT',
      },
    ]);

    // Later, PAY-40 moves on; nothing else changes.
    simulator.setOrganisation(
      organisation({
        key: 'PAY-40',
        to: 'Done',
        by: 'alice-nakamura',
        at: NOW,
      }),
    );
    simulator.requestLog.reset();
    const later = await system.syncAll();

    // PAY-40; and PAY-1 and ACC-1 again: each was its project's latest update, in the minute
    // its cursor names, and JQL reads that minute whole.
    expect(later).toEqual({ projects: 4, tickets: 3, failed: [] });
    expect(requests('POST /jira/rest/api/3/search/jql')).toBe(4);
    expect(requests('/remotelink')).toBe(3);
    expect(requests('/myself')).toBe(0);
    expect(await store.getSyncState('jira', 'PAY')).toMatchObject({
      cursor: NOW,
    });
    expect(
      (await store.getTickets(['PAY-40']))['PAY-40'].statusHistory.map(
        s => s.to,
      ),
    ).toEqual(['In Progress', 'Approved', 'Done']);
  });

  it('rides out server errors, cut-off and garbled bodies, and waits as long as Jira asks', async () => {
    const waits: number[] = [];
    const system = await connected(
      ticketSystemForSimulator(base, {
        now: NOW,
        requestPolicy: {
          sleep: async ms => {
            waits.push(ms);
          },
        },
      }),
    );
    simulator.faults.set([
      {
        path: '/jira/rest/api/3/search',
        kind: 'too-many-requests',
        times: 1,
        retryAfterSeconds: 4,
      },
      { path: '/jira/rest/api/3/search', kind: 'truncated', times: 1 },
      { path: '/remotelink', kind: 'malformed', times: 2 },
      { path: '/jira/.*', kind: 'status-502', rate: 0.2 },
      { path: '/remotelink', kind: 'status-503', rate: 0.1 },
    ]);
    await system.fetchTickets([...PAY_KEYS, 'ACC-1']);
    const injected = Object.fromEntries(
      simulator.faults.hits().map(h => [h.kind, h.hits]),
    );
    expect(injected).toMatchObject({
      'too-many-requests': 1,
      truncated: 1,
      malformed: 2,
    });
    expect(injected['status-502']).toBeGreaterThan(10);
    expect(waits).toContain(4000);

    const withFaults = await store.getTickets([...PAY_KEYS, 'ACC-1']);
    await knex('tickets').delete();
    simulator.faults.clear();
    await system.fetchTickets([...PAY_KEYS, 'ACC-1']);
    expect(withFaults).toEqual(await store.getTickets([...PAY_KEYS, 'ACC-1']));
  });

  it('gives up at once on a refused credential, and says so without the credential', async () => {
    const logger = mockServices.logger.mock();
    const system = await connected(
      ticketSystemForSimulator(base, {
        now: NOW,
        logger,
        jira: { apiToken: 'not-the-token-0000' },
      }),
    );
    const failure = await system.fetchTickets(['PAY-1']).then(
      () => undefined,
      error => error as Error,
    );
    expect(failure?.message).toBe(
      'Jira could not answer POST /rest/api/3/search/jql: You are not authenticated. Authentication required to perform this operation.',
    );
    // Not retried: a credential Jira refuses stays refused.
    expect(simulator.requestLog.total()).toBe(1);

    const summary = await system.syncAll();
    expect(summary.failed).toEqual(['PAY', 'ACC', 'WEB', 'PLAT']);
    const said = JSON.stringify([
      failure,
      Object.entries(failure ?? {}),
      ...[logger.warn, logger.error, logger.info, logger.debug].map(
        fn => (fn as jest.Mock).mock.calls,
      ),
      await store.getSyncState('jira', 'PAY'),
      await knex('source_sync_state').select(),
    ]);
    expect(said).not.toContain('not-the-token-0000');
    expect(said).not.toContain(
      Buffer.from('portal@northwind.example:not-the-token-0000').toString(
        'base64',
      ),
    );
  });
});
