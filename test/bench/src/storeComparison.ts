/*
 * Two evidence stores compared table by table: every evidence table and the verdicts, each row
 * keyed by its table's natural key (the primary key the migrations give it). A row only one store
 * has is evidence lost or extra; a row both have with other content is evidence misread.
 */
import { Knex } from 'knex';

/** Tables that say how and when syncs and people worked, not what the upstreams hold. */
const NOT_EVIDENCE = new Set([
  'knex_migrations',
  'knex_migrations_lock',
  'source_sync_state',
  'sync_rounds',
  // Every verdict change with its time and cause: a store synced through failures went
  // through more of them. The current verdicts are compared.
  'verdict_history',
  // How many writes changed a service: more after retries, by design.
  'service_revisions',
  'audit_samples',
  'audit_sample_items',
  'audit_review_marks',
]);

/** When the store wrote a row (the wall clock), which is not evidence either. */
const WRITE_TIME_COLUMNS = new Set(['updated_at']);

export interface TableDifference {
  table: string;
  rowsA: number;
  rowsB: number;
  onlyInA: number;
  onlyInB: number;
  differing: number;
  /** The first few differences, key and both contents. */
  examples: string[];
}

/** JSON with object keys sorted, so that equal rows read equal whatever the column order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map(
        k =>
          `${JSON.stringify(k)}:${canonical(
            (value as Record<string, unknown>)[k],
          )}`,
      )
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

async function evidenceTables(knex: Knex): Promise<string[]> {
  const rows: { name: string }[] = await knex('sqlite_master')
    .where({ type: 'table' })
    .andWhereNot('name', 'like', 'sqlite_%')
    .select('name');
  return rows
    .map(r => r.name)
    .filter(name => !NOT_EVIDENCE.has(name))
    .sort();
}

async function primaryKey(knex: Knex, table: string): Promise<string[]> {
  const columns: { name: string; pk: number }[] = await knex.raw(
    `PRAGMA table_info(${JSON.stringify(table)})`,
  );
  return columns
    .filter(c => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map(c => c.name);
}

async function rowsByKey(
  knex: Knex,
  table: string,
  key: string[],
): Promise<Map<string, string>> {
  const rows: Record<string, unknown>[] = await knex(table).select();
  const byKey = new Map<string, string>();
  for (const row of rows) {
    const content = Object.fromEntries(
      Object.entries(row).filter(([column]) => !WRITE_TIME_COLUMNS.has(column)),
    );
    byKey.set(canonical(key.map(column => row[column])), canonical(content));
  }
  return byKey;
}

/** Every table's differences between store A and store B (SQLite both); empty when equal. */
export async function compareStores(
  a: Knex,
  b: Knex,
  examplesPerTable = 3,
): Promise<{ tables: Record<string, number>; differences: TableDifference[] }> {
  const tables = [
    ...new Set([...(await evidenceTables(a)), ...(await evidenceTables(b))]),
  ].sort();
  const counts: Record<string, number> = {};
  const differences: TableDifference[] = [];
  for (const table of tables) {
    const key = await primaryKey(a, table);
    const [rowsA, rowsB] = await Promise.all([
      rowsByKey(a, table, key),
      rowsByKey(b, table, key),
    ]);
    counts[table] = rowsA.size;
    const examples: string[] = [];
    let onlyInA = 0;
    let onlyInB = 0;
    let differing = 0;
    const note = (line: string) => {
      if (examples.length < examplesPerTable) examples.push(line);
    };
    for (const [k, content] of rowsA) {
      const other = rowsB.get(k);
      if (other === undefined) {
        onlyInA += 1;
        note(`only in A ${k}: ${content.slice(0, 300)}`);
      } else if (other !== content) {
        differing += 1;
        note(
          `differs ${k}: A ${content.slice(0, 300)} B ${other.slice(0, 300)}`,
        );
      }
    }
    for (const [k, content] of rowsB) {
      if (!rowsA.has(k)) {
        onlyInB += 1;
        note(`only in B ${k}: ${content.slice(0, 300)}`);
      }
    }
    if (onlyInA + onlyInB + differing > 0) {
      differences.push({
        table,
        rowsA: rowsA.size,
        rowsB: rowsB.size,
        onlyInA,
        onlyInB,
        differing,
        examples,
      });
    }
  }
  return { tables: counts, differences };
}
