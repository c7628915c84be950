import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { EvidenceStore, StoreDescription } from './EvidenceStore';
import { applyMigrations, currentSchemaVersion } from './migrations';
import { ServiceRecord, StoredService } from './ServiceRecord';
import { toIsoTimestamp } from './timestamps';

/**
 * Rows per INSERT. SQLite caps bound parameters per statement (32,766 in current builds), and
 * PostgreSQL at 65,535; 500 rows of a handful of columns stays well inside both.
 */
const BATCH_SIZE = 500;

interface ServiceRow {
  entity_ref: string;
  repository_slug: string | null;
  ticket_project_key: string | null;
  source_paths: string | null;
  updated_at: Date | string | number;
}

/** The evidence store on knex: SQLite embedded by default, PostgreSQL in production. */
export class KnexEvidenceStore implements EvidenceStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<KnexEvidenceStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await applyMigrations(knex);
    }
    return new KnexEvidenceStore(knex);
  }

  constructor(private readonly knex: Knex) {}

  async describe(): Promise<StoreDescription> {
    return {
      client: String(this.knex.client.config.client),
      schemaVersion: await currentSchemaVersion(this.knex),
    };
  }

  async upsertServices(services: ServiceRecord[]): Promise<void> {
    if (services.length === 0) {
      return;
    }
    const now = new Date().toISOString();
    const rows: ServiceRow[] = services.map(s => ({
      entity_ref: s.entityRef,
      repository_slug: s.repositorySlug,
      ticket_project_key: s.ticketProjectKey,
      source_paths: s.sourcePaths,
      updated_at: now,
    }));
    await this.knex.transaction(async tx => {
      for (let i = 0; i < rows.length; i += BATCH_SIZE) {
        await tx<ServiceRow>('services')
          .insert(rows.slice(i, i + BATCH_SIZE))
          .onConflict('entity_ref')
          .merge([
            'repository_slug',
            'ticket_project_key',
            'source_paths',
            'updated_at',
          ])
          // Only a real change bumps updated_at: a re-sync of the same data is a no-op.
          .whereRaw(
            [
              'services.repository_slug IS DISTINCT FROM excluded.repository_slug',
              'services.ticket_project_key IS DISTINCT FROM excluded.ticket_project_key',
              'services.source_paths IS DISTINCT FROM excluded.source_paths',
            ].join(' OR '),
          );
      }
    });
  }

  async listServices(): Promise<StoredService[]> {
    const rows = await this.knex<ServiceRow>('services')
      .select()
      .orderBy('entity_ref');
    return rows.map(r => ({
      entityRef: r.entity_ref,
      repositorySlug: r.repository_slug,
      ticketProjectKey: r.ticket_project_key,
      sourcePaths: r.source_paths,
      updatedAt: toIsoTimestamp(r.updated_at),
    }));
  }
}
