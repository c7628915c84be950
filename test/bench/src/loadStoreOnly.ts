/*
 * The store's share of each read endpoint: the same store calls the routes make, on the same
 * services, pages and deployments, from `concurrency` callers in the benchmark's own process,
 * without HTTP, tokens, permissions or the catalog. The difference to the endpoint's figures is
 * what the rest of the stack costs.
 */
import knexFactory from 'knex';
import {
  KnexEvidenceStore,
  summarise,
} from '@change-compliance/plugin-change-compliance-backend/testUtils';
import { Random } from '@internal/upstream-simulator';
import { TEAMS_PER_DEPARTMENT } from './loadCatalog';
import { DatasetShape } from './loadDataset';
import { latencySummary } from './percentiles';

const PERIOD = {
  from: '2026-05-15T00:00:00.000Z',
  to: '2026-08-13T00:00:00.000Z',
};

export interface StoreOnlyResult {
  endpoint: string;
  concurrency: number;
  callsPerSecond: number;
  p50Ms?: number;
  p95Ms?: number;
}

export async function measureStoreOnly(options: {
  postgresUrl: string;
  database: string;
  shape: DatasetShape;
  concurrency: number;
  seconds: number;
}): Promise<StoreOnlyResult[]> {
  const { shape, concurrency, seconds } = options;
  const knex = knexFactory({
    client: 'pg',
    connection: `${options.postgresUrl}/${options.database}`,
    // As the backend's pool for a plugin: Backstage's default.
    pool: { min: 0, max: 10 },
  });
  try {
    // Migrated as the backend would migrate it on start: the store's queries may need the
    // newest schema.
    const store = await KnexEvidenceStore.create({
      database: { getClient: async () => knex, migrations: { skip: false } },
    });
    const random = new Random('store-only');
    const service = () =>
      `component:default/service-${random.integer(0, shape.services - 1)}`;
    const summary = async (ref: string) =>
      summarise(ref, await store.countVerdicts(ref, PERIOD), PERIOD);
    const calls: Record<string, () => Promise<unknown>> = {
      'service summary': () => summary(service()),
      'deployments page': () =>
        store.pageDeployments(service(), PERIOD, {
          offset:
            50 *
            random.integer(0, Math.ceil(shape.deploymentsPerService / 50) - 1),
          limit: 50,
        }),
      'deployment detail': () => {
        const id = `bench/${random.integer(
          0,
          shape.services - 1,
        )}-${random.integer(1, shape.deploymentsPerService)}`;
        return Promise.all([
          store.getDeployment(id),
          store.getEvaluation(id),
          store.verdictHistory(id),
        ]);
      },
      'group rollup (department, 20 services)': () => {
        const first =
          TEAMS_PER_DEPARTMENT *
          random.integer(
            0,
            Math.floor(shape.services / TEAMS_PER_DEPARTMENT) - 1,
          );
        return Promise.all(
          Array.from({ length: TEAMS_PER_DEPARTMENT }, (_, i) =>
            summary(`component:default/service-${first + i}`),
          ),
        );
      },
    };
    const results: StoreOnlyResult[] = [];
    for (const [endpoint, call] of Object.entries(calls)) {
      const times: number[] = [];
      const until = Date.now() + seconds * 1000;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (Date.now() < until) {
            const started = performance.now();
            await call();
            times.push(performance.now() - started);
          }
        }),
      );
      const { p50Ms, p95Ms } = latencySummary(times);
      results.push({
        endpoint,
        concurrency,
        callsPerSecond: Math.round(times.length / seconds),
        p50Ms,
        p95Ms,
      });
    }
    return results;
  } finally {
    await knex.destroy();
  }
}
