/*
 * Load benchmark of the large organisation on PostgreSQL: 2,000 services × 500 production
 * deployments (1,000,000) loaded through the real store and evaluated by the real engine, the
 * real portal backend on that database with a generated catalog of the organisation, then
 *   - the read endpoints (service summary, deployments page, one deployment, a department's group
 *     rollup) under 8, 32 and 64 concurrent clients, each request for a different service, page,
 *     deployment or department, drawn from a seeded list;
 *   - POST /deployments at 200 events/s with an external access token, some events posted twice,
 *     and the database checked afterwards: one deployment per distinct event, none lost.
 * Prints p50/p95/p99, requests/s and errors as JSON and as markdown tables for docs/benchmarks.md.
 *
 *   yarn workspace @internal/bench bench:load --reuse          the full run (prepares the dataset
 *                                                              the first time, reuses it after)
 *   yarn workspace @internal/bench bench:load --services 50 --deployments-per-service 100 \
 *     --seconds 5 --ingest-seconds 5 --reuse                   a quick run at small scale
 *
 * Options: --connections 8,32,64  --seconds 20 (per endpoint and concurrency)  --warmup-seconds 5
 * --ingest-rate 200  --ingest-seconds 30  --ingest-repeat-share 0.05  --ingest-max-in-flight 64
 * (pipelines posting at once; a post due while all are busy waits, and one still waiting 30 s
 * after the window is not sent at all: the rate was not sustained)
 * --load-concurrency 2  --node-env development|production  --skip-reads  --skip-ingest
 * --store-only-seconds 5  --skip-store-only (the store's share, measured before the backend starts)
 * Databases: `cc_bench_load_<services>x<per service>_*` on BENCH_POSTGRES_URL (default
 * postgresql://postgres@127.0.0.1:5432). Without --reuse an existing dataset is an error;
 * --fresh drops it first and loads again; --drop drops the databases at the end.
 * Each run's events stay in the dataset (a few thousand deployments among a million).
 */
import crypto from 'node:crypto';
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { argument } from './arguments';
import {
  departmentCount,
  departmentName,
  TEAMS_PER_DEPARTMENT,
  writeCatalogFile,
} from './loadCatalog';
import {
  waitForCatalog,
  waitForCatalogQuiet,
  writeBackendConfig,
} from './loadBackend';
import {
  guestToken,
  startBackend,
  stopBackend,
  waitForBackend,
} from './portalBackend';
import { dropDatabases, listDatabases } from './benchDatabases';
import {
  DatasetPreparation,
  DatasetShape,
  describeDataset,
  prepareDataset,
  readDatasetShape,
} from './loadDataset';
import {
  driveIngestion,
  IngestionResult,
  planIngestion,
} from './loadIngestion';
import { driveReads, readEndpoints, ReadResult } from './loadReads';
import { markdownTables } from './loadReport';
import { measureStoreOnly, StoreOnlyResult } from './loadStoreOnly';

const flag = (name: string) => process.argv.includes(`--${name}`);

const shape: DatasetShape = {
  services: Number(argument('services', '2000')),
  deploymentsPerService: Number(argument('deployments-per-service', '500')),
};
const connectionCounts = argument('connections', '8,32,64')
  .split(',')
  .map(Number);
const seconds = Number(argument('seconds', '20'));
const warmupSeconds = Number(argument('warmup-seconds', '5'));
const storeOnlySeconds = Number(argument('store-only-seconds', '5'));
const ingestRate = Number(argument('ingest-rate', '200'));
const ingestSeconds = Number(argument('ingest-seconds', '30'));
const repeatShare = Number(argument('ingest-repeat-share', '0.05'));
const maxInFlight = Number(argument('ingest-max-in-flight', '64'));
const loadConcurrency = Number(argument('load-concurrency', '2'));
const nodeEnvironment = argument('node-env', 'development');
const postgresUrl =
  process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';

const prefix = `cc_bench_load_${shape.services}x${shape.deploymentsPerService}_`;
const evidenceDatabase = `${prefix}change-compliance`;

const log = (line: string) =>
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);

function loadAverage(): string {
  return os
    .loadavg()
    .map(n => n.toFixed(2))
    .join(', ');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The dataset, loaded now or by an earlier run; undefined preparation when reused. */
async function ensureDataset(): Promise<DatasetPreparation | undefined> {
  if (flag('fresh')) await dropDatabases(postgresUrl, prefix);
  const existing = await listDatabases(postgresUrl, prefix);
  if (existing.includes(evidenceDatabase)) {
    const recorded = await readDatasetShape(postgresUrl, evidenceDatabase);
    if (!recorded) {
      if (!flag('reuse')) {
        throw new Error(
          `${evidenceDatabase} holds an incomplete load; pass --reuse or --fresh to load it again`,
        );
      }
      log(`${evidenceDatabase} holds an incomplete load; loading again`);
      await dropDatabases(postgresUrl, prefix);
    } else if (flag('reuse')) {
      log(`reusing ${evidenceDatabase}: ${JSON.stringify(recorded)}`);
      return undefined;
    } else {
      throw new Error(
        `${evidenceDatabase} exists; pass --reuse to use it, or --fresh to load it again`,
      );
    }
  }
  log(
    `loading ${shape.services} services × ${shape.deploymentsPerService} deployments into ${evidenceDatabase}`,
  );
  const preparation = await prepareDataset({
    url: postgresUrl,
    database: evidenceDatabase,
    shape,
    concurrency: loadConcurrency,
    progress: log,
  });
  log(`dataset ready: ${JSON.stringify(preparation)}`);
  return preparation;
}

async function main() {
  const startedAt = new Date().toISOString();
  const loadBefore = loadAverage();
  const uptimeBefore = execSync('uptime').toString().trim();
  log(`uptime: ${uptimeBefore}`);
  const preparation = await ensureDataset();
  const dataset = await describeDataset(postgresUrl, evidenceDatabase);
  const storeOnly: StoreOnlyResult[] = [];
  if (!flag('skip-reads') && !flag('skip-store-only')) {
    // Before the backend starts, so that nothing else runs beside it.
    for (const concurrency of connectionCounts) {
      log(`store only, ${concurrency} callers`);
      storeOnly.push(
        ...(await measureStoreOnly({
          postgresUrl,
          database: evidenceDatabase,
          shape,
          concurrency,
          seconds: storeOnlySeconds,
        })),
      );
    }
  }

  // A fixed place per shape: the catalog knows its location by path, so a reused catalog
  // database keeps finding the same file.
  const directory = path.join(os.tmpdir(), prefix.replace(/_$/, ''));
  fs.mkdirSync(directory, { recursive: true });
  const catalogFile = path.join(directory, 'catalog.yaml');
  const entities = writeCatalogFile(catalogFile, shape.services);
  const port = Number(process.env.BENCH_LOAD_PORT ?? (await freePort()));
  const ingestToken = crypto.randomBytes(24).toString('base64url');
  const configFile = path.join(directory, 'app-config.load.json');
  writeBackendConfig(configFile, {
    port,
    postgresUrl,
    databasePrefix: prefix,
    catalogFile,
    services: shape.services,
    ingestToken,
  });
  const backendLog = path.join(directory, 'backend.log');
  fs.writeFileSync(backendLog, '');
  log(`starting the backend on :${port} (log: ${backendLog})`);
  const backend = startBackend([configFile], nodeEnvironment, backendLog);
  // Ctrl-C must not leave the backend (its own process group) running.
  const interrupted = () =>
    void stopBackend(backend).finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const base = `http://localhost:${port}`;
  const reads: ReadResult[] = [];
  let ingestion: IngestionResult | undefined;
  let catalogSeconds = 0;
  try {
    await waitForBackend(base);
    const token = await guestToken(base);
    const catalogStarted = Date.now();
    const lastDepartment = departmentCount(shape.services) - 1;
    await waitForCatalog({
      base,
      token,
      entities,
      lastDepartment: departmentName(lastDepartment),
      lastDepartmentServices:
        shape.services - lastDepartment * TEAMS_PER_DEPARTMENT,
      progress: log,
    });
    await waitForCatalogQuiet({
      postgresUrl,
      database: `${prefix}catalog`,
      progress: log,
    });
    catalogSeconds = (Date.now() - catalogStarted) / 1000;
    log(`catalog ready after ${catalogSeconds} s`);

    if (!flag('skip-reads')) {
      const endpoints = [
        // The floor: a token and a permission check, no store.
        {
          name: 'floor: GET /policy',
          paths: ['/api/change-compliance/policy'],
        },
        ...readEndpoints(shape),
      ];
      for (const endpoint of endpoints) {
        log(`warm-up: ${endpoint.name}`);
        await driveReads({
          base,
          token,
          endpoint,
          connections: connectionCounts[0],
          seconds: warmupSeconds,
        });
      }
      for (const connections of connectionCounts) {
        for (const endpoint of endpoints) {
          const result = await driveReads({
            base,
            token,
            endpoint,
            connections,
            seconds,
          });
          log(JSON.stringify(result));
          reads.push(result);
        }
      }
    }

    if (!flag('skip-ingest')) {
      const runId = `r${Date.now().toString(36)}`;
      const posts = planIngestion({
        shape,
        rate: ingestRate,
        seconds: ingestSeconds,
        repeatShare,
        runId,
      });
      log(`ingestion: ${posts.length} posts at ${ingestRate}/s, run ${runId}`);
      ingestion = await driveIngestion({
        base,
        token: ingestToken,
        posts,
        rate: ingestRate,
        seconds: ingestSeconds,
        maxInFlight,
        timeoutSeconds: 300,
        giveUpSeconds: ingestSeconds + 30,
        postgresUrl,
        database: evidenceDatabase,
        runId,
      });
      log(
        JSON.stringify({
          ...ingestion,
          database: {
            ...ingestion.database,
            lost: ingestion.database.lost.length,
          },
        }),
      );
    }
  } finally {
    await stopBackend(backend);
    if (flag('drop')) {
      log(`dropping ${prefix}* databases`);
      await dropDatabases(postgresUrl, prefix);
    }
  }

  const report = {
    startedAt,
    node: process.version,
    nodeEnvironment,
    cpus: os.cpus().length,
    loadAverageBefore: loadBefore,
    loadAverageAfter: loadAverage(),
    shape,
    dataset,
    preparation: preparation ?? 'reused',
    catalog: { entities, secondsToIngest: catalogSeconds },
    secondsPerMeasurement: seconds,
    storeOnly,
    reads,
    ingestion,
  };
  console.log(JSON.stringify(report, null, 2));
  console.log();
  console.log(markdownTables(report));
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
