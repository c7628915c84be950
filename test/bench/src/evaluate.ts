/*
 * Store and evaluation benchmark: loads a synthetic organisation's evidence (by default 100,000
 * production deployments across 20 services, each shipping one reviewed, ticketed, approved PR)
 * into SQLite or PostgreSQL through the real store, then evaluates every deployment with the real
 * engine. Prints rows/s for the load, deployments/s for the evaluation and the peak memory.
 *
 *   yarn workspace @internal/bench bench:evaluate --db sqlite
 *   yarn workspace @internal/bench bench:evaluate --db postgres --deployments 100000
 *   yarn workspace @internal/bench bench:evaluate --db postgres --services-at-once 1
 *
 * PostgreSQL: BENCH_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432); a scratch database
 * is created, analysed after the load, and dropped. Results go to docs/benchmarks.md by hand, with
 * the command.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import {
  KnexEvidenceStore,
  evaluateService,
  SERVICES_AT_ONCE,
} from '@change-compliance/plugin-change-compliance-backend/testUtils';
import { inParallel } from '@change-compliance/plugin-change-compliance-node';
import {
  benchmarkPolicy,
  generateService,
  loadService,
  serviceToEvaluate,
} from './syntheticOrganisation';
import { argument } from './arguments';

const db = argument('db', 'sqlite');
const totalDeployments = Number(argument('deployments', '100000'));
const serviceCount = Number(argument('services', '20'));
const perService = Math.ceil(totalDeployments / serviceCount);
const servicesAtOnce = Number(
  argument('services-at-once', String(SERVICES_AT_ONCE)),
);

const policy = benchmarkPolicy(serviceCount);

async function openDatabase(): Promise<{
  knex: Knex;
  close: () => Promise<void>;
}> {
  if (db === 'sqlite') {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-bench-'));
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(directory, 'bench.sqlite') },
      useNullAsDefault: true,
    });
    return {
      knex,
      close: async () => {
        await knex.destroy();
        fs.rmSync(directory, { recursive: true, force: true });
      },
    };
  }
  const url =
    process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';
  const name = `cc_bench_${process.pid}`;
  const admin = knexFactory({ client: 'pg', connection: `${url}/postgres` });
  await admin.raw(`CREATE DATABASE ${name}`);
  const knex = knexFactory({
    client: 'pg',
    connection: `${url}/${name}`,
    pool: { min: 1, max: 10 },
  });
  return {
    knex,
    close: async () => {
      await knex.destroy();
      await admin.raw(`DROP DATABASE ${name}`);
      await admin.destroy();
    },
  };
}

async function main() {
  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const { knex, close } = await openDatabase();
  try {
    const store = await KnexEvidenceStore.create({
      database: { getClient: async () => knex, migrations: { skip: false } },
    });

    let rows = 0;
    const loadStarted = Date.now();
    for (let s = 0; s < serviceCount; s++) {
      rows += await loadService(store, generateService(s, perService));
    }
    if (db === 'postgres') {
      // The planner's statistics, as autovacuum would have gathered them by the time a production
      // database is evaluated. A server without autovacuum (these machines' CI configuration turns
      // it off) has none after a bulk load, and then reads the evidence by scanning whole tables.
      await knex.raw('ANALYZE');
    }
    const loadSeconds = (Date.now() - loadStarted) / 1000;

    const evaluationStarted = Date.now();
    let evaluated = 0;
    const verdicts: Record<string, number> = {};
    // As the portal's scheduled pass does it (reevaluateCatalog): SERVICES_AT_ONCE services at
    // once, unless --services-at-once says otherwise.
    await inParallel(
      Array.from({ length: serviceCount }, (_, s) => s),
      servicesAtOnce,
      async s => {
        const run = await evaluateService({
          store,
          policy,
          service: serviceToEvaluate(s),
          windowStart: '2026-01-01T00:00:00.000Z',
          evaluatedAt: '2026-12-31T00:00:00.000Z',
          cause: 'benchmark',
        });
        evaluated += run.evaluated;
        for (const change of run.changes)
          verdicts[change.verdict] = (verdicts[change.verdict] ?? 0) + 1;
      },
    );
    const evaluationSeconds = (Date.now() - evaluationStarted) / 1000;

    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const result = {
      db,
      node: process.version,
      deployments: evaluated,
      rowsLoaded: rows,
      loadSeconds,
      loadRowsPerSecond: Math.round(rows / loadSeconds),
      servicesAtOnce,
      evaluationSeconds,
      evaluatedDeploymentsPerSecond: Math.round(evaluated / evaluationSeconds),
      peakRssMiB: Math.round(peakRss / 1024 / 1024),
      verdicts,
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    clearInterval(sampler);
    await close();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
