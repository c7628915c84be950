import knexFactory, { Knex } from 'knex';
import { cacheSqliteStatements } from './sqliteStatementCache';

describe('cacheSqliteStatements', () => {
  let knex: Knex;

  afterEach(() => knex.destroy());

  it('prepares each distinct statement once per connection, in transactions too', async () => {
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: ':memory:' },
      useNullAsDefault: true,
    });
    await knex.schema.createTable('verdicts', t => {
      t.string('id').primary();
      t.string('verdict');
    });
    // Count what reaches better-sqlite3 itself, below the cache.
    const connection = await knex.client.acquireConnection();
    const prepare = connection.prepare.bind(connection);
    const prepared: string[] = [];
    connection.prepare = (sql: string) => {
      prepared.push(sql);
      return prepare(sql);
    };
    await knex.client.releaseConnection(connection);

    cacheSqliteStatements(knex);
    cacheSqliteStatements(knex);
    for (let i = 0; i < 3; i++) {
      await knex('verdicts')
        .insert({ id: `d${i}`, verdict: 'compliant' })
        .onConflict('id')
        .merge();
      await knex.transaction(tx =>
        tx('verdicts')
          .where({ id: `d${i}` })
          .first(),
      );
    }

    expect(await knex('verdicts').count({ n: '*' })).toEqual([{ n: 3 }]);
    const statements = prepared.filter(sql => !/^(begin|commit)/i.test(sql));
    // The insert, the read and the count: each once, though the first two ran three times.
    expect(statements).toHaveLength(3);
    expect(new Set(statements).size).toBe(3);
  });
});
