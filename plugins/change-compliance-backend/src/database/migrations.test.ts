import {
  applyMigrations,
  currentSchemaVersion,
  migrationsDirectory,
} from './migrations';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

describe('migrations', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'run up, down to nothing, and up again on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);

      await applyMigrations(knex);
      const latest = await currentSchemaVersion(knex);
      expect(latest).toMatch(/^\d{14}$/);
      expect(await knex.schema.hasTable('services')).toBe(true);

      // Roll back one migration at a time until nothing is applied: every `down` must work.
      while ((await currentSchemaVersion(knex)) !== null) {
        await knex.migrate.down({ directory: migrationsDirectory });
      }
      expect(await knex.schema.hasTable('services')).toBe(false);

      await applyMigrations(knex);
      expect(await currentSchemaVersion(knex)).toBe(latest);
      await knex.destroy();
    },
  );
});
