/**
 * Answer of `GET /api/change-compliance/health`: whether the backend is up, its evidence store
 * reachable and migrated, and which providers feed it. It carries no evidence, so it is served
 * without sign-in.
 * @public
 */
export interface HealthResponse {
  status: 'ok';
  store: {
    /** The knex client the store runs on, e.g. `better-sqlite3` or `pg`. */
    client: string;
    /** Name of the newest schema migration applied to the store. */
    schemaVersion: string | null;
  };
  /** Ids of the providers registered by backend modules, by role. */
  providers: {
    deploymentSources: string[];
    sourceControl: string[];
    ticketSystems: string[];
    /** What runs in production and how it was built (clusters, attestation sources). */
    artifactSources: string[];
  };
}
