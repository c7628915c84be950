/**
 * A service as the store knows it: a catalog entity and where its evidence comes from.
 */
export interface ServiceRecord {
  /** Catalog entity ref, e.g. `component:default/payments-api`. */
  entityRef: string;
  /** `owner/name` of the source repository, when the entity names one. */
  repositorySlug: string | null;
  /** Ticket project key (e.g. Jira `PAY`), when the entity names one. */
  ticketProjectKey: string | null;
  /** Monorepo path filter; null means the whole repository is the service's. */
  sourcePaths: string | null;
}

/** A service as read back, with the time its row last changed (UTC ISO-8601). */
export interface StoredService extends ServiceRecord {
  updatedAt: string;
}
