import { TestDatabases } from '@backstage/backend-test-utils';
import {
  createSimulator,
  DEMO_CREDENTIALS,
  Organisation,
  Simulator,
} from '@internal/upstream-simulator';
import { Knex } from 'knex';
import {
  countingWrites,
  recordingFetch,
  recordingLogger,
  requestsByTable,
  scenario,
  storeOn,
  ticketSystemFor,
} from './__testUtils__/simulatedServiceNow';

jest.setTimeout(60_000);

const NOW = '2026-11-20T12:00:00.000Z';

/** The tables a ServiceNow sync writes, as sorted rows, without when they were written. */
async function storedEvidence(knex: Knex) {
  const rows = async (table: string) =>
    (await knex(table).select())
      .map(({ updated_at: _written, ...row }) => JSON.stringify(row))
      .sort();
  return { tickets: await rows('tickets'), approvals: await rows('approvals') };
}

describe('ServiceNowTicketSystem, syncing from the simulated ServiceNow', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let simulator: Simulator;
  let base: string;
  let organisation: Organisation;

  beforeEach(async () => {
    organisation = scenario('servicenow-change-requests');
    simulator = createSimulator({ organisation });
    base = await simulator.listen();
  });

  afterEach(async () => {
    await simulator.close();
  });

  it('stores each change request as a ticket and each decided approval, with approver and time', async () => {
    const knex = await databases.init('SQLITE_3');
    const { store, sink, evaluationRequests } = await storeOn(knex);
    const system = ticketSystemFor(base, { now: NOW });
    await system.connect(sink);

    const outcome = await system.sync();

    expect(outcome).toMatchObject({
      provider: 'servicenow',
      scope: `${base}/servicenow`,
      result: 'success',
    });
    const tickets = await store.getTickets([
      'CHG0000101',
      'CHG0000105',
      'CHG0000106',
    ]);
    const sysId = organisation.serviceNow.changeRequests[0].sysId;
    expect(tickets.CHG0000101).toEqual({
      system: 'servicenow',
      key: 'CHG0000101',
      url: `${base}/servicenow/change_request.do?sys_id=${sysId}`,
      type: 'normal',
      priority: '3 - Moderate',
      fields: {
        short_description: 'Round card fees half-even',
        description:
          'Card fees are rounded half-up; the scheme rules require half-even.',
        requested_by: 'Alice Nakamura',
        requested_by_email: 'alice.nakamura@northwind.example',
        requested_by_user_name: 'alice-nakamura',
        justification:
          'Scheme compliance; customers are over-charged by up to 1 cent.',
        implementation_plan:
          'Merge, deploy through the pipeline, watch the fee dashboard.',
        backout_plan: 'Redeploy the previous release.',
        state: 'Closed',
        opened_at: '2026-11-01T09:00:00.000Z',
        correlation_display: 'northwind/payments-api#1',
        sys_updated_on: '2026-11-02T12:30:00.000Z',
      },
      requester: {
        login: 'servicenow:alice-nakamura',
        type: 'User',
        email: 'alice.nakamura@northwind.example',
      },
      statusHistory: [],
      links: ['northwind/payments-api#1'],
    });
    expect(tickets.CHG0000105.fields).toMatchObject({
      justification: 'TBD',
      implementation_plan: '   ',
      backout_plan: '<describe the rollback>',
    });
    expect(tickets.CHG0000105.links).toEqual([
      'https://github.example/northwind/payments-api/pull/5',
    ]);
    expect(tickets.CHG0000106).toMatchObject({
      type: 'emergency',
      priority: '1 - Critical',
    });

    const approvals = await store.getApprovals({
      ticketKeys: ['CHG0000101', 'CHG0000104'],
      deploymentIds: [],
    });
    expect(approvals).toEqual([
      {
        id: organisation.serviceNow.approvals[0].sysId,
        source: 'servicenow-approval',
        approver: {
          login: 'servicenow:grace-mensah',
          type: 'User',
          email: 'grace.mensah@northwind.example',
        },
        approvedAt: '2026-11-02T12:30:00.000Z',
        state: 'approved',
        scope: { ticketKey: 'CHG0000101' },
      },
      expect.objectContaining({
        approver: expect.objectContaining({
          email: 'grace.mensah@northwind.example',
        }),
        approvedAt: '2026-11-10T12:30:00.000Z',
        state: 'rejected',
        scope: { ticketKey: 'CHG0000104' },
      }),
    ]);
    expect(await knex('tickets').count({ n: '*' })).toEqual([{ n: 8 }]);
    expect(await knex('approvals').count({ n: '*' })).toEqual([{ n: 8 }]);
    expect(evaluationRequests).toEqual([
      `ServiceNow sync of ${base}/servicenow`,
    ]);
    expect(await store.listSourceStatus()).toEqual([
      expect.objectContaining({
        provider: 'servicenow',
        scope: `${base}/servicenow`,
        lastError: null,
        itemsSynced: 16,
      }),
    ]);
  });

  it('asks twice and writes nothing when nothing changed since the last sync', async () => {
    const knex = await databases.init('SQLITE_3');
    const { sink, evaluationRequests } = await storeOn(knex);
    const first = ticketSystemFor(base, { now: NOW });
    await first.connect(sink);
    await first.sync();
    const before = await storedEvidence(knex);

    const requests = recordingFetch();
    const counted = countingWrites(sink);
    const second = ticketSystemFor(base, { now: NOW, fetch: requests.fetch });
    await second.connect(counted.sink);
    const outcome = await second.sync();

    expect(outcome).toMatchObject({ result: 'success', itemsSynced: 0 });
    // One request a table, each from a few minutes before the newest update seen last time.
    expect(requests.requests).toEqual([
      expect.objectContaining({
        table: 'change_request',
        query:
          'numberSTARTSWITHCHG^sys_updated_on>=2026-11-18 12:25:00^ORDERBYsys_updated_on^ORDERBYsys_id',
      }),
      expect.objectContaining({
        table: 'sysapproval_approver',
        query:
          'source_table=change_request^sys_updated_on>=2026-11-18 12:25:00^ORDERBYsys_updated_on^ORDERBYsys_id',
      }),
    ]);
    expect(counted.writes).toEqual([]);
    expect(evaluationRequests).toHaveLength(1);
    expect(await storedEvidence(knex)).toEqual(before);
  });

  it('reads the whole window again when it cannot read the stored cursor', async () => {
    const knex = await databases.init('SQLITE_3');
    const { sink } = await storeOn(knex);
    await sink.recordSync({
      provider: 'servicenow',
      scope: `${base}/servicenow`,
      startedAt: NOW,
      finishedAt: NOW,
      result: 'success',
      cursor: '{"since":"2026-11-19"}',
    });
    const system = ticketSystemFor(base, { now: NOW });
    await system.connect(sink);

    expect(await system.sync()).toMatchObject({
      result: 'success',
      itemsSynced: 16,
    });
  });

  it('reads at the next sync an approval decided since, without its change request being touched', async () => {
    const knex = await databases.init('SQLITE_3');
    const { store, sink, evaluationRequests } = await storeOn(knex);
    const system = ticketSystemFor(base, { now: NOW });
    await system.connect(sink);
    await system.sync();

    // Tomasz approves CHG0000109 too; ServiceNow stamps the approval record, not the change.
    const change = organisation.serviceNow.changeRequests.find(
      c => c.number === 'CHG0000109',
    )!;
    const tomasz = organisation.people.find(p => p.login === 'tomasz-nowak')!;
    organisation.serviceNow.approvals.push({
      sysId: 'apr-late',
      changeSysId: change.sysId,
      approverSysId: tomasz.serviceNowSysId!,
      state: 'approved',
      updatedAt: '2026-11-19T08:00:00.000Z',
      comments: '',
    });
    const requests = recordingFetch();
    const counted = countingWrites(sink);
    const next = ticketSystemFor(base, { now: NOW, fetch: requests.fetch });
    await next.connect(counted.sink);
    await next.sync();

    expect(counted.writes).toEqual(['upsertApprovals x1']);
    expect(requestsByTable(requests.requests)).toEqual({
      change_request: 1,
      sysapproval_approver: 1,
      sys_user: 1,
    });
    expect(
      await store.getApprovals({
        ticketKeys: ['CHG0000109'],
        deploymentIds: [],
      }),
    ).toEqual([
      expect.objectContaining({ approvedAt: '2026-11-18T12:30:00.000Z' }),
      expect.objectContaining({
        id: 'apr-late',
        approver: expect.objectContaining({
          email: 'tomasz.nowak@northwind.example',
        }),
        approvedAt: '2026-11-19T08:00:00.000Z',
        state: 'approved',
      }),
    ]);
    expect(evaluationRequests).toHaveLength(2);
  });

  it('records a clear error and writes nothing when ServiceNow refuses the credentials, and never shows the password', async () => {
    const knex = await databases.init('SQLITE_3');
    const { store, sink, evaluationRequests } = await storeOn(knex);
    const wrong = 'not-the-Servicenow-password-4711';
    const { logger, lines } = recordingLogger();
    const counted = countingWrites(sink);
    const system = ticketSystemFor(base, { now: NOW, password: wrong, logger });
    await system.connect(counted.sink);

    const outcome = await system.sync();
    const fetchError = await system.fetchTickets(['CHG0000101']).then(
      () => undefined,
      (e: Error) => e,
    );

    expect(outcome.result).toBe('failure');
    const [status] = await store.listSourceStatus();
    expect(status).toMatchObject({
      provider: 'servicenow',
      cursor: null,
      consecutiveFailures: 1,
    });
    expect(status.lastError).toBe(
      "ServiceNow refused GET /api/now/table/change_request (401 User Not Authenticated: Required to provide Auth information); check changeCompliance.servicenow.auth and the account's read access to change_request, sysapproval_approver and sys_user",
    );
    expect(fetchError?.message).toMatch(/^ServiceNow refused .* \(401 /);
    expect(counted.writes).toEqual([]);
    expect(evaluationRequests).toEqual([]);
    expect(lines.join('\n')).toMatch(/ServiceNow sync failed/);
    const secrets = [
      wrong,
      Buffer.from(`${DEMO_CREDENTIALS.serviceNow.username}:${wrong}`).toString(
        'base64',
      ),
    ];
    for (const text of [
      ...lines,
      status.lastError ?? '',
      fetchError?.message ?? '',
      fetchError?.stack ?? '',
    ]) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });

  it('rides out server errors and cut-off answers, and stores what an undisturbed sync stores', async () => {
    const clean = await databases.init('SQLITE_3');
    const undisturbed = await storeOn(clean);
    const reference = ticketSystemFor(base, { now: NOW });
    await reference.connect(undisturbed.sink);
    await reference.sync();

    const knex = await databases.init('SQLITE_3');
    const { sink } = await storeOn(knex);
    simulator.faults.set([
      { path: '/servicenow', kind: 'status-503', rate: 0.4 },
      { path: '/servicenow', kind: 'truncated', times: 1 },
    ]);
    const system = ticketSystemFor(base, { now: NOW });
    await system.connect(sink);

    expect(await system.sync()).toMatchObject({ result: 'success' });
    expect(simulator.faults.hits().every(h => h.hits > 0)).toBe(true);
    expect(await storedEvidence(knex)).toEqual(await storedEvidence(clean));
  });

  it('pages by update time, also through more records in one second than a page holds', async () => {
    // Five more change requests updated in the same second as CHG0000101's approval.
    const template = organisation.serviceNow.changeRequests[0];
    for (let i = 1; i <= 5; i++) {
      organisation.serviceNow.changeRequests.push({
        ...template,
        sysId: `same-second-${i}`,
        number: `CHG000020${i}`,
      });
    }
    const knex = await databases.init('SQLITE_3');
    const { store, sink } = await storeOn(knex);
    const requests = recordingFetch();
    const system = ticketSystemFor(base, {
      now: NOW,
      pageSize: 2,
      fetch: requests.fetch,
    });
    await system.connect(sink);

    await system.sync();

    expect(await knex('tickets').count({ n: '*' })).toEqual([{ n: 13 }]);
    expect(
      Object.keys(
        await store.getTickets([1, 2, 3, 4, 5].map(i => `CHG000020${i}`)),
      ),
    ).toHaveLength(5);
    // The crowded second (six records) is paged by offset, ordered by sys_id, to a short page.
    expect(
      requests.requests.filter(
        r =>
          r.table === 'change_request' &&
          r.query ===
            'numberSTARTSWITHCHG^sys_updated_on=2026-11-02 12:30:00^ORDERBYsys_id',
      ),
    ).toEqual([
      expect.objectContaining({ offset: 2 }),
      expect.objectContaining({ offset: 4 }),
      expect.objectContaining({ offset: 6 }),
    ]);
  });
});
