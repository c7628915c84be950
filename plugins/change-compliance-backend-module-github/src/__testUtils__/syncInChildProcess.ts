/*
 * One GitHub sync in a process of its own, so that a test can kill it mid-way like a crashed or
 * redeployed backend: `node -r sucrase/register/ts syncInChildProcess.ts <simulator> <now> <db>`.
 * The store is the SQLite file the parent test created and reads afterwards.
 */
import {
  KnexEvidenceStore,
  StoreEvidenceSink,
} from '@change-compliance/plugin-change-compliance-backend/testUtils';
import knexFactory from 'knex';
import { providerForSimulator } from './simulatedGithub';

async function main() {
  const [simulatorUrl, now, filename] = process.argv.slice(2);
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
  });
  const store = await KnexEvidenceStore.create({
    database: { getClient: async () => knex, migrations: { skip: true } },
  });
  const provider = providerForSimulator(simulatorUrl, now);
  await provider.connect(new StoreEvidenceSink(store, async () => {}));
  process.stdout.write('syncing\n');
  await provider.syncAll();
  await knex.destroy();
}

main().catch(error => {
  process.stderr.write(`${error}\n`);
  process.exit(1);
});
