import { Knex } from 'knex';

/**
 * Rows per INSERT. SQLite caps bound parameters per statement (32,766 in current builds) and
 * PostgreSQL at 65,535; 200 rows of up to ~20 columns stays well inside both.
 */
const ROWS_PER_STATEMENT = 200;

/**
 * Inserts rows, or updates the existing row with the same key, in batches. A row whose values are
 * all the same as stored is left alone, `touched` columns (such as updated_at) included, so a
 * re-sync of unchanged data changes nothing. With `returning`, gives back those columns of the
 * rows it inserted or changed.
 */
export async function upsertRows<Row extends Record<string, unknown>>(
  knex: Knex,
  table: string,
  rows: Row[],
  options: {
    key: (keyof Row & string)[];
    touched?: (keyof Row & string)[];
    returning?: (keyof Row & string)[];
  },
): Promise<Partial<Row>[]> {
  const written: Partial<Row>[] = [];
  if (rows.length === 0) return written;
  const columns = Object.keys(rows[0]);
  const touched = options.touched ?? [];
  const compared = columns.filter(
    c => !options.key.includes(c) && !touched.includes(c),
  );
  const updated = [...compared, ...touched];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const batch = rows.slice(i, i + ROWS_PER_STATEMENT);
    const insert = knex(table).insert(batch).onConflict(options.key);
    const statement =
      compared.length === 0
        ? insert.ignore()
        : insert
            .merge(updated)
            .whereRaw(
              compared
                .map(c => `${table}.${c} IS DISTINCT FROM excluded.${c}`)
                .join(' OR '),
            );
    if (options.returning) {
      written.push(...(await statement.returning(options.returning)));
    } else {
      await statement;
    }
  }
  return written;
}
