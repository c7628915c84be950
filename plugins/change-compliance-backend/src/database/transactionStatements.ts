import { Knex } from 'knex';

type Row = Record<string, any>;

/** Statements with positional `?` bindings, run inside one transaction. */
export interface TransactionStatements {
  /** Whether the database is PostgreSQL, where some reads are better written otherwise. */
  postgres: boolean;
  read(sql: string, bindings: unknown[]): Promise<Row[]>;
  write(sql: string, bindings: unknown[]): Promise<void>;
}

interface SqliteConnection {
  prepare(sql: string): {
    all(bindings: unknown[]): Row[];
    run(bindings: unknown[]): unknown;
  };
}

/**
 * The statements of a transaction. On better-sqlite3 they run straight on the transaction's
 * connection (the one knex hands to everything in the transaction): knex would first visit every
 * binding of every statement, and a batch of verdict rows binds 1,800 values, which cost the
 * evaluation of 100,000 deployments more than half a second. Elsewhere they go through knex,
 * which numbers the bindings for PostgreSQL. Values are strings, numbers or null: no conversion.
 */
export async function transactionStatements(
  tx: Knex.Transaction,
): Promise<TransactionStatements> {
  const client = tx.client as {
    config: { client?: unknown };
    acquireConnection(): Promise<unknown>;
  };
  if (client.config.client === 'better-sqlite3') {
    const connection = (await client.acquireConnection()) as SqliteConnection;
    return {
      postgres: false,
      read: async (sql, bindings) => connection.prepare(sql).all(bindings),
      write: async (sql, bindings) => {
        connection.prepare(sql).run(bindings);
      },
    };
  }
  return {
    postgres: client.config.client === 'pg',
    read: async (sql, bindings) =>
      rowsOf(await tx.raw(sql, bindings as Knex.RawBinding[])),
    write: async (sql, bindings) => {
      await tx.raw(sql, bindings as Knex.RawBinding[]);
    },
  };
}

/** Rows of a raw SELECT: pg gives a result holding them, other drivers the array. */
function rowsOf(result: unknown): Row[] {
  return Array.isArray(result) ? result : (result as { rows: Row[] }).rows;
}
