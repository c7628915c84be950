import { daysBefore } from '@change-compliance/plugin-change-compliance-node';
import fs from 'node:fs';
import path from 'node:path';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import {
  GithubClients,
  GithubEvidenceProvider,
} from '@change-compliance/plugin-change-compliance-backend-module-github';
import {
  CatalogIdentities,
  evaluateService,
  KnexEvidenceStore,
  readPolicy,
  StoreEvidenceSink,
} from '@change-compliance/plugin-change-compliance-backend/testUtils';
import {
  CHECK_IDS,
  createSimulator,
  DEMO_CREDENTIALS,
  MOUNTS,
  Organisation,
  readDemoCatalog,
} from '@internal/upstream-simulator';
import { GithubAttestationSource } from '@change-compliance/plugin-change-compliance-backend-module-kubernetes';
import { Knex } from 'knex';
import YAML from 'yaml';
import { JiraTicketSystem } from '../JiraTicketSystem';
import {
  demoChangeComplianceConfig,
  REPOSITORY_ROOT,
  ticketSystemForSimulator,
} from './simulatedJira';

/** The checks a ticket system's evidence decides (with the change's own references). */
export const TICKET_CHECKS = [
  'ticket.linked',
  'ticket.complete',
  'approval.before-deploy',
  'trace.bidirectional',
];

const EXAMPLES = path.join(REPOSITORY_ROOT, 'examples');

/** The demo catalog's users and groups, as the engine needs them to know who an account is. */
function demoIdentities(): CatalogIdentities {
  return CatalogIdentities.fromEntities(
    YAML.parseAllDocuments(
      fs.readFileSync(path.join(EXAMPLES, 'org.yaml'), 'utf8'),
    )
      .map(doc => doc.toJSON() as Entity | null)
      .filter((e): e is Entity => Boolean(e?.kind)),
  );
}

/** How the product's verdicts compare with the organisation's answer key, check by check. */
export interface Judgement {
  /** `check: expected X, got Y` to how many deployments. */
  confusion: Record<string, number>;
  /** One line per deployment and check that differs, with the product's reason. */
  disagreements: string[];
  /** Requests the Jira module made while the deployments were evaluated, per route. */
  jiraRequests: Record<string, number>;
}

/**
 * An organisation end to end, as `make start` runs it: the simulator serves it over HTTP, the
 * GitHub module syncs the changes, and the real engine judges every deployment with the
 * app-config policy and the demo catalog's people, asking the Jira module for the tickets the
 * changes reference at evaluation time, as the backend does. No Jira sync runs before: every
 * ticket comes through those fetches. Every check of every deployment is compared with the
 * simulator's answer key.
 */
export async function judgeOrganisation(
  organisation: Organisation,
  knex: Knex,
  /** Runs once the deployments are judged, while the simulator still serves. */
  afterwards?: (jira: JiraTicketSystem) => Promise<void>,
): Promise<Judgement> {
  const now = organisation.now;
  const simulator = createSimulator({ organisation });
  const base = await simulator.listen();
  try {
    const store = await KnexEvidenceStore.create({
      database: { getClient: async () => knex, migrations: { skip: false } },
    });
    const deployed = new Set(organisation.expected.map(e => e.service));
    const services = readDemoCatalog(EXAMPLES)
      .services.filter(s => deployed.has(s.entityRef))
      .map(s => ({
        entityRef: s.entityRef,
        repository: s.repository,
        owningGroups: [`group:default/${s.owner}`],
        // Every demo service names a Jira project of the policy (`jira/project-key`).
        ticketSystems: ['jira'],
        ticketProjectKey: s.jiraProject,
        sourcePaths: s.sourceDirectory
          ? [`${s.sourceDirectory}/**`]
          : undefined,
        minApprovals: s.minApprovals,
      }));
    await store.upsertServices(
      services.map(s => ({
        entityRef: s.entityRef,
        repositorySlug: s.repository,
        ticketProjectKey: s.ticketProjectKey,
        sourcePaths: s.sourcePaths?.join(',') ?? null,
      })),
    );
    const sink = new StoreEvidenceSink(store, async () => {});

    // The GitHub module as the portal configures it: the simulator as its one GitHub.
    const host = new URL(base).host;
    const github = new GithubEvidenceProvider({
      clients: GithubClients.fromConfig(
        new ConfigReader({
          integrations: {
            github: [
              {
                host,
                apiBaseUrl: `${base}${MOUNTS.githubRest}`,
                token: DEMO_CREDENTIALS.githubToken,
              },
            ],
          },
        }),
      ),
      host,
      windowDays: 180,
      logger: mockServices.logger.mock(),
      now: () => new Date(now),
    });
    await github.connect(sink);
    const githubSync = await github.syncAll();
    if (githubSync.failed.length > 0) {
      throw new Error(`GitHub sync failed for ${githubSync.failed.join(', ')}`);
    }
    const jira = ticketSystemForSimulator(base, { now });
    await jira.connect(sink);
    // The images' build provenance from the repositories' attestations: the answer key expects
    // artifact.traceable to fail where an image was built from another commit than deployed.
    const attestations = GithubAttestationSource.fromConfig(
      new ConfigReader({
        integrations: {
          github: [
            {
              host,
              apiBaseUrl: `${base}${MOUNTS.githubRest}`,
              token: DEMO_CREDENTIALS.githubToken,
            },
          ],
        },
      }),
      { host, keys: [], logger: mockServices.logger.mock() },
    );
    await attestations.connect(sink);
    if ((await attestations.syncAll()).result !== 'success') {
      throw new Error('Reading the build provenance failed');
    }

    const policy = readPolicy(
      new ConfigReader({
        changeCompliance: { policy: demoChangeComplianceConfig().policy },
      }),
    );
    const identities = demoIdentities();
    simulator.requestLog.label('evaluation');
    for (const service of services) {
      await evaluateService({
        store,
        policy,
        service,
        windowStart: daysBefore(now, 180),
        evaluatedAt: now,
        cause: 'test',
        identities,
        fetchTickets: keys => jira.fetchTickets(keys),
      });
    }
    const jiraRequests =
      simulator.requestLog.snapshot('evaluation').evaluation ?? {};

    const confusion: Record<string, number> = {};
    const disagreements: string[] = [];
    for (const expected of organisation.expected) {
      const evaluation = await store.getEvaluation(
        `github/${expected.deploymentId}`,
      );
      for (const check of CHECK_IDS) {
        const result = evaluation?.checks.find(c => c.checkId === check);
        const actual = result?.status ?? 'not evaluated';
        const key = `${check}: expected ${expected.checks[check]}, got ${actual}`;
        confusion[key] = (confusion[key] ?? 0) + 1;
        if (actual !== expected.checks[check]) {
          disagreements.push(
            `github/${expected.deploymentId} (${
              expected.service
            }; ${expected.messiness.join(', ')}) ${key}: ${result?.reason}`,
          );
        }
      }
    }
    await afterwards?.(jira);
    return { confusion, disagreements, jiraRequests };
  } finally {
    await simulator.close();
  }
}

/** The confusion counts, one line per check and outcome, the ticket checks marked `*`. */
export function describeConfusion(confusion: Record<string, number>): string {
  return Object.entries(confusion)
    .sort()
    .map(
      ([key, n]) =>
        `${
          TICKET_CHECKS.some(c => key.startsWith(c)) ? '*' : ' '
        } ${key}: ${n}`,
    )
    .join('\n');
}
