import path from 'node:path';
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  KnexEvidenceStore,
  StoreEvidenceSink,
} from '@change-compliance/plugin-change-compliance-backend/testUtils';
import {
  generateDemoOrganisation,
  Organisation,
} from '@internal/upstream-simulator';
import { LoggerService } from '@backstage/backend-plugin-api';

export const NOW = '2026-11-20T00:00:00.000Z';

export const PAYMENTS_API = 'component:default/payments-api';

/** The demo organisation `make start` serves, with its production cluster and attestations. */
export function demoOrganisation(): Organisation {
  return generateDemoOrganisation({
    examplesDirectory: path.resolve(__dirname, '../../../../examples'),
    seed: 42,
    now: NOW,
  });
}

/** Logs nowhere. */
export const SILENT: LoggerService = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => SILENT,
};

/** A store on a fresh SQLite database with payments-api as its one service, and a sink on it. */
export async function storeWithPaymentsApi(databases: TestDatabases) {
  const knex = await databases.init('SQLITE_3');
  const store = await KnexEvidenceStore.create({
    database: { getClient: async () => knex, migrations: { skip: false } },
  });
  await store.upsertServices([
    {
      entityRef: PAYMENTS_API,
      repositorySlug: 'northwind/payments-api',
      ticketProjectKey: 'PAY',
      sourcePaths: null,
    },
  ]);
  const evaluations: Array<{ services: string[]; cause: string }> = [];
  const sink = new StoreEvidenceSink(store, async (services, cause) => {
    evaluations.push({ services, cause });
  });
  return { knex, store, sink, evaluations };
}
