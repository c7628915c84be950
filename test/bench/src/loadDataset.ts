/*
 * The load benchmark's evidence database: the synthetic organisation loaded through the real
 * store's batch upserts, every deployment judged by the real evaluateService, then ANALYZE. The
 * database is the one the portal backend uses for the plugin (`<prefix>change-compliance`), so
 * the backend serves exactly what was loaded. Loading 1,000,000 deployments takes a while; the
 * database records its own shape when complete, so that later runs can reuse it.
 */
import { inParallel } from '@change-compliance/plugin-change-compliance-node';
import knexFactory from 'knex';
import { admin } from './benchDatabases';
import {
  KnexEvidenceStore,
  evaluateService,
} from '@change-compliance/plugin-change-compliance-backend/testUtils';
import {
  benchmarkPolicy,
  generateService,
  loadService,
  serviceToEvaluate,
} from './syntheticOrganisation';

export interface DatasetShape {
  services: number;
  deploymentsPerService: number;
}

export interface DatasetPreparation {
  rowsLoaded: number;
  loadSeconds: number;
  evaluated: number;
  evaluationSeconds: number;
  analyzeSeconds: number;
  verdicts: Record<string, number>;
}

/** The window the evaluation starts from; the synthetic history begins on 2026-06-01. */
const WINDOW_START = '2026-01-01T00:00:00.000Z';

/** The shape a complete dataset recorded in its database's comment; undefined if none. */
export async function readDatasetShape(
  url: string,
  database: string,
): Promise<DatasetShape | undefined> {
  const knex = admin(url);
  try {
    const { rows } = await knex.raw(
      `SELECT shobj_description(oid, 'pg_database') AS comment
         FROM pg_database WHERE datname = ?`,
      [database],
    );
    if (rows.length === 0) return undefined;
    const comment: string | null = rows[0].comment;
    return comment?.startsWith('{') ? JSON.parse(comment) : undefined;
  } finally {
    await knex.destroy();
  }
}

/**
 * Creates the database, loads and evaluates the organisation, analyses it and records its shape.
 * Services are loaded and evaluated `concurrency` at a time: one service's Node work (generating,
 * serialising, judging) overlaps another's database writes.
 */
export async function prepareDataset(options: {
  url: string;
  database: string;
  shape: DatasetShape;
  concurrency: number;
  progress: (line: string) => void;
}): Promise<DatasetPreparation> {
  const { url, database, shape, concurrency, progress } = options;
  const server = admin(url);
  await server.raw('CREATE DATABASE ??', [database]);
  await server.destroy();

  const knex = knexFactory({
    client: 'pg',
    connection: `${url}/${database}`,
    pool: {
      min: 1,
      max: concurrency * 2,
      // The loader's commits only: a crash mid-load means loading again, never wrong data. The
      // backend measured later commits as configured.
      afterCreate: (
        connection: { query: (sql: string, done: (e?: Error) => void) => void },
        done: (error: Error | undefined, connection: unknown) => void,
      ) =>
        connection.query('SET synchronous_commit TO off', error =>
          done(error, connection),
        ),
    },
  });
  try {
    const store = await KnexEvidenceStore.create({
      database: { getClient: async () => knex, migrations: { skip: false } },
    });
    const indexes = Array.from({ length: shape.services }, (_, s) => s);
    const every = Math.max(1, Math.floor(shape.services / 10));

    let rowsLoaded = 0;
    let loaded = 0;
    const loadStarted = Date.now();
    await inParallel(indexes, concurrency, async s => {
      const rows = await loadService(
        store,
        generateService(s, shape.deploymentsPerService),
      );
      rowsLoaded += rows;
      if (++loaded % every === 0) {
        progress(
          `loaded ${loaded}/${shape.services} services (${Math.round(
            (Date.now() - loadStarted) / 1000,
          )} s)`,
        );
      }
    });
    const loadSeconds = (Date.now() - loadStarted) / 1000;

    // The planner's statistics before the evaluation reads the evidence back, as autovacuum
    // would have gathered them (these machines' PostgreSQL runs without autovacuum).
    await knex.raw('ANALYZE');

    const policy = benchmarkPolicy(shape.services);
    const verdicts: Record<string, number> = {};
    let evaluated = 0;
    let done = 0;
    const evaluationStarted = Date.now();
    await inParallel(indexes, concurrency, async s => {
      const run = await evaluateService({
        store,
        policy,
        service: serviceToEvaluate(s),
        windowStart: WINDOW_START,
        evaluatedAt: new Date().toISOString(),
        cause: 'benchmark load',
      });
      evaluated += run.evaluated;
      for (const change of run.changes) {
        verdicts[change.verdict] = (verdicts[change.verdict] ?? 0) + 1;
      }
      if (++done % every === 0) {
        progress(
          `evaluated ${done}/${shape.services} services (${Math.round(
            (Date.now() - evaluationStarted) / 1000,
          )} s)`,
        );
      }
    });
    const evaluationSeconds = (Date.now() - evaluationStarted) / 1000;

    const analyzeStarted = Date.now();
    await knex.raw('VACUUM ANALYZE');
    const analyzeSeconds = (Date.now() - analyzeStarted) / 1000;

    // Last, so that only a complete dataset is ever reused.
    await knex.raw(`COMMENT ON DATABASE ?? IS '${JSON.stringify(shape)}'`, [
      database,
    ]);
    return {
      rowsLoaded,
      loadSeconds,
      evaluated,
      evaluationSeconds,
      analyzeSeconds,
      verdicts,
    };
  } finally {
    await knex.destroy();
  }
}

/** What the dataset's tables hold now, and their size on disk. */
export async function describeDataset(url: string, database: string) {
  const knex = knexFactory({ client: 'pg', connection: `${url}/${database}` });
  try {
    const count = async (table: string) =>
      Number((await knex(table).count({ n: '*' }))[0].n);
    const { rows } = await knex.raw(
      'SELECT pg_size_pretty(pg_database_size(current_database())) AS size',
    );
    return {
      deployments: await count('deployments'),
      verdicts: await count('verdicts'),
      databaseSize: rows[0].size as string,
    };
  } finally {
    await knex.destroy();
  }
}
