import { KnexEvidenceStore } from './KnexEvidenceStore';
import { ServiceRecord } from './ServiceRecord';
import {
  createTestDatabases,
  databaseServiceFor,
} from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const paymentsApi: ServiceRecord = {
  entityRef: 'component:default/payments-api',
  repositorySlug: 'northwind/payments-api',
  ticketProjectKey: 'PAY',
  sourcePaths: null,
};

describe('KnexEvidenceStore', () => {
  const databases = createTestDatabases();

  async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    const store = await KnexEvidenceStore.create({
      database: databaseServiceFor(knex),
    });
    return { knex, store };
  }

  it.each(databases.eachSupportedId())(
    'describes itself after migrating on %p',
    async databaseId => {
      const { knex, store } = await createStore(databaseId);
      const description = await store.describe();
      expect(description.client).toBe(
        databaseId === 'SQLITE_3' ? 'better-sqlite3' : 'pg',
      );
      expect(description.schemaVersion).toMatch(/^\d{14}$/);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'upserts services by entity ref, idempotently, on %p',
    async databaseId => {
      const { knex, store } = await createStore(databaseId);

      await store.upsertServices([paymentsApi]);
      const [first] = await store.listServices();
      expect(first).toEqual({ ...paymentsApi, updatedAt: expect.any(String) });

      // The same data again changes nothing, not even the time of last change.
      await new Promise(resolve => setTimeout(resolve, 5));
      await store.upsertServices([paymentsApi]);
      expect(await store.listServices()).toEqual([first]);

      // A real change is taken, and only the changed row moves.
      await new Promise(resolve => setTimeout(resolve, 5));
      await store.upsertServices([
        { ...paymentsApi, ticketProjectKey: 'PAYM' },
      ]);
      const [changed] = await store.listServices();
      expect(changed.ticketProjectKey).toBe('PAYM');
      expect(Date.parse(changed.updatedAt)).toBeGreaterThan(
        Date.parse(first.updatedAt),
      );
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'writes large batches in chunks on %p',
    async databaseId => {
      const { knex, store } = await createStore(databaseId);
      const many = Array.from({ length: 1234 }, (_, i) => ({
        ...paymentsApi,
        entityRef: `component:default/service-${String(i).padStart(4, '0')}`,
      }));

      await store.upsertServices(many);
      await store.upsertServices(many);

      const stored = await store.listServices();
      expect(stored).toHaveLength(1234);
      expect(stored[0].entityRef).toBe('component:default/service-0000');
      expect(stored[1233].entityRef).toBe('component:default/service-1233');
      await knex.destroy();
    },
  );
});
