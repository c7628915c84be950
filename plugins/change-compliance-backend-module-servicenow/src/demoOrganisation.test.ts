import path from 'node:path';
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  createSimulator,
  generateDemoOrganisation,
} from '@internal/upstream-simulator';
import {
  recordingFetch,
  REPOSITORY_ROOT,
  storeOn,
  ticketSystemFor,
} from './__testUtils__/simulatedServiceNow';

jest.setTimeout(120_000);

/**
 * The demo organisation `make start` serves: the simulator records each emergency change as a
 * ServiceNow change request too, approved when its Jira ticket was. The module reads them all.
 */
describe('the demo organisation’s change requests, synced from the simulated ServiceNow', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('stores every change request and approval, and an idle second sync asks twice', async () => {
    const now = '2026-11-20T00:00:00.000Z';
    const organisation = generateDemoOrganisation({
      examplesDirectory: path.join(REPOSITORY_ROOT, 'examples'),
      seed: 42,
      now,
    });
    const { changeRequests, approvals } = organisation.serviceNow;
    const simulator = createSimulator({ organisation });
    const base = await simulator.listen();
    try {
      const knex = await databases.init('SQLITE_3');
      const { store, sink } = await storeOn(knex);
      const system = ticketSystemFor(base, { now, pageSize: 50 });
      await system.connect(sink);

      expect(await system.sync()).toMatchObject({ result: 'success' });

      expect(changeRequests.length).toBeGreaterThan(0);
      const tickets = await store.getTickets(changeRequests.map(c => c.number));
      expect(Object.keys(tickets)).toHaveLength(changeRequests.length);
      expect(
        Object.values(tickets).every(
          t => t.type === 'emergency' && t.links.length === 1,
        ),
      ).toBe(true);
      expect(
        await store.getApprovals({
          ticketKeys: changeRequests.map(c => c.number),
          deploymentIds: [],
        }),
      ).toHaveLength(approvals.filter(a => a.state === 'approved').length);

      const requests = recordingFetch();
      const again = ticketSystemFor(base, { now, fetch: requests.fetch });
      await again.connect(sink);
      expect(await again.sync()).toMatchObject({ itemsSynced: 0 });
      expect(requests.requests).toHaveLength(2);
    } finally {
      await simulator.close();
    }
  });
});
