import {
  CHECK_IDS,
  CheckResult,
  DeploymentVerdict,
} from '@change-compliance/plugin-change-compliance-common';
import { Knex } from 'knex';
import { parseDeploymentId, VerdictChange, VerdictRecord } from './records';
import { fromJson, toJson } from './rows';
import { advanceServiceRevisions } from './serviceRevisions';
import { toIsoTimestamp } from './timestamps';
import {
  TransactionStatements,
  transactionStatements,
} from './transactionStatements';
import { checkStatuses } from './verdictRecord';

/** Deployment ids per read of the current verdicts: well under SQLite's bound-parameter limit. */
const KEYS_PER_READ = 500;

/** Rows per INSERT: 200 verdict rows bind 1,800 values, well inside both databases' limits. */
const ROWS_PER_INSERT = 200;

/** The columns that make up a result; evaluated_at moves only when one of them does. */
const RESULT_COLUMNS = [
  'service_ref',
  'verdict',
  'failing_checks',
  'checks',
  'changes',
  'deployed_at',
];

const VERDICT_COLUMNS = [
  'deployment_source',
  'deployment_external_id',
  ...RESULT_COLUMNS,
  'evaluated_at',
];

const HISTORY_COLUMNS = [
  'deployment_source',
  'deployment_external_id',
  'verdict',
  'previous_verdict',
  'checks',
  'cause',
  'evaluated_at',
];

/** A deployment's current result as stored: the RESULT_COLUMNS. */
interface CurrentResult {
  serviceRef: string;
  verdict: DeploymentVerdict;
  failingChecks: string;
  checks: string;
  changes: string;
  deployedAt: string;
}

const insertStatements = new Map<string, string>();

/**
 * `INSERT INTO table (columns) VALUES (?, ...), ...` for `rows` rows, then `tail`. Built once
 * per shape (at most 200 per table): the text is the same for every full batch, so SQLite
 * prepares it once, and knex's query builder, which built each batch anew, is not needed.
 */
function insertStatement(
  table: string,
  columns: string[],
  rows: number,
  tail = '',
): string {
  const id = `${table}\u0000${rows}\u0000${tail}`;
  let sql = insertStatements.get(id);
  if (!sql) {
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    sql = `insert into ${table} (${columns.join(', ')}) values ${Array(rows)
      .fill(tuple)
      .join(', ')}${tail}`;
    insertStatements.set(id, sql);
  }
  return sql;
}

/** Replaces a deployment's result, unless the stored one is the same (a concurrent run's). */
const UPSERT_TAIL = ` on conflict (deployment_source, deployment_external_id) do update set ${[
  ...RESULT_COLUMNS,
  'evaluated_at',
]
  .map(c => `${c} = excluded.${c}`)
  .join(', ')} where ${RESULT_COLUMNS.map(
  c => `verdicts.${c} IS DISTINCT FROM excluded.${c}`,
).join(' OR ')}`;

/** The current results of `count` deployments of one source (the source, then their ids). */
function currentResultsOnSqlite(count: number): string {
  return `select deployment_external_id, ${RESULT_COLUMNS.join(', ')}
    from verdicts where deployment_source = ? and deployment_external_id in (${Array(
      count,
    )
      .fill('?')
      .join(', ')})`;
}

/**
 * currentResultsOnSqlite for PostgreSQL (the ids, then the source): one primary-key lookup per
 * id, whatever the planner's statistics say. While a first evaluation fills the table, they lag
 * behind (more so without autovacuum), and the plain IN list was then read by scanning every
 * verdict of the source: a fifth of a second per 500 ids once the table held 100,000 rows.
 * (`limit 1` keeps the lookup a lookup rather than a join the planner may turn into a scan.)
 */
function currentResultsOnPostgres(count: number): string {
  return `select ids.column1 as deployment_external_id, current.*
    from (values ${Array(count).fill('(?)').join(', ')}) as ids
    cross join lateral (
      select ${RESULT_COLUMNS.join(', ')} from verdicts
      where deployment_external_id = ids.column1 and deployment_source = ?
      limit 1
    ) as current`;
}

/** The current results of these deployments, by deployment id. */
async function currentResults(
  statements: TransactionStatements,
  deploymentIds: string[],
): Promise<Map<string, CurrentResult>> {
  const externalIdsBySource = new Map<string, string[]>();
  for (const id of deploymentIds) {
    const { source, externalId } = parseDeploymentId(id);
    const ids = externalIdsBySource.get(source);
    if (ids) ids.push(externalId);
    else externalIdsBySource.set(source, [externalId]);
  }
  const current = new Map<string, CurrentResult>();
  for (const [source, externalIds] of externalIdsBySource) {
    for (let i = 0; i < externalIds.length; i += KEYS_PER_READ) {
      const part = externalIds.slice(i, i + KEYS_PER_READ);
      const rows = await statements.read(
        statements.postgres
          ? currentResultsOnPostgres(part.length)
          : currentResultsOnSqlite(part.length),
        statements.postgres ? [...part, source] : [source, ...part],
      );
      for (const r of rows) {
        current.set(`${source}/${r.deployment_external_id}`, {
          serviceRef: r.service_ref,
          verdict: r.verdict,
          failingChecks: r.failing_checks,
          checks: r.checks,
          changes: r.changes,
          deployedAt: toIsoTimestamp(r.deployed_at),
        });
      }
    }
  }
  return current;
}

function sameResult(stored: CurrentResult, record: VerdictRecord): boolean {
  return (
    stored.verdict === record.verdict &&
    stored.checks === record.checks &&
    stored.changes === record.changes &&
    stored.failingChecks === record.failingChecks &&
    stored.serviceRef === record.serviceRef &&
    stored.deployedAt === record.deployedAt
  );
}

/** Whether the stored check results have the record's statuses. */
function sameStatuses(stored: CurrentResult, record: VerdictRecord): boolean {
  // The same text has the same statuses: only changed results need reading.
  if (stored.checks === record.checks) return true;
  const before = checkStatuses(fromJson<CheckResult[]>(stored.checks));
  return CHECK_IDS.every(id => before[id] === record.statuses[id]);
}

/**
 * Inserts a row per item, in batches: the item's deployment (source, external id), then
 * `values(item)`, for the `columns` in that order.
 */
async function insertDeploymentRows<T extends { deploymentId: string }>(
  statements: TransactionStatements,
  table: string,
  columns: string[],
  items: T[],
  values: (item: T) => (string | null)[],
  tail = '',
): Promise<void> {
  for (let i = 0; i < items.length; i += ROWS_PER_INSERT) {
    const part = items.slice(i, i + ROWS_PER_INSERT);
    await statements.write(
      insertStatement(table, columns, part.length, tail),
      part.flatMap(item => {
        const { source, externalId } = parseDeploymentId(item.deploymentId);
        return [source, externalId, ...values(item)];
      }),
    );
  }
}

/**
 * Stores evaluations as their deployments' current results, inside the caller's transaction.
 * A deployment whose stored result is the same is not written at all, evaluated_at included; one
 * whose verdict or any check's status differs from the stored one (or that had none) gets a new
 * history entry with the cause, and is returned. History is only ever added to.
 */
export async function saveVerdictRecordsIn(
  tx: Knex.Transaction,
  records: VerdictRecord[],
  cause: string,
): Promise<VerdictChange[]> {
  const statements = await transactionStatements(tx);
  if (statements.postgres) {
    // Two evaluations of a service at once (a deployment event while the schedule runs, or two
    // replicas) would both read "no verdict yet" and both add the same first history entry. The
    // second waits here until the first commits, and then reads what it wrote. (SQLite runs one
    // write transaction at a time already.)
    for (const service of [...new Set(records.map(r => r.serviceRef))].sort()) {
      await tx.raw('select pg_advisory_xact_lock(hashtext(?))', [
        `change-compliance verdicts ${service}`,
      ]);
    }
  }
  const current = await currentResults(
    statements,
    records.map(r => r.deploymentId),
  );
  const written: VerdictRecord[] = [];
  const changes: VerdictChange[] = [];
  for (const record of records) {
    const before = current.get(record.deploymentId);
    if (before && sameResult(before, record)) continue;
    written.push(record);
    if (
      before &&
      before.verdict === record.verdict &&
      sameStatuses(before, record)
    ) {
      continue;
    }
    changes.push({
      deploymentId: record.deploymentId,
      verdict: record.verdict,
      previousVerdict: before?.verdict ?? null,
      checks: record.statuses,
      cause,
      evaluatedAt: record.evaluatedAt,
    });
  }

  await insertDeploymentRows(
    statements,
    'verdicts',
    VERDICT_COLUMNS,
    written,
    r => [
      r.serviceRef,
      r.verdict,
      r.failingChecks,
      r.checks,
      r.changes,
      r.deployedAt,
      r.evaluatedAt,
    ],
    UPSERT_TAIL,
  );
  await insertDeploymentRows(
    statements,
    'verdict_history',
    HISTORY_COLUMNS,
    changes,
    change => [
      change.verdict,
      change.previousVerdict,
      toJson(change.checks),
      cause,
      change.evaluatedAt,
    ],
  );
  await advanceServiceRevisions(
    tx,
    written.flatMap(r => {
      const previous = current.get(r.deploymentId)?.serviceRef;
      return previous ? [r.serviceRef, previous] : [r.serviceRef];
    }),
  );
  return changes;
}
