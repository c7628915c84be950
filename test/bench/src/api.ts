/*
 * API latency benchmark: loads one service with 5,000 evaluated production deployments into
 * PostgreSQL, starts the real portal backend (packages/backend) on that database, signs in as the
 * demo's guest user and drives the service summary and the paginated deployments endpoints with
 * autocannon (16 concurrent connections by default). Every request goes through the whole stack:
 * user token, permission check through the permission backend, store query, JSON answer.
 *
 *   yarn workspace @internal/bench bench:api
 *   yarn workspace @internal/bench bench:api --deployments 5000 --connections 16 --seconds 20
 *   yarn workspace @internal/bench bench:api --node-env production
 *   yarn workspace @internal/bench bench:api --remembered-answers-mb 0
 *
 * The backend gives an answer about a service again while the service's evidence is unchanged
 * (RememberedAnswers); `--remembered-answers-mb 0` turns that off, to measure every answer
 * computed anew. The last measurements record a new deployment of the service every second while
 * they read, so that answers are computed again as the evidence moves.
 *
 * PostgreSQL: BENCH_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432). The backend's
 * databases get the prefix `cc_bench_api_` and are dropped at the end. Port: BENCH_PORT (7017).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import knexFactory from 'knex';
import {
  KnexEvidenceStore,
  evaluateService,
  summarise,
} from '@change-compliance/plugin-change-compliance-backend/testUtils';
import {
  benchmarkPolicy,
  generateService,
  loadService,
  serviceToEvaluate,
} from './syntheticOrganisation';
import { argument } from './arguments';
import { dropDatabases } from './benchDatabases';
import { percentile } from './percentiles';
import {
  guestToken,
  startBackend,
  stopBackend,
  waitForBackend,
} from './portalBackend';
import { repositoryRoot } from './repositoryRoot';

const deployments = Number(argument('deployments', '5000'));
const connections = Number(argument('connections', '16'));
const seconds = Number(argument('seconds', '20'));
const nodeEnvironment = argument('node-env', 'development');
const rememberedAnswersMegabytes = argument('remembered-answers-mb', '');
const url =
  process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';
const port = Number(process.env.BENCH_PORT ?? 7017);
const prefix = 'cc_bench_api_';

/** Loads and evaluates the service in the database the backend will use for our plugin. */
async function prepareEvidence() {
  const admin = knexFactory({ client: 'pg', connection: `${url}/postgres` });
  const database = `${prefix}change-compliance`;
  await admin.raw('CREATE DATABASE ??', [database]);
  await admin.destroy();
  const knex = knexFactory({ client: 'pg', connection: `${url}/${database}` });
  try {
    const store = await KnexEvidenceStore.create({
      database: { getClient: async () => knex, migrations: { skip: false } },
    });
    await loadService(store, generateService(0, deployments));
    const run = await evaluateService({
      store,
      policy: benchmarkPolicy(1),
      service: serviceToEvaluate(0),
      windowStart: '2026-01-01T00:00:00.000Z',
      evaluatedAt: new Date().toISOString(),
      cause: 'benchmark',
    });
    // As autovacuum does after a bulk load: statistics for the planner, and the visibility map
    // that lets PostgreSQL answer counts from an index alone.
    await knex.raw('VACUUM ANALYZE');
    return { evaluated: run.evaluated, store: await measureStore(store) };
  } finally {
    await knex.destroy();
  }
}

/**
 * The store's share of each answer, without HTTP, tokens or permissions: the same queries the
 * endpoints make, from 16 concurrent callers in this process, on the same database.
 */
async function measureStore(store: KnexEvidenceStore) {
  const period = {
    from: '2026-01-01T00:00:00.000Z',
    to: '2027-01-01T00:00:00.000Z',
  };
  const serviceRef = serviceToEvaluate(0).entityRef;
  const calls: Record<string, () => Promise<unknown>> = {
    'service summary': async () =>
      summarise(
        serviceRef,
        await store.countVerdicts(serviceRef, period),
        period,
      ),
    'deployments, first page': () =>
      store.pageDeployments(serviceRef, period, { offset: 0, limit: 50 }),
    'deployments, page 10 filtered to exceptions': () =>
      store.pageDeployments(
        serviceRef,
        { ...period, verdict: 'exception' },
        { offset: 450, limit: 50 },
      ),
  };
  const results = [];
  for (const [endpoint, call] of Object.entries(calls)) {
    const times: number[] = [];
    const until = Date.now() + 5000;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (Date.now() < until) {
          const started = performance.now();
          await call();
          times.push(performance.now() - started);
        }
      }),
    );
    times.sort((a, b) => a - b);
    results.push({
      endpoint,
      calls: times.length,
      p50Ms: percentile(times, 50),
      p95Ms: percentile(times, 95),
    });
  }
  return results;
}

/**
 * Runs the measurements one after another while a new deployment of the service is recorded every
 * second, straight into the plugin's database (as a pipeline's event would be): each one moves
 * the service's revision, so the backend computes its answers again.
 */
async function whileDeploying<T>(
  measurements: Array<() => Promise<T>>,
): Promise<T[]> {
  const knex = knexFactory({
    client: 'pg',
    connection: `${url}/${prefix}change-compliance`,
  });
  const store = await KnexEvidenceStore.create({
    database: { getClient: async () => knex, migrations: { skip: true } },
  });
  let recorded = 0;
  const recording = setInterval(() => {
    recorded += 1;
    store
      .recordDeployment({
        source: 'bench-live',
        externalId: `${process.pid}-${recorded}`,
        serviceRef: serviceToEvaluate(0).entityRef,
        environment: 'production',
        commitSha: '0'.repeat(40),
        deployedAt: new Date().toISOString(),
        ref: 'main',
        status: 'success',
        ticketKeys: [],
      })
      .catch(error => console.error(error));
  }, 1000);
  try {
    const results: T[] = [];
    for (const run of measurements) {
      results.push(await run());
    }
    return results;
  } finally {
    clearInterval(recording);
    await knex.destroy();
  }
}

/** Drives one endpoint; p95 comes from every response time autocannon reports, not a histogram bucket. */
async function measure(title: string, target: string, token: string) {
  const times: number[] = [];
  const statuses: Record<number, number> = {};
  let instance: autocannon.Instance | undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: target,
        connections,
        duration: seconds,
        headers: { authorization: `Bearer ${token}` },
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
  instance!.on('response', (_client, statusCode, _bytes, responseTime) => {
    times.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
  const result = await finished;
  times.sort((a, b) => a - b);
  return {
    endpoint: title,
    requests: times.length,
    requestsPerSecond: Math.round(result.requests.average),
    statuses,
    errors: result.errors + result.timeouts,
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    p99Ms: percentile(times, 99),
    maxMs: times[times.length - 1],
  };
}

async function main() {
  await dropDatabases(url, prefix);
  const { evaluated, store } = await prepareEvidence();
  const configDirectory = fs.mkdtempSync(
    path.join(os.tmpdir(), 'cc-bench-api-'),
  );
  const configFile = path.join(configDirectory, 'app-config.bench.yaml');
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      backend: {
        baseUrl: `http://localhost:${port}`,
        listen: { port },
        database: { client: 'pg', connection: url, prefix },
      },
      auth: {
        providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
      },
      ...(rememberedAnswersMegabytes
        ? {
            changeCompliance: {
              rememberedAnswersMegabytes: Number(rememberedAnswersMegabytes),
            },
          }
        : {}),
    }),
  );
  // `--node-env production` measures the stack as a production portal runs it (JSON logs, no
  // development-only middleware); the guest sign-in the benchmark uses is then allowed by the
  // benchmark's own configuration.
  const backend = startBackend(
    [path.join(repositoryRoot, 'app-config.yaml'), configFile],
    nodeEnvironment,
    path.join(configDirectory, 'backend.log'),
  );
  const base = `http://localhost:${port}`;
  try {
    await waitForBackend(base);
    const token = await guestToken(base);
    if (process.argv.includes('--hold')) {
      // For profiling by hand: leave the backend up until Ctrl-C, then clean up.
      console.log(`backend at ${base}; token: ${token}`);
      await new Promise(resolve => process.once('SIGINT', resolve));
      return;
    }
    const service = `${base}/api/change-compliance/entities/component/default/service-0`;
    // A period that holds all the service's deployments: the worst case for the summary.
    const period = 'from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z';
    // Warm-up: connection pools, the permission backend, the query plans.
    await measure('warm-up', `${service}/summary?${period}`, token);
    const results = [
      // The floor: what any request costs on this stack, before the store is asked anything.
      await measure(
        'floor: GET /health (no token, no permission check)',
        `${base}/api/change-compliance/health`,
        token,
      ),
      await measure(
        'floor: GET /policy (token and permission check only)',
        `${base}/api/change-compliance/policy`,
        token,
      ),
      await measure('service summary', `${service}/summary?${period}`, token),
      await measure(
        'deployments, first page',
        `${service}/deployments?${period}`,
        token,
      ),
      await measure(
        'deployments, page 10 filtered to exceptions',
        `${service}/deployments?${period}&page=10&verdict=exception`,
        token,
      ),
      ...(await whileDeploying([
        () =>
          measure(
            'service summary, a deployment recorded every second',
            `${service}/summary?${period}`,
            token,
          ),
        () =>
          measure(
            'deployments, first page, a deployment recorded every second',
            `${service}/deployments?${period}`,
            token,
          ),
      ])),
    ];
    console.log(
      JSON.stringify(
        {
          node: process.version,
          evaluated,
          nodeEnvironment,
          connections,
          seconds,
          storeOnly: store,
          results,
        },
        null,
        2,
      ),
    );
  } finally {
    await stopBackend(backend);
    await dropDatabases(url, prefix);
    fs.rmSync(configDirectory, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
