/*
 * The portal backend (packages/backend) for the load benchmark, on the benchmark's PostgreSQL
 * databases and catalog. Its configuration is written whole, without app-config.yaml: the demo
 * configuration points every provider at the upstream simulator on :7100, and a benchmark must
 * neither reach it nor measure a sync running beside the requests. Every provider's schedule and
 * the scheduled re-evaluation are put a day away for the same reason; the Jira module, which
 * cannot start unconfigured, is given a site that refuses connections (the dataset holds every
 * ticket its changes reference, so the evaluation never asks Jira for one).
 */
import fs from 'node:fs';
import knexFactory from 'knex';
import { poll } from './portalBackend';
import { benchmarkPolicy } from './syntheticOrganisation';

/** Not within the benchmark's run: first run in a day, then daily. */
const NOT_DURING_THE_RUN = {
  frequency: { hours: 24 },
  timeout: { minutes: 30 },
  initialDelay: { hours: 24 },
};

export interface LoadBackendOptions {
  port: number;
  postgresUrl: string;
  databasePrefix: string;
  catalogFile: string;
  services: number;
  /** The external access token pipelines would post deployment events with. */
  ingestToken: string;
}

export function writeBackendConfig(
  file: string,
  options: LoadBackendOptions,
): void {
  const policy = benchmarkPolicy(options.services);
  const config = {
    app: { baseUrl: 'http://localhost:3000' },
    backend: {
      baseUrl: `http://localhost:${options.port}`,
      listen: { port: options.port },
      database: {
        client: 'pg',
        connection: options.postgresUrl,
        prefix: options.databasePrefix,
      },
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: {
              token: options.ingestToken,
              subject: 'bench-load-pipeline',
            },
            accessRestrictions: [
              {
                plugin: 'change-compliance',
                permission: 'change-compliance.deployment.ingest',
              },
            ],
          },
        ],
      },
    },
    auth: {
      providers: {
        guest: {
          userEntityRef: 'user:default/guest',
          dangerouslyAllowOutsideDevelopment: true,
        },
      },
    },
    catalog: {
      rules: [{ allow: ['Component', 'Group', 'User', 'Location'] }],
      locations: [{ type: 'file', target: options.catalogFile }],
      // Backstage's default re-processes every entity every 100 to 150 s: for 8,100 entities
      // that alone kept a core of the backend busy. A portal with a catalog this size sets a
      // longer interval; the benchmark measures the plugin, not the catalog's refresh loop.
      processingInterval: { hours: 6 },
    },
    permission: { enabled: true },
    changeCompliance: {
      // The policy the dataset was evaluated under, so that a deployment event's re-evaluation
      // judges the service as the load did.
      policy: {
        ticketProjects: policy.ticketProjects,
        ticketFieldMapping: policy.ticketFieldMapping,
        approverGroups: policy.approverGroups,
      },
      schedule: NOT_DURING_THE_RUN,
      github: { schedule: NOT_DURING_THE_RUN },
      gitlab: { schedule: NOT_DURING_THE_RUN },
      jira: {
        baseUrl: 'http://127.0.0.1:9/jira',
        email: 'bench@example.com',
        apiToken: 'unused',
        approvedStatuses: ['Approved'],
        schedule: NOT_DURING_THE_RUN,
      },
    },
  };
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
}

/**
 * Waits until the catalog has ingested and stitched the whole organisation: every entity is
 * there, and the last department's rollup finds all its services through its sub-groups.
 */
export function waitForCatalog(options: {
  base: string;
  token: string;
  entities: number;
  lastDepartment: string;
  lastDepartmentServices: number;
  progress: (line: string) => void;
}) {
  const { base, token } = options;
  const headers = { authorization: `Bearer ${token}` };
  let reported = -1;
  return poll('the catalog did not ingest the organisation', 1800, async () => {
    const response = await fetch(
      `${base}/api/catalog/entities/by-query?limit=1&filter=kind=component,kind=group,kind=user`,
      { headers },
    );
    const { totalItems } = (await response.json()) as { totalItems: number };
    if (totalItems !== reported) {
      options.progress(
        `catalog: ${totalItems} of ${options.entities} entities`,
      );
      reported = totalItems;
    }
    if (totalItems < options.entities) return undefined;
    const rollup = await fetch(
      `${base}/api/change-compliance/groups/default/${options.lastDepartment}/summary`,
      { headers },
    );
    const { services } = (await rollup.json()) as { services: unknown[] };
    return services.length === options.lastDepartmentServices
      ? true
      : undefined;
  });
}

/**
 * Waits until the catalog has processed every entity under the benchmark's processing interval:
 * none is due within the next hour. On a reused catalog database the entities were scheduled by
 * the previous run's backend, and processing them all again takes minutes of the backend's time.
 */
export async function waitForCatalogQuiet(options: {
  postgresUrl: string;
  database: string;
  progress: (line: string) => void;
}) {
  const knex = knexFactory({
    client: 'pg',
    connection: `${options.postgresUrl}/${options.database}`,
    pool: { min: 0, max: 1 },
  });
  let reported = -1;
  try {
    await poll('the catalog did not finish processing', 1800, async () => {
      const [{ due }] = await knex('refresh_state')
        .count({ due: '*' })
        .where('next_update_at', '<', knex.raw("now() + interval '1 hour'"));
      if (Number(due) !== reported) {
        options.progress(`catalog: ${due} entities due for processing`);
        reported = Number(due);
      }
      return Number(due) === 0 ? true : undefined;
    });
  } finally {
    await knex.destroy();
  }
}
