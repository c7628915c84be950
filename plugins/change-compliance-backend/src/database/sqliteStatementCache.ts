import { Knex } from 'knex';

/** Statements kept per connection; the store sends a few dozen distinct ones. */
const MAX_STATEMENTS = 256;

interface PreparingConnection {
  prepare(sql: string): unknown;
}

const cached = new WeakSet<object>();
const wrappedClients = new WeakSet<object>();

/** Memoises a better-sqlite3 connection's `prepare` by SQL text (least recently used evicted). */
function cachePrepare(connection: PreparingConnection) {
  if (cached.has(connection)) return;
  cached.add(connection);
  const prepare = connection.prepare.bind(connection);
  const statements = new Map<string, unknown>();
  connection.prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (statement) {
      statements.delete(sql);
    } else {
      statement = prepare(sql);
      if (statements.size >= MAX_STATEMENTS) {
        statements.delete(statements.keys().next().value!);
      }
    }
    statements.set(sql, statement);
    return statement;
  };
}

/**
 * Knex has better-sqlite3 prepare every statement it runs, and the store runs the same ones
 * thousands of times (batched upserts of 200 rows, keyed reads): preparing took an eighth of an
 * evaluation's CPU. Each connection now keeps its prepared statements. Connections are reached as
 * the pool hands them out, transactions included (they take theirs from the same client).
 */
export function cacheSqliteStatements(knex: Knex): void {
  const client = knex.client as {
    config: { client?: unknown };
    acquireConnection(): Promise<PreparingConnection>;
  };
  if (client.config.client !== 'better-sqlite3' || wrappedClients.has(client)) {
    return;
  }
  wrappedClients.add(client);
  const acquire = client.acquireConnection.bind(client);
  client.acquireConnection = async () => {
    const connection = await acquire();
    cachePrepare(connection);
    return connection;
  };
}
