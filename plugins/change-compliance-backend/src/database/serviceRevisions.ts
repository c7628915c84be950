import { Knex } from 'knex';

/**
 * Moves the revision of each service, inside the transaction that changes what its summary or
 * deployment list shows (migration 20261128010000). Called last in that transaction: the row
 * lock it takes is then held only until the commit that follows, and services are locked in one
 * order, so two writers cannot wait on each other.
 */
export async function advanceServiceRevisions(
  tx: Knex.Transaction,
  serviceRefs: Iterable<string>,
): Promise<void> {
  const services = [...new Set(serviceRefs)].sort();
  if (services.length === 0) return;
  await tx('service_revisions')
    .insert(services.map(service_ref => ({ service_ref, revision: 1 })))
    .onConflict('service_ref')
    .merge({ revision: tx.raw('service_revisions.revision + 1') });
}

/**
 * The service's current revision, as text (PostgreSQL gives a bigint as text); "0" when nothing
 * of it was ever written.
 */
export async function readServiceRevision(
  knex: Knex,
  serviceRef: string,
): Promise<string> {
  const row = await knex('service_revisions')
    .where({ service_ref: serviceRef })
    .first('revision');
  return row ? String(row.revision) : '0';
}
