import { TestDatabases } from '@backstage/backend-test-utils';
import {
  buildOrganisation,
  createSimulator,
  scenarioSchema,
  Simulator,
} from '@internal/upstream-simulator';
import {
  countingWrites,
  recordingFetch,
  requestsByTable,
  storeOn,
  ticketSystemFor,
} from './__testUtils__/simulatedServiceNow';

jest.setTimeout(60_000);

const NOW = '2026-11-20T12:00:00.000Z';
const number = (n: number) => `CHG${String(n).padStart(7, '0')}`;

/** 250 change requests, each approved by one of three CAB members. */
function manyChangeRequests() {
  const approvers = ['grace-mensah', 'priya-raman', 'tomasz-nowak'];
  return buildOrganisation(
    scenarioSchema.parse({
      now: NOW,
      serviceNow: {
        changeRequests: Array.from({ length: 250 }, (_, i) => ({
          number: number(i + 1),
          shortDescription: `Change ${i + 1}`,
          requestedBy: 'alice-nakamura',
          openedAt: '2026-11-01T09:00:00Z',
          approvals: [
            {
              approver: approvers[i % approvers.length],
              at: `2026-11-02T${String(i % 24).padStart(2, '0')}:00:00Z`,
            },
          ],
        })),
      },
    }),
  );
}

describe('ServiceNowTicketSystem.fetchTickets', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let simulator: Simulator;
  let base: string;

  beforeAll(async () => {
    simulator = createSimulator({ organisation: manyChangeRequests() });
    base = await simulator.listen();
  });

  afterAll(async () => {
    await simulator.close();
  });

  it('reads the change requests named among mixed keys a hundred at a time, with their approvals and approvers', async () => {
    const knex = await databases.init('SQLITE_3');
    const { store, sink } = await storeOn(knex);
    const requests = recordingFetch();
    const counted = countingWrites(sink);
    const system = ticketSystemFor(base, { now: NOW, fetch: requests.fetch });
    await system.connect(counted.sink);
    const numbers = Array.from({ length: 250 }, (_, i) => number(i + 1));

    await system.fetchTickets([
      ...numbers,
      // Other systems' keys, a look-alike, a duplicate in lower case and a number nobody has.
      'PAY-12',
      'acme/payments#3',
      'CHG12345',
      'chg0000007',
      'CHG0009999',
    ]);

    expect(requestsByTable(requests.requests)).toEqual({
      change_request: 3,
      sysapproval_approver: 3,
      sys_user: 1,
    });
    expect(
      requests.requests
        .filter(r => r.table === 'change_request')
        .map(r => r.query.split(',').length),
    ).toEqual([100, 100, 51]);
    expect(
      requests.requests
        .filter(r => r.table === 'sysapproval_approver')
        .map(r => r.query.split(',').length),
    ).toEqual([100, 100, 50]);
    expect(counted.writes).toEqual([
      'upsertTickets x250',
      'upsertApprovals x250',
    ]);
    expect(Object.keys(await store.getTickets(numbers))).toHaveLength(250);
    const approvals = await store.getApprovals({
      ticketKeys: numbers,
      deploymentIds: [],
    });
    expect(approvals).toHaveLength(250);
    expect(new Set(approvals.map(a => a.approver.email))).toEqual(
      new Set([
        'grace-mensah@northwind.example',
        'priya-raman@northwind.example',
        'tomasz-nowak@northwind.example',
      ]),
    );
  });

  it('does not ask again at once for a number ServiceNow does not have, nor for keys that are not its own', async () => {
    const knex = await databases.init('SQLITE_3');
    const { sink } = await storeOn(knex);
    const requests = recordingFetch();
    const system = ticketSystemFor(base, { now: NOW, fetch: requests.fetch });
    await system.connect(sink);

    await system.fetchTickets(['CHG0009999']);
    await system.fetchTickets(['CHG0009999', 'PAY-12', 'acme/payments#3']);

    expect(requests.requests).toEqual([
      {
        table: 'change_request',
        query: 'numberINCHG0009999^ORDERBYnumber',
        limit: 1,
        offset: 0,
      },
    ]);
  });
});
