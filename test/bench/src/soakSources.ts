/*
 * The evidence sources of the demo portal, as its backend wires them, pointed at a running upstream
 * simulator and writing into one store: the GitHub module (changes, reviews, deployments, branch
 * protection), the Jira and ServiceNow ticket systems, and the build provenance from GitHub's
 * attestations. `round()` does what the scheduler does between two looks at the sources page:
 * every source's sync, then every service evaluated again, asking the ticket systems for the
 * tickets the changes reference.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  CatalogIdentities,
  evaluateService,
  KnexEvidenceStore,
  readPolicy,
  ServiceToEvaluate,
  StoreEvidenceSink,
} from '@change-compliance/plugin-change-compliance-backend/testUtils';
import {
  GithubClients,
  GithubEvidenceProvider,
} from '@change-compliance/plugin-change-compliance-backend-module-github';
import { JiraTicketSystem } from '@change-compliance/plugin-change-compliance-backend-module-jira';
import { GithubAttestationSource } from '@change-compliance/plugin-change-compliance-backend-module-kubernetes';
import {
  basicCredentials,
  ServiceNowTicketSystem,
  TableApiClient,
} from '@change-compliance/plugin-change-compliance-backend-module-servicenow';
import {
  EvidenceSink,
  RetryPolicy,
  SyncOutcome,
} from '@change-compliance/plugin-change-compliance-node';
import {
  DEMO_ATTESTATION_KEY_ID,
  DEMO_ATTESTATION_PUBLIC_KEY,
  DEMO_CREDENTIALS,
  MOUNTS,
  Organisation,
  readDemoCatalog,
} from '@internal/upstream-simulator';
import { ConfigReader, JsonObject } from '@backstage/config';
import { Knex } from 'knex';
import YAML from 'yaml';
import { repositoryRoot } from './repositoryRoot';
import { silentLogger } from './silentLogger';

const EXAMPLES = path.join(repositoryRoot, 'examples');
const WINDOW_DAYS = 180;

/** A sync that ended in failure, as the sources status recorded it. */
export interface RecordedFailure {
  provider: string;
  scope: string;
  error: string;
}

/** What one round met: the failures the sources status recorded, and failed ticket reads. */
export interface RoundOutcome {
  failures: RecordedFailure[];
  /** Ticket reads at evaluation time that failed (the backend logs them and goes on). */
  ticketFetchErrors: string[];
}

/** The `changeCompliance` section `make start` runs with. */
function demoChangeComplianceConfig(): JsonObject {
  return YAML.parse(
    fs.readFileSync(path.join(repositoryRoot, 'app-config.yaml'), 'utf8'),
  ).changeCompliance;
}

/** The demo catalog's users and groups, as the engine needs them to know who an account is. */
function demoIdentities(): CatalogIdentities {
  return CatalogIdentities.fromEntities(
    YAML.parseAllDocuments(
      fs.readFileSync(path.join(EXAMPLES, 'org.yaml'), 'utf8'),
    )
      .map(doc => doc.toJSON())
      .filter(e => Boolean(e?.kind)),
  );
}

/**
 * The demo services whose evidence these sources hold: those on GitHub and deployed through
 * GitHub deployments (GitLab projects and Argo CD applications have modules of their own).
 */
export function soakServices(organisation: Organisation): ServiceToEvaluate[] {
  const deployed = new Set(organisation.expected.map(e => e.service));
  return readDemoCatalog(EXAMPLES)
    .services.filter(
      s => deployed.has(s.entityRef) && s.host !== 'gitlab' && !s.argoCd,
    )
    .map(s => ({
      entityRef: s.entityRef,
      repository: s.repository,
      owningGroups: [`group:default/${s.owner}`],
      ticketSystems: ['jira'],
      ticketProjectKey: s.jiraProject,
      sourcePaths: s.sourceDirectory ? [`${s.sourceDirectory}/**`] : undefined,
      minApprovals: s.minApprovals,
    }));
}

/** The sink, with every failed sync it records kept aside as well. */
function recordingFailures(sink: EvidenceSink, into: RecordedFailure[]) {
  return new Proxy(sink, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property !== 'recordSync') return value;
      return async (outcome: SyncOutcome) => {
        if (outcome.result === 'failure') {
          into.push({
            provider: outcome.provider,
            scope: outcome.scope,
            error: outcome.error ?? 'unknown error',
          });
        }
        return value.call(target, outcome);
      };
    },
  });
}

/** The Backstage logger the modules take. */
export type ModuleLogger = NonNullable<
  NonNullable<Parameters<typeof GithubClients.fromConfig>[1]>['logger']
>;

export interface SoakSources {
  store: KnexEvidenceStore;
  round(): Promise<RoundOutcome>;
}

/**
 * Every source connected to a fresh store on `knex`. `retry` bounds each module's attempts: the
 * production defaults, except a shorter time limit per attempt (loopback answers in
 * milliseconds; a request the simulator never answers should not cost half a minute).
 */
export async function connectSoakSources(options: {
  simulatorUrl: string;
  knex: Knex;
  organisation: Organisation;
  retry: Partial<RetryPolicy>;
  /** Where the modules log (default nowhere). */
  logger?: ModuleLogger;
}): Promise<SoakSources> {
  const { simulatorUrl, knex, organisation, retry } = options;
  const logger = options.logger ?? silentLogger;
  const now = () => new Date(organisation.now);
  const host = new URL(simulatorUrl).host;
  const integrations = {
    github: [
      {
        host,
        apiBaseUrl: `${simulatorUrl}${MOUNTS.githubRest}`,
        token: DEMO_CREDENTIALS.githubToken,
      },
    ],
  };
  const demo = demoChangeComplianceConfig();
  const store = await KnexEvidenceStore.create({
    database: { getClient: async () => knex, migrations: { skip: false } },
  });
  const services = soakServices(organisation);
  await store.upsertServices(
    services.map(s => ({
      entityRef: s.entityRef,
      repositorySlug: s.repository,
      ticketProjectKey: s.ticketProjectKey ?? null,
      sourcePaths: s.sourcePaths?.join(',') ?? null,
    })),
  );
  const failures: RecordedFailure[] = [];
  const sink = recordingFailures(
    new StoreEvidenceSink(store, async () => {}),
    failures,
  );

  const github = new GithubEvidenceProvider({
    clients: GithubClients.fromConfig(new ConfigReader({ integrations }), {
      logger,
      requestPolicy: retry,
    }),
    host,
    windowDays: WINDOW_DAYS,
    logger,
    now,
  });
  const jira = JiraTicketSystem.fromConfig(
    new ConfigReader({
      changeCompliance: {
        windowDays: WINDOW_DAYS,
        policy: demo.policy,
        jira: {
          ...(demo.jira as JsonObject),
          baseUrl: `${simulatorUrl}${MOUNTS.jira}`,
        },
      },
    }),
    { logger, requestPolicy: retry, now },
  );
  const serviceNow = new ServiceNowTicketSystem({
    client: new TableApiClient({
      instanceUrl: `${simulatorUrl}${MOUNTS.serviceNow}`,
      credentials: basicCredentials(
        DEMO_CREDENTIALS.serviceNow.username,
        DEMO_CREDENTIALS.serviceNow.password,
      ),
      retry,
    }),
    numberPrefix: 'CHG',
    // Small pages, so that a list is paged and can change between its pages.
    pageSize: 10,
    windowDays: WINDOW_DAYS,
    logger,
    now,
  });
  const attestations = GithubAttestationSource.fromConfig(
    new ConfigReader({ integrations }),
    {
      host,
      keys: [
        {
          keyId: DEMO_ATTESTATION_KEY_ID,
          publicKey: DEMO_ATTESTATION_PUBLIC_KEY,
        },
      ],
      logger,
      now,
      timeoutMs: retry.timeoutMs,
    },
  );
  for (const source of [github, jira, serviceNow, attestations]) {
    await source.connect(sink);
  }

  const policy = readPolicy(
    new ConfigReader({ changeCompliance: { policy: demo.policy } }),
  );
  const identities = demoIdentities();
  const windowStart = new Date(
    now().getTime() - WINDOW_DAYS * 24 * 60 * 60 * 1000,
  ).toISOString();

  return {
    store,
    async round() {
      failures.length = 0;
      const ticketFetchErrors: string[] = [];
      // In the order the backend starts them: changes first, then tickets, then provenance of
      // the images the deployments name. Each source catches its own failures and records them.
      await github.syncAll();
      await jira.syncAll();
      await serviceNow.sync();
      await attestations.syncAll();
      for (const service of services) {
        await evaluateService({
          store,
          policy,
          service,
          windowStart,
          evaluatedAt: organisation.now,
          cause: 'fault soak',
          identities,
          // As the provider registry asks: every ticket system at once, one failing stops none.
          fetchTickets: async keys => {
            await Promise.all(
              [jira, serviceNow].map(system =>
                system.fetchTickets(keys).catch(error => {
                  ticketFetchErrors.push(
                    `${system.id}: ${(error as Error).message}`,
                  );
                }),
              ),
            );
          },
        });
      }
      return { failures: [...failures], ticketFetchErrors };
    },
  };
}
