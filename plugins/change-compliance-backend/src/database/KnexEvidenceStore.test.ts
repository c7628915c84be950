import { TestDatabaseId } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import {
  createTestDatabases,
  databaseServiceFor,
} from '../__testUtils__/testDatabases';
import {
  alice,
  baseline,
  grace,
  pullRequest,
  ticket,
} from '../engine/__testUtils__/baseline';
import { evaluateDeployment } from '../engine/evaluateDeployment';
import { basePolicy } from '../engine/__testUtils__/baseline';
import { KnexEvidenceStore } from './KnexEvidenceStore';
import { DeploymentRecord, StoredEvaluation } from './records';
import { ServiceRecord } from './ServiceRecord';

jest.setTimeout(60_000);

const paymentsApi: ServiceRecord = {
  entityRef: 'component:default/payments-api',
  repositorySlug: 'northwind/payments-api',
  ticketProjectKey: 'PAY',
  sourcePaths: null,
};

function deployment(
  overrides: Partial<DeploymentRecord> = {},
): DeploymentRecord {
  return {
    source: 'github',
    externalId: '9001',
    serviceRef: 'component:default/payments-api',
    environment: 'production',
    commitSha: '9e8d7c6b5a4938271605f4e3d2c1b0a998877665',
    deployedAt: '2026-11-10T12:00:00Z',
    actor: alice,
    pipelineRunUrl: 'https://github.com/northwind/payments-api/actions/runs/1',
    ref: 'main',
    status: 'success',
    ticketKeys: ['PAY-12'],
    ...overrides,
  };
}

const pause = () => new Promise(resolve => setTimeout(resolve, 5));

describe('KnexEvidenceStore', () => {
  const databases = createTestDatabases();
  let knex: Knex | undefined;

  afterEach(async () => {
    await knex?.destroy();
    knex = undefined;
  });

  async function createStore(databaseId: TestDatabaseId) {
    knex = await databases.init(databaseId);
    return KnexEvidenceStore.create({ database: databaseServiceFor(knex) });
  }

  const count = async (table: string) =>
    Number((await knex!(table).count({ n: '*' }))[0].n);

  it.each(databases.eachSupportedId())(
    'describes itself after migrating on %p',
    async id => {
      const store = await createStore(id);
      const description = await store.describe();
      expect(description.client).toBe(
        id === 'SQLITE_3' ? 'better-sqlite3' : 'pg',
      );
      expect(description.schemaVersion).toMatch(/^\d{14}$/);
    },
  );

  it.each(databases.eachSupportedId())(
    'upserts services by entity ref, idempotently, on %p',
    async id => {
      const store = await createStore(id);
      await store.upsertServices([paymentsApi]);
      const [first] = await store.listServices();
      expect(first).toEqual({ ...paymentsApi, updatedAt: expect.any(String) });

      // The same data again changes nothing, not even the time of last change.
      await pause();
      await store.upsertServices([paymentsApi]);
      expect(await store.listServices()).toEqual([first]);

      await pause();
      await store.upsertServices([
        { ...paymentsApi, ticketProjectKey: 'PAYM' },
      ]);
      const [changed] = await store.listServices();
      expect(changed.ticketProjectKey).toBe('PAYM');
      expect(Date.parse(changed.updatedAt)).toBeGreaterThan(
        Date.parse(first.updatedAt),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'records a deployment event as created for exactly one of its concurrent posts, on %p',
    async id => {
      const store = await createStore(id);
      const event = deployment({ externalId: 'run-77' });
      const answers = await Promise.all(
        Array.from({ length: 6 }, () => store.recordDeployment(event)),
      );
      expect(answers.filter(a => a.created)).toHaveLength(1);
      expect(await count('deployments')).toBe(1);
      // Posted again later, with a changed status: known, and updated.
      expect(
        await store.recordDeployment({ ...event, status: 'failure' }),
      ).toEqual({ created: false });
      expect((await store.getDeployment('github/run-77'))?.status).toBe(
        'failure',
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps one row per deployment however often it is written, on %p',
    async id => {
      const store = await createStore(id);
      const records = Array.from({ length: 450 }, (_, i) =>
        deployment({
          externalId: String(9000 + i),
          deployedAt: new Date(
            Date.UTC(2026, 10, 1) + i * 60_000,
          ).toISOString(),
        }),
      );
      await store.upsertDeployments(records);
      await store.upsertDeployments(records);
      expect(await count('deployments')).toBe(450);

      const listed = await store.listServiceDeployments(
        'component:default/payments-api',
      );
      expect(listed).toHaveLength(450);
      expect(listed[0]).toEqual({
        ...records[0],
        deployedAt: '2026-11-01T00:00:00.000Z',
        imageDigest: undefined,
        imageTag: undefined,
        configVersion: undefined,
        provenanceCommitSha: undefined,
      });
      expect(listed.map(d => d.externalId)).toEqual(
        records.map(d => d.externalId),
      );

      await store.upsertDeployments([{ ...records[0], status: 'failure' }]);
      expect((await store.getDeployment('github/9000'))?.status).toBe(
        'failure',
      );
      expect(
        await store.listServiceDeployments('component:default/payments-api', {
          status: 'success',
        }),
      ).toHaveLength(449);
    },
  );

  it.each(databases.eachSupportedId())(
    'stores commits and their PR associations on %p',
    async id => {
      const store = await createStore(id);
      const pr = pullRequest();
      await store.upsertCommits('northwind/payments-api', pr.commits);
      await store.upsertCommits('northwind/payments-api', pr.commits);
      expect(await count('commits')).toBe(2);

      expect(
        await store.getCommits('northwind/payments-api', [pr.headSha]),
      ).toEqual([pr.commits[1]]);
      expect(await store.listCommits('northwind/payments-api')).toEqual(
        expect.arrayContaining(pr.commits),
      );

      await store.upsertCommitAssociations('northwind/payments-api', {
        [pr.mergeCommitSha!]: 42,
      });
      expect(
        await store.getCommitAssociations('northwind/payments-api', [
          pr.mergeCommitSha!,
          'other',
        ]),
      ).toEqual({ [pr.mergeCommitSha!]: 42 });
    },
  );

  it.each(databases.eachSupportedId())(
    'stores pull requests with their reviews, as they were given, on %p',
    async id => {
      const store = await createStore(id);
      const pr = pullRequest();
      await store.upsertPullRequests([pr]);
      await store.upsertPullRequests([pr]);
      expect(await count('pull_requests')).toBe(1);
      expect(await count('reviews')).toBe(1);

      expect(
        await store.getPullRequests('northwind/payments-api', [42]),
      ).toEqual([pr]);
      expect(
        await store.findPullRequestsByMergeCommit('northwind/payments-api', [
          pr.mergeCommitSha!,
        ]),
      ).toEqual([pr]);

      // A review dismissed later is the same review, now dismissed.
      await store.upsertPullRequests([
        { ...pr, reviews: [{ ...pr.reviews[0], dismissed: true }] },
      ]);
      const [stored] = await store.getPullRequests('northwind/payments-api', [
        42,
      ]);
      expect(stored.reviews).toEqual([{ ...pr.reviews[0], dismissed: true }]);
    },
  );

  it.each(databases.eachSupportedId())(
    'stores tickets and approvals, found by key and by scope, on %p',
    async id => {
      const store = await createStore(id);
      await store.upsertTickets([ticket()]);
      await store.upsertTickets([ticket()]);
      expect(await store.getTickets(['PAY-12', 'PAY-404'])).toEqual({
        'PAY-12': ticket(),
      });
      // Who requested it, where the system says.
      await store.upsertTickets([{ ...ticket(), requester: alice }]);
      expect((await store.getTickets(['PAY-12']))['PAY-12'].requester).toEqual(
        alice,
      );

      const approvals = baseline().approvals;
      const deploymentReview = {
        id: 'review-77',
        source: 'github-deployment-review',
        approver: grace,
        approvedAt: '2026-11-10T11:55:00.000Z',
        state: 'approved' as const,
        scope: { deploymentId: 'github/9001' },
        approverIsRequiredReviewer: true,
      };
      await store.upsertApprovals([...approvals, deploymentReview]);
      await store.upsertApprovals([...approvals, deploymentReview]);
      expect(await count('approvals')).toBe(2);
      expect(
        await store.getApprovals({ ticketKeys: ['PAY-12'], deploymentIds: [] }),
      ).toEqual(approvals);
      expect(
        await store.getApprovals({
          ticketKeys: ['PAY-12'],
          deploymentIds: ['github/9001'],
        }),
      ).toEqual([...approvals, deploymentReview]);
    },
  );

  it.each(databases.eachSupportedId())(
    'records branch protection only when it changes, and answers as of a time, on %p',
    async id => {
      const store = await createStore(id);
      const snapshot = {
        repository: 'northwind/payments-api',
        branch: 'main',
        observedAt: '2026-11-01T00:00:00.000Z',
        protected: true,
        settings: { requiredApprovals: 1, enforceAdmins: true },
      };
      expect(await store.recordBranchProtection(snapshot)).toBe(true);
      expect(
        await store.recordBranchProtection({
          ...snapshot,
          observedAt: '2026-11-02T00:00:00.000Z',
        }),
      ).toBe(false);
      expect(
        await store.recordBranchProtection({
          ...snapshot,
          observedAt: '2026-11-05T00:00:00.000Z',
          protected: false,
          settings: {},
        }),
      ).toBe(true);

      expect(
        await store.branchProtectionHistory('northwind/payments-api'),
      ).toHaveLength(2);
      expect(
        await store.protectedBranchesAt(
          'northwind/payments-api',
          '2026-10-31T00:00:00.000Z',
        ),
      ).toEqual([]);
      expect(
        await store.protectedBranchesAt(
          'northwind/payments-api',
          '2026-11-03T00:00:00.000Z',
        ),
      ).toEqual(['main']);
      expect(
        await store.protectedBranchesAt(
          'northwind/payments-api',
          '2026-11-06T00:00:00.000Z',
        ),
      ).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps every verdict change with its time and cause, and nothing else, on %p',
    async id => {
      const store = await createStore(id);
      const input = baseline();
      input.approvals = [];
      const exception = evaluateDeployment(input, basePolicy());
      const stored = (
        evaluation: typeof exception,
        evaluatedAt: string,
      ): StoredEvaluation => ({
        ...evaluation,
        evaluatedAt,
        serviceRef: input.service.entityRef,
        deployedAt: input.deployment.deployedAt,
      });

      const first = await store.saveEvaluation(
        stored(exception, '2026-11-10T12:05:00.000Z'),
        'deployment synced',
      );
      expect(first).toMatchObject({
        verdict: 'exception',
        previousVerdict: null,
        cause: 'deployment synced',
      });
      expect(
        await store.saveEvaluation(
          stored(exception, '2026-11-10T13:00:00.000Z'),
          'scheduled re-evaluation',
        ),
      ).toBeUndefined();

      const compliant = evaluateDeployment(baseline(), basePolicy());
      const second = await store.saveEvaluation(
        stored(compliant, '2026-11-11T09:00:00.000Z'),
        'approval synced late: jira-transition/PAY-12-approved',
      );
      expect(second).toMatchObject({
        verdict: 'compliant',
        previousVerdict: 'exception',
      });

      const history = await store.verdictHistory('github/9001');
      expect(history.map(h => [h.verdict, h.cause, h.evaluatedAt])).toEqual([
        ['exception', 'deployment synced', '2026-11-10T12:05:00.000Z'],
        [
          'compliant',
          'approval synced late: jira-transition/PAY-12-approved',
          '2026-11-11T09:00:00.000Z',
        ],
      ]);
      expect(history[0].checks['approval.before-deploy']).toBe('fail');

      const current = await store.getEvaluation('github/9001');
      expect(current?.verdict).toBe('compliant');
      expect(current?.checks).toEqual(compliant.checks);
      expect(current?.changes).toEqual(compliant.changes);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps each source sync state: the cursor moves on success only, failures count, on %p',
    async id => {
      const store = await createStore(id);
      const sync = {
        provider: 'github',
        scope: 'northwind/payments-api',
        startedAt: '2026-11-20T10:00:00.000Z',
        finishedAt: '2026-11-20T10:01:00.000Z',
      };
      await store.recordSync({
        ...sync,
        result: 'success',
        cursor: '2026-11-20T09:59:00Z',
        itemsSynced: 40,
      });
      await store.recordSync({
        ...sync,
        startedAt: '2026-11-20T10:30:00.000Z',
        finishedAt: '2026-11-20T10:30:05.000Z',
        result: 'failure',
        error: 'HTTP 502 from api.github.com',
      });
      await store.recordSync({
        ...sync,
        startedAt: '2026-11-20T11:00:00.000Z',
        finishedAt: '2026-11-20T11:00:05.000Z',
        result: 'failure',
        error: 'HTTP 503 from api.github.com',
      });
      await store.recordSync({
        ...sync,
        provider: 'jira',
        scope: 'PAY',
        result: 'success',
        itemsSynced: 3,
      });

      expect(await store.listSourceStatus()).toEqual([
        {
          provider: 'github',
          scope: 'northwind/payments-api',
          lastStartedAt: '2026-11-20T11:00:00.000Z',
          lastSucceededAt: '2026-11-20T10:01:00.000Z',
          lastFailedAt: '2026-11-20T11:00:05.000Z',
          cursor: '2026-11-20T09:59:00Z',
          lastError: 'HTTP 503 from api.github.com',
          consecutiveFailures: 2,
          itemsSynced: 40,
        },
        expect.objectContaining({
          provider: 'jira',
          scope: 'PAY',
          cursor: null,
          itemsSynced: 3,
        }),
      ]);

      await store.recordSync({
        ...sync,
        startedAt: '2026-11-20T12:00:00.000Z',
        finishedAt: '2026-11-20T12:00:30.000Z',
        result: 'success',
        cursor: '2026-11-20T11:59:00Z',
        itemsSynced: 2,
      });
      const [github] = await store.listSourceStatus();
      expect(github).toMatchObject({
        lastSucceededAt: '2026-11-20T12:00:30.000Z',
        lastFailedAt: '2026-11-20T11:00:05.000Z',
        cursor: '2026-11-20T11:59:00Z',
        lastError: null,
        consecutiveFailures: 0,
        itemsSynced: 42,
      });
      expect(
        await store.getSyncState('github', 'northwind/payments-api'),
      ).toEqual({
        cursor: '2026-11-20T11:59:00Z',
        lastSucceededAt: '2026-11-20T12:00:30.000Z',
      });
      expect(await store.getSyncState('github', 'northwind/unknown')).toEqual({
        cursor: null,
        lastSucceededAt: null,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the progress of each provider’s latest round of syncs, on %p',
    async id => {
      const store = await createStore(id);
      const round = {
        provider: 'github',
        startedAt: '2026-11-20T10:00:00.000Z',
        total: 12,
        done: 0,
        failed: 0,
        itemsSynced: 0,
      };
      await store.recordRoundProgress(round);
      await store.recordRoundProgress({ ...round, done: 5, itemsSynced: 700 });
      expect(await store.listSyncRounds()).toEqual([
        { ...round, done: 5, itemsSynced: 700, finishedAt: null },
      ]);

      await store.recordRoundProgress({
        ...round,
        done: 12,
        failed: 1,
        itemsSynced: 1500,
        finishedAt: '2026-11-20T10:04:00.000Z',
      });
      // The next round replaces it: the latest round is what the status shows.
      await store.recordRoundProgress({
        ...round,
        startedAt: '2026-11-20T10:15:00.000Z',
      });
      await store.recordRoundProgress({ ...round, provider: 'jira', total: 4 });
      expect(await store.listSyncRounds()).toEqual([
        { ...round, startedAt: '2026-11-20T10:15:00.000Z', finishedAt: null },
        { ...round, provider: 'jira', total: 4, finishedAt: null },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'counts verdicts by UTC week (Monday to Sunday) and by outcome, on %p',
    async id => {
      const store = await createStore(id);
      const failing = evaluateDeployment(
        { ...baseline(), approvals: [] },
        basePolicy(),
      );
      const passing = evaluateDeployment(baseline(), basePolicy());
      const at = (
        evaluation: typeof failing,
        externalId: string,
        deployedAt: string,
      ): StoredEvaluation => ({
        ...evaluation,
        deploymentId: `github/${externalId}`,
        serviceRef: 'component:default/payments-api',
        deployedAt,
        evaluatedAt: '2026-11-20T00:00:00.000Z',
      });
      await store.saveEvaluations(
        [
          // Sunday night and Monday morning fall in different weeks.
          at(passing, '1', '2026-11-08T23:59:59.000Z'),
          at(failing, '2', '2026-11-09T00:00:00.000Z'),
          at(passing, '3', '2026-11-13T10:00:00.000Z'),
          at(failing, '4', '2026-11-15T12:00:00.000Z'),
          // Outside the period.
          at(failing, '5', '2026-11-16T00:00:00.000Z'),
        ],
        'test',
      );

      const counts = await store.countVerdicts(
        'component:default/payments-api',
        { from: '2026-11-01T00:00:00.000Z', to: '2026-11-16T00:00:00.000Z' },
      );

      const byKey = <T>(rows: T[], key: (row: T) => string) =>
        [...rows].sort((a, b) => key(a).localeCompare(key(b)));
      expect(byKey(counts.byWeek, r => `${r.week}${r.verdict}`)).toEqual([
        { week: '2026-11-02', verdict: 'compliant', count: 1 },
        { week: '2026-11-09', verdict: 'compliant', count: 1 },
        { week: '2026-11-09', verdict: 'exception', count: 2 },
      ]);
      expect(byKey(counts.byOutcome, r => r.verdict)).toEqual([
        { verdict: 'compliant', failingChecks: [], count: 2 },
        {
          verdict: 'exception',
          failingChecks: failing.failingChecks,
          count: 2,
        },
      ]);
    },
  );
});
