import fs from 'node:fs';
import path from 'node:path';
import { TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  CatalogIdentities,
  ChangePolicy,
  DEFAULT_POLICY,
  evaluateService,
  KnexEvidenceStore,
} from '@change-compliance/plugin-change-compliance-backend/testUtils';
import {
  GithubClients,
  GithubEvidenceProvider,
} from '@change-compliance/plugin-change-compliance-backend-module-github';
import {
  CheckId,
  createSimulator,
  DEMO_CREDENTIALS,
  MOUNTS,
  Organisation,
  Simulator,
} from '@internal/upstream-simulator';
import YAML from 'yaml';
import {
  recordingLogger,
  REPOSITORY_ROOT,
  scenario,
  storeOn,
  ticketSystemFor,
} from './__testUtils__/simulatedServiceNow';
import { ServiceNowTicketSystem } from './ServiceNowTicketSystem';

jest.setTimeout(120_000);

const NOW = '2026-11-20T12:00:00.000Z';
const SERVICE = 'component:default/payments-api';

/** The checks ServiceNow evidence decides; the file's expectations for them are compared. */
const TICKET_CHECKS = [
  'ticket.linked',
  'ticket.complete',
  'approval.before-deploy',
  'trace.bidirectional',
] as const satisfies readonly CheckId[];

/** The policy the scenario file's expectations are written for (see its header). */
const POLICY: ChangePolicy = {
  ...DEFAULT_POLICY,
  ticketProjects: [{ system: 'servicenow', key: 'CHG' }],
  approverGroups: ['group:default/change-advisory-board'],
  emergency: { ...DEFAULT_POLICY.emergency, ticketTypes: ['emergency'] },
};

/** The demo catalog's people and groups: who sits on the change advisory board. */
function demoIdentities(): CatalogIdentities {
  return CatalogIdentities.fromEntities(
    YAML.parseAllDocuments(
      fs.readFileSync(path.join(REPOSITORY_ROOT, 'examples/org.yaml'), 'utf8'),
    )
      .map(doc => doc.toJSON() as Entity | null)
      .filter((e): e is Entity => Boolean(e?.kind)),
  );
}

function githubFor(simulatorUrl: string): GithubEvidenceProvider {
  const host = new URL(simulatorUrl).host;
  return new GithubEvidenceProvider({
    clients: GithubClients.fromConfig(
      new ConfigReader({
        integrations: {
          github: [
            {
              host,
              apiBaseUrl: `${simulatorUrl}${MOUNTS.githubRest}`,
              token: DEMO_CREDENTIALS.githubToken,
            },
          ],
        },
      }),
      { requestPolicy: { baseDelayMs: 5 } },
    ),
    host,
    windowDays: 180,
    logger: recordingLogger().logger,
    now: () => new Date(NOW),
  });
}

/**
 * The scenario file test/simulator/scenarios/servicenow-change-requests.yaml, end to end: the
 * simulator serves its GitHub and ServiceNow over HTTP, the GitHub module syncs the PRs and
 * deployments into a real store, the real engine judges each deployment with the CAB as the
 * approver group, asking this module for the change requests the PRs name (the evaluation's
 * `fetchTickets`, before any scheduled ServiceNow sync), and the ticket checks are compared with
 * the file's expectations.
 */
describe('ServiceNow change requests and approvals, judged by the engine', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let organisation: Organisation;
  let simulator: Simulator;
  let store: KnexEvidenceStore;
  let servicenow: ServiceNowTicketSystem;

  const evaluate = (cause: string) =>
    evaluateService({
      store,
      policy: POLICY,
      service: {
        entityRef: SERVICE,
        repository: 'northwind/payments-api',
        owningGroups: ['group:default/payments-team'],
        ticketSystems: ['servicenow'],
      },
      windowStart: '2026-05-24T12:00:00.000Z',
      evaluatedAt: NOW,
      cause,
      identities: demoIdentities(),
      fetchTickets: keys => servicenow.fetchTickets(keys),
    });

  const checksOf = async (deploymentId: number) => {
    const evaluation = await store.getEvaluation(`github/${deploymentId}`);
    return {
      verdict: evaluation?.verdict,
      ...Object.fromEntries(
        TICKET_CHECKS.map(id => [
          id,
          evaluation?.checks.find(c => c.checkId === id)?.status,
        ]),
      ),
    };
  };

  const reasonOf = async (deploymentId: number, check: CheckId) =>
    (await store.getEvaluation(`github/${deploymentId}`))?.checks.find(
      c => c.checkId === check,
    )?.reason;

  beforeAll(async () => {
    organisation = scenario('servicenow-change-requests');
    simulator = createSimulator({ organisation });
    const base = await simulator.listen();
    const knex = await databases.init('SQLITE_3');
    const stored = await storeOn(knex);
    store = stored.store;
    await store.upsertServices([
      {
        entityRef: SERVICE,
        repositorySlug: 'northwind/payments-api',
        ticketProjectKey: null,
        sourcePaths: null,
      },
    ]);
    const github = githubFor(base);
    await github.connect(stored.sink);
    const synced = await github.syncAll();
    if (synced.failed.length > 0) {
      throw new Error(`GitHub sync failed for ${synced.failed.join(', ')}`);
    }
    servicenow = ticketSystemFor(base, { now: NOW });
    await servicenow.connect(stored.sink);
    await evaluate('test: GitHub synced, tickets fetched for the evaluation');
  });

  afterAll(async () => {
    await simulator.close();
  });

  it('fetched the named change requests at once, before any scheduled sync', async () => {
    expect(await store.listSourceStatus()).not.toContainEqual(
      expect.objectContaining({ provider: 'servicenow' }),
    );
    expect(
      Object.keys(
        await store.getTickets(
          organisation.serviceNow.changeRequests.map(c => c.number),
        ),
      ),
    ).toHaveLength(organisation.serviceNow.changeRequests.length);
  });

  it.each(
    scenario('servicenow-change-requests').expected.map(expected => ({
      expected,
      title: `deployment ${expected.deploymentId} (${
        expected.messiness.join(', ') || 'clean'
      })`,
    })),
  )(
    '$title agrees with the file on the ticket checks',
    async ({ expected }) => {
      expect(await checksOf(expected.deploymentId)).toEqual({
        verdict: expected.verdict,
        ...Object.fromEntries(
          TICKET_CHECKS.map(id => [id, expected.checks[id]]),
        ),
      });
    },
  );

  it('names why each approval does not count', async () => {
    expect(await reasonOf(1, 'approval.before-deploy')).toMatch(
      /Approved by servicenow:grace-mensah at 2026-11-02T12:30:00.000Z, before the deployment/,
    );
    expect(await reasonOf(2, 'approval.before-deploy')).toMatch(
      /servicenow:tomasz-nowak approved only after the deployment/,
    );
    expect(await reasonOf(3, 'approval.before-deploy')).toMatch(
      /servicenow:priya-raman approved CHG0000103, which they requested/,
    );
    expect(await reasonOf(7, 'approval.before-deploy')).toMatch(
      /servicenow:bob-okafor is not an authorised approver/,
    );
    expect(await reasonOf(5, 'ticket.complete')).toMatch(
      /CHG0000105 lacks business justification, implementation plan, rollback procedure/,
    );
  });

  it('gives the same verdicts after the scheduled sync has read the instance', async () => {
    const before = await Promise.all(
      organisation.expected.map(e => checksOf(e.deploymentId)),
    );
    expect(await servicenow.sync()).toMatchObject({ result: 'success' });
    await evaluate('test: ServiceNow synced');

    expect(
      await Promise.all(
        organisation.expected.map(e => checksOf(e.deploymentId)),
      ),
    ).toEqual(before);
  });
});
