import { TestDatabaseId } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { KnexEvidenceStore } from '../database/KnexEvidenceStore';
import { createTestDatabases, databaseServiceFor } from './testDatabases';

/**
 * For a describe block of store tests: the databases to run each test on, and a store on a fresh
 * database of one of them, closed after the test.
 */
export function storeOnEachDatabase() {
  const databases = createTestDatabases();
  let knex: Knex | undefined;

  afterEach(async () => {
    await knex?.destroy();
    knex = undefined;
  });

  return {
    databases,
    async createStore(id: TestDatabaseId) {
      knex = await databases.init(id);
      return KnexEvidenceStore.create({ database: databaseServiceFor(knex) });
    },
  };
}
