import { DatabaseService } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';

/**
 * The databases every store test runs on: SQLite always, PostgreSQL 15 when
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING names a server (CI sets it).
 */
export function createTestDatabases(): TestDatabases {
  return TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
}

/** A DatabaseService handing out one test database, as the backend would hand out ours. */
export function databaseServiceFor(knex: Knex): DatabaseService {
  return { getClient: async () => knex, migrations: { skip: false } };
}
