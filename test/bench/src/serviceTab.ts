/*
 * Service tab benchmark: how soon the Change Compliance tab of a service with 1,000 production
 * deployments in the period is usable in headless Chromium, and how much of the plugin's
 * JavaScript the browser fetches only when the tab is opened.
 *
 *   yarn workspace app build      # once: the production build of the frontend the backend serves
 *   yarn workspace @internal/bench bench:service-tab
 *   yarn workspace @internal/bench bench:service-tab --deployments 1000 --runs 5
 *
 * One service (`service-0`) gets the deployments, all inside the tab's default period (the last
 * 90 days), loaded into PostgreSQL through the real store and evaluated by the real engine. The
 * real portal backend serves the API and the built frontend; the catalog holds that service. The
 * demo's guest signs in through the sign-in page, then each run loads the service's Overview page
 * afresh, clicks the "Change Compliance" tab and measures, from the click:
 *
 * - history: until the deployment history table shows its rows (score and trend beside it);
 * - expanded: until, after a click on the newest deployment's row, its trace is on screen.
 *
 * The first run starts with an empty browser cache (the tab's code is fetched then); later runs
 * reuse the cache, as a second visit would. Chromium: CHROMIUM_PATH (default /usr/bin/chromium).
 * PostgreSQL: BENCH_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432); databases get
 * the prefix `cc_bench_tab_` and are dropped at the end. Port: BENCH_PORT (7027).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, Page, Response } from '@playwright/test';
import knexFactory from 'knex';
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
import { argument } from './arguments';
import { repositoryRoot } from './repositoryRoot';
import { dropDatabases } from './benchDatabases';
import { codeFromSources } from './bundleComposition';
import {
  poll,
  startBackend,
  stopBackend,
  waitForBackend,
} from './portalBackend';

const deployments = Number(argument('deployments', '1000'));
const runs = Number(argument('runs', '5'));
const url =
  process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';
const port = Number(process.env.BENCH_PORT ?? 7027);
const base = `http://localhost:${port}`;
const prefix = 'cc_bench_tab_';
const DAY_MS = 24 * 60 * 60 * 1000;

/** The service's evidence, evaluated, in the database the backend will use for our plugin. */
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
    // A deployment every 40 minutes from 45 days ago: 1,000 of them fit in the default period.
    const start = Date.now() - 45 * DAY_MS;
    await loadService(store, generateService(0, deployments, { start }));
    const run = await evaluateService({
      store,
      policy: benchmarkPolicy(1),
      service: serviceToEvaluate(0),
      windowStart: new Date(start - 2 * DAY_MS).toISOString(),
      evaluatedAt: new Date().toISOString(),
      cause: 'benchmark',
    });
    await knex.raw('ANALYZE');
    return run.evaluated;
  } finally {
    await knex.destroy();
  }
}

/** The backend's configuration: this database, a catalog of the one service, no other work. */
function writeConfig(directory: string) {
  const catalogFile = path.join(directory, 'catalog.yaml');
  // The service, and the user the demo's guest sign-in resolves to.
  const entities = [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'service-0',
        annotations: { 'github.com/project-slug': 'bench/service-0' },
      },
      spec: { type: 'service', lifecycle: 'production', owner: 'team-0' },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: 'guest' },
      spec: { memberOf: [] },
    },
  ];
  fs.writeFileSync(
    catalogFile,
    entities.map(entity => JSON.stringify(entity)).join('\n---\n'),
  );
  const configFile = path.join(directory, 'app-config.bench.yaml');
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      app: { baseUrl: base },
      backend: {
        baseUrl: base,
        listen: { port },
        cors: { origin: base },
        database: { client: 'pg', connection: url, prefix },
      },
      catalog: {
        locations: [{ type: 'file', target: catalogFile }],
        rules: [{ allow: ['Component', 'User'] }],
      },
      // The evaluation the benchmark stored stays as it is while the browser reads it.
      changeCompliance: {
        schedule: {
          frequency: { hours: 24 },
          timeout: { minutes: 15 },
          initialDelay: { hours: 1 },
        },
      },
    }),
  );
  return configFile;
}

interface Chunk {
  url: string;
  bytes: number;
  transferred: number;
}

/** Every JavaScript file the page fetches from the network while `action` runs. */
async function scriptsFetchedDuring(
  page: Page,
  action: () => Promise<void>,
): Promise<Chunk[]> {
  const pending: Promise<Chunk | undefined>[] = [];
  const listener = (response: Response) => {
    if (!response.url().endsWith('.js') || response.fromServiceWorker()) {
      return;
    }
    pending.push(
      (async () => {
        if (response.status() !== 200) return undefined; // 304: from the cache
        const body = await response.body();
        const sizes = await response.request().sizes();
        return {
          url: new URL(response.url()).pathname,
          bytes: body.length,
          transferred: sizes.responseBodySize,
        };
      })(),
    );
  };
  page.on('response', listener);
  try {
    await action();
  } finally {
    page.off('response', listener);
  }
  return (await Promise.all(pending)).filter((c): c is Chunk => Boolean(c));
}

const total = (chunks: Chunk[], key: 'bytes' | 'transferred') =>
  chunks.reduce((n, c) => n + c[key], 0);

const tabLink = (page: Page) =>
  page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'Change Compliance' });

/** Loads the service's Overview page afresh, until its tabs are there. */
async function openOverview(page: Page) {
  await page.goto(`${base}/catalog/default/component/service-0`);
  await tabLink(page).waitFor();
}

/** From the Overview page: opens the tab, then the newest deployment's trace; times both. */
async function openTab(page: Page) {
  const history = page.getByRole('table', { name: 'Production deployments' });
  const traceButtons = history.getByRole('button', {
    name: /^Show the trace of /,
  });
  const clicked = performance.now();
  await tabLink(page).click();
  await traceButtons.first().waitFor();
  const shown = performance.now();
  await traceButtons.first().click();
  await page
    .getByRole('listitem', { name: /\(([a-z.-]+)\): (pass|fail|pending)$/ })
    .first()
    .waitFor();
  const expanded = performance.now();
  return {
    historyMs: Math.round(shown - clicked),
    expandedMs: Math.round(expanded - clicked),
    rows: await traceButtons.count(),
  };
}

async function main() {
  if (
    !fs.existsSync(path.join(repositoryRoot, 'packages/app/dist/index.html'))
  ) {
    throw new Error(
      'the frontend is not built: run `yarn workspace app build` first',
    );
  }
  await dropDatabases(url, prefix);
  const evaluated = await prepareEvidence();
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-bench-tab-'));
  const backendLog = path.join(directory, 'backend.log');
  const backend = startBackend(
    [path.join(repositoryRoot, 'app-config.yaml'), writeConfig(directory)],
    'development',
    backendLog,
  );
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage({
    viewport: { width: 1440, height: 900 },
  });
  try {
    await waitForBackend(base);
    // Sign in, and let the catalog pick the service up.
    const initial = await scriptsFetchedDuring(page, async () => {
      await page.goto(base);
      await page.getByRole('button', { name: 'Enter' }).click();
      await page
        .getByRole('heading', { name: 'Northwind Bank (demo) Catalog' })
        .waitFor();
    });
    await poll('the catalog did not show the service', 240, async () => {
      await page.goto(`${base}/catalog/default/component/service-0`);
      await page
        .getByRole('link', { name: 'Change Compliance' })
        .waitFor({ timeout: 5000 });
      return true;
    });
    await page.goto(base);

    const timings: Awaited<ReturnType<typeof openTab>>[] = [];
    const fetchedBy = { overview: [] as Chunk[], tab: [] as Chunk[] };
    for (let run = 0; run < runs; run++) {
      const overview = await scriptsFetchedDuring(page, () =>
        openOverview(page),
      );
      let timing: Awaited<ReturnType<typeof openTab>> | undefined;
      const tab = await scriptsFetchedDuring(page, async () => {
        timing = await openTab(page);
      });
      if (run === 0) Object.assign(fetchedBy, { overview, tab });
      timings.push(timing!);
    }
    // Which of the built files hold the plugin's own code, and when the browser fetched each.
    const fetchedWhen = (file: string) => {
      const fetched = (chunks: Chunk[]) =>
        chunks.some(c => c.url === `/static/${file}`);
      if (fetched(initial)) return 'sign-in and catalog';
      if (fetched(fetchedBy.overview)) return 'service overview';
      if (fetched(fetchedBy.tab)) return 'tab opened';
      return 'not fetched';
    };
    const pluginCode = codeFromSources(
      path.join(repositoryRoot, 'packages/app/dist/static'),
      source => /\/plugins\/change-compliance(-common)?\//.test(source),
    ).map(share => ({ ...share, fetched: fetchedWhen(share.file) }));
    const sorted = (key: 'historyMs' | 'expandedMs') =>
      timings.map(t => t[key]).sort((a, b) => a - b);
    console.log(
      JSON.stringify(
        {
          node: process.version,
          deployments: evaluated,
          runs: timings,
          medianHistoryMs: sorted('historyMs')[Math.floor(runs / 2)],
          medianExpandedMs: sorted('expandedMs')[Math.floor(runs / 2)],
          coldRun: timings[0],
          initialLoad: {
            scripts: initial.length,
            bytes: total(initial, 'bytes'),
            transferred: total(initial, 'transferred'),
          },
          tabOpened: {
            scripts: fetchedBy.tab.map(c => c.url),
            bytes: total(fetchedBy.tab, 'bytes'),
            transferred: total(fetchedBy.tab, 'transferred'),
          },
          pluginCode,
        },
        null,
        2,
      ),
    );
  } catch (error) {
    // What the browser showed when it failed, to read the failure from.
    await page.screenshot({ path: path.join(directory, 'failure.png') });
    console.error(`The backend's log and a screenshot are in ${directory}`);
    throw error;
  } finally {
    await browser.close();
    await stopBackend(backend);
    await dropDatabases(url, prefix);
  }
  fs.rmSync(directory, { recursive: true, force: true });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
