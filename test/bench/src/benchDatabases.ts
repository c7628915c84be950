/*
 * The benchmarks' own PostgreSQL databases, named by a prefix so that a run can find and drop
 * what an earlier one left.
 */
import knexFactory, { Knex } from 'knex';

/** A connection to the server's maintenance database, for creating and dropping databases. */
export function admin(url: string): Knex {
  return knexFactory({
    client: 'pg',
    connection: `${url}/postgres`,
    pool: { min: 0, max: 1 },
  });
}

/** The databases with the prefix (a dataset, complete or not, and the backend's). */
export async function listDatabases(
  url: string,
  prefix: string,
): Promise<string[]> {
  const knex = admin(url);
  try {
    const { rows } = await knex.raw(
      'SELECT datname FROM pg_database WHERE datname LIKE ? ORDER BY datname',
      [`${prefix.replace(/_/g, '\\_')}%`],
    );
    return (rows as { datname: string }[]).map(r => r.datname);
  } finally {
    await knex.destroy();
  }
}

export async function dropDatabases(url: string, prefix: string) {
  const knex = admin(url);
  try {
    for (const name of await listDatabases(url, prefix)) {
      await knex.raw('DROP DATABASE ?? WITH (FORCE)', [name]);
    }
  } finally {
    await knex.destroy();
  }
}
