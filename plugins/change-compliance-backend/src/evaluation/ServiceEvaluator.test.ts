import { TestDatabaseId } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import {
  createTestDatabases,
  databaseServiceFor,
} from '../__testUtils__/testDatabases';
import { KnexEvidenceStore } from '../database/KnexEvidenceStore';
import {
  HOTFIX,
  loadDemoEvidence,
  paymentsApiService as service,
  REPO,
  ROOT,
} from '../__testUtils__/demoEvidence';
import { baseline, basePolicy } from '../engine/__testUtils__/baseline';
import { CatalogIdentities } from './CatalogIdentities';
import { evaluateService } from './ServiceEvaluator';

jest.setTimeout(60_000);

describe('evaluateService', () => {
  const databases = createTestDatabases();
  let knex: Knex | undefined;

  afterEach(async () => {
    await knex?.destroy();
    knex = undefined;
  });

  async function storeWithEvidence(id: TestDatabaseId) {
    knex = await databases.init(id);
    const store = await KnexEvidenceStore.create({
      database: databaseServiceFor(knex),
    });
    await loadDemoEvidence(store);
    return store;
  }

  const run = (
    store: KnexEvidenceStore,
    cause: string,
    evaluatedAt = '2026-11-20T00:00:00.000Z',
  ) =>
    evaluateService({
      store,
      policy: basePolicy(),
      service,
      windowStart: '2026-11-01T00:00:00.000Z',
      evaluatedAt,
      cause,
    });

  it.each(databases.eachSupportedId())(
    'judges each production deployment on the changes it shipped, on %p',
    async id => {
      const store = await storeWithEvidence(id);
      await store.upsertApprovals(baseline().approvals);

      const result = await run(store, 'initial evaluation');
      expect(result.evaluated).toBe(3);

      const first = await store.getEvaluation('github/9000');
      const merged = await store.getEvaluation('github/9001');
      const hotfix = await store.getEvaluation('github/9002');
      expect(await store.getEvaluation('github/9003')).toBeUndefined();
      expect(await store.getEvaluation('github/9004')).toBeUndefined();

      // The first deployment shipped the initial commit, pushed without a PR.
      expect(first?.changes.map(c => c.changeRef)).toEqual([
        `commit:${REPO}@${ROOT}`,
      ]);
      // The second shipped PR #42 only: its branch commits map to the PR through the merge commit.
      expect(merged?.changes.map(c => c.changeRef)).toEqual([`pr:${REPO}#42`]);
      expect(merged?.verdict).toBe('compliant');
      // The third shipped the direct push, and nothing of PR #42 again.
      expect(hotfix?.changes.map(c => c.changeRef)).toEqual([
        `commit:${REPO}@${HOTFIX}`,
      ]);
      expect(hotfix?.verdict).toBe('exception');
      expect(hotfix?.failingChecks).toEqual([
        'review.independent',
        'review.qualified',
        'process.no-bypass',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'changes a verdict when evidence arrives late, and keeps both with their causes, on %p',
    async id => {
      const store = await storeWithEvidence(id);

      await run(store, 'deployment synced', '2026-11-10T12:05:00.000Z');
      expect((await store.getEvaluation('github/9001'))?.verdict).toBe(
        'exception',
      );

      await store.upsertApprovals(baseline().approvals);
      const rerun = await run(
        store,
        'approval synced: PAY-12',
        '2026-11-12T08:00:00.000Z',
      );

      // 9001 becomes compliant; 9002 stays an exception, but one of its checks changed, so the
      // history records that too.
      expect(
        rerun.changes.map(c => [c.deploymentId, c.previousVerdict, c.verdict]),
      ).toEqual([
        ['github/9001', 'exception', 'compliant'],
        ['github/9002', 'exception', 'exception'],
      ]);
      expect(
        (await store.verdictHistory('github/9001')).map(h => [
          h.verdict,
          h.cause,
          h.evaluatedAt,
        ]),
      ).toEqual([
        ['exception', 'deployment synced', '2026-11-10T12:05:00.000Z'],
        ['compliant', 'approval synced: PAY-12', '2026-11-12T08:00:00.000Z'],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'fails every change check when the deployed commit was never synced, on %p',
    async id => {
      const store = await storeWithEvidence(id);
      await store.upsertDeployments([
        {
          source: 'github',
          externalId: '9100',
          serviceRef: service.entityRef,
          environment: 'production',
          commitSha: 'ffffffffffffffffffffffffffffffffffffffff',
          deployedAt: '2026-11-12T12:00:00.000Z',
          status: 'success',
          ticketKeys: [],
        },
      ]);

      await run(store, 'deployment synced');

      const unknown = await store.getEvaluation('github/9100');
      expect(unknown?.verdict).toBe('exception');
      expect(unknown?.failingChecks).toContain('artifact.traceable');
      expect(
        unknown?.checks.find(c => c.checkId === 'review.independent')?.reason,
      ).toMatch(/change set could not be determined/);
    },
  );

  it.each(databases.eachSupportedId())(
    'has the ticket systems fetch the tickets of new changes before judging them, on %p',
    async id => {
      const store = await storeWithEvidence(id);
      await store.upsertApprovals(baseline().approvals);
      const stored = await store.getTickets(['PAY-12']);
      // The change was synced before its ticket system saw PAY-12.
      await knex!('tickets').delete();
      const asked: string[][] = [];
      const evaluate = () =>
        evaluateService({
          store,
          policy: basePolicy(),
          service,
          windowStart: '2026-11-01T00:00:00.000Z',
          evaluatedAt: '2026-11-20T00:00:00.000Z',
          cause: 'a GitHub sync',
          fetchTickets: async keys => {
            asked.push(keys);
            await store.upsertTickets(keys.flatMap(key => stored[key] ?? []));
          },
        });

      await evaluate();
      expect(asked).toEqual([['PAY-12']]);
      const evaluation = await store.getEvaluation('github/9001');
      expect(
        evaluation?.checks.find(c => c.checkId === 'ticket.linked')?.status,
      ).toBe('pass');

      // Known now: nothing to ask for.
      await evaluate();
      expect(asked).toHaveLength(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'knows reviewers by GitHub login and Jira approvers by e-mail through the catalog, on %p',
    async id => {
      const store = await storeWithEvidence(id);
      // As a source-control sync stores them: logins only, no catalog user, no groups.
      const [pr] = await store.listPullRequests(REPO);
      const loginOnly = ({
        login,
        type,
      }: {
        login: string;
        type?: 'User' | 'Bot' | 'Organization';
      }) => ({ login, ...(type ? { type } : {}) });
      await store.upsertPullRequests([
        {
          ...pr,
          author: loginOnly(pr.author),
          reviews: pr.reviews.map(r => ({
            ...r,
            reviewer: loginOnly(r.reviewer),
          })),
        },
      ]);
      // As a Jira sync stores them: the account id and the e-mail Jira shows.
      await store.upsertApprovals(
        baseline().approvals.map(a => ({
          ...a,
          approver: {
            login: '5f2a9c0d1e',
            email: 'grace.mensah@northwind.example',
          },
        })),
      );
      const evaluate = (identities?: CatalogIdentities) =>
        evaluateService({
          store,
          policy: basePolicy(),
          service,
          windowStart: '2026-11-01T00:00:00.000Z',
          evaluatedAt: '2026-11-20T00:00:00.000Z',
          cause: identities ? 'with the catalog' : 'without the catalog',
          identities,
        });

      // Without the catalog, the CAB member's approval cannot be shown to be authorised (the
      // reviewer still qualifies: the PR's CODEOWNERS name him).
      await evaluate();
      const blind = await store.getEvaluation('github/9001');
      expect(blind?.failingChecks).toEqual(['approval.before-deploy']);

      const member = (name: string, login: string, groups: string[]) => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: {
          name,
          namespace: 'default',
          annotations: { 'github.com/user-login': login },
        },
        spec: {
          memberOf: groups,
          profile: { email: `${name}@northwind.example` },
        },
      });
      await evaluate(
        CatalogIdentities.fromEntities([
          member('alice.nakamura', 'alice-nakamura', ['payments-team']),
          member('bob.okafor', 'bob-okafor', ['payments-team']),
          member('grace.mensah', 'grace-mensah', ['change-advisory-board']),
        ]),
      );
      const known = await store.getEvaluation('github/9001');
      expect(known?.verdict).toBe('compliant');
    },
  );
});
