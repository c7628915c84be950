import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

/**
 * The migrations ship inside the package (folder `migrations/`), so an adopter's backend brings
 * its store up to date on start with no step of their own.
 */
export const migrationsDirectory = resolvePackagePath(
  '@change-compliance/plugin-change-compliance-backend',
  'migrations',
);

/**
 * Applies every migration not yet applied. knex takes a lock in the database while it migrates,
 * so several replicas starting at once do not race.
 */
export async function applyMigrations(knex: Knex): Promise<void> {
  await knex.migrate.latest({ directory: migrationsDirectory });
}

/** Name of the newest migration applied, or null when none is. */
export async function currentSchemaVersion(knex: Knex): Promise<string | null> {
  const version: string = await knex.migrate.currentVersion({
    directory: migrationsDirectory,
  });
  return version === 'none' ? null : version;
}
