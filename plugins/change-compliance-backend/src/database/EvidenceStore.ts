import { ServiceRecord, StoredService } from './ServiceRecord';

/** What the store says about itself, for health checks and support. */
export interface StoreDescription {
  client: string;
  schemaVersion: string | null;
}

/**
 * The one place that knows SQL. Everything the plugin keeps goes through this interface, so the
 * engine and the router can be tested without a database and the store without either.
 */
export interface EvidenceStore {
  describe(): Promise<StoreDescription>;

  /**
   * Inserts or updates services by entity ref, in batches. Writing the same records twice leaves
   * the store as after the first write, so a re-sync changes nothing that did not change.
   */
  upsertServices(services: ServiceRecord[]): Promise<void>;

  listServices(): Promise<StoredService[]>;
}
