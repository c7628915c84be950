import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  CatalogIdentities,
  DEFAULT_POLICY,
  evaluateService,
  KnexEvidenceStore,
  StoreEvidenceSink,
} from '@change-compliance/plugin-change-compliance-backend/testUtils';
import {
  createSimulator,
  Organisation,
  Simulator,
} from '@internal/upstream-simulator';
import knexFactory, { Knex } from 'knex';
import {
  providerForSimulator,
  storedEvidence,
  scenario,
} from './__testUtils__/simulatedGithub';
import { GithubEvidenceProvider } from './GithubEvidenceProvider';

jest.setTimeout(60_000);

const SERVICE = 'component:default/payments-api';
const REPOSITORY = 'northwind/payments-api';

/** The simulator's three hand-written cases: compliant, self-approved, without a ticket. */
function threeCases(): Organisation {
  return scenario('three-cases');
}

describe('GithubEvidenceProvider against the simulated GitHub', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let knex: Knex;
  let simulator: Simulator;
  let organisation: Organisation;
  let store: KnexEvidenceStore;
  let provider: GithubEvidenceProvider;
  let evaluationRequests: string[];

  beforeEach(async () => {
    organisation = threeCases();
    simulator = createSimulator({ organisation });
    const base = await simulator.listen();
    knex = await databases.init('SQLITE_3');
    store = await KnexEvidenceStore.create({
      database: { getClient: async () => knex, migrations: { skip: false } },
    });
    await store.upsertServices([
      {
        entityRef: SERVICE,
        repositorySlug: REPOSITORY,
        ticketProjectKey: 'PAY',
        sourcePaths: null,
      },
    ]);
    provider = providerForSimulator(base, organisation.now);
    evaluationRequests = [];
    await provider.connect(
      new StoreEvidenceSink(store, async (refs, cause) => {
        evaluationRequests.push(`${refs.join(',')}: ${cause}`);
      }),
    );
  });

  afterEach(async () => {
    await simulator.close();
    await knex.destroy();
  });

  it('stores the PRs with their reviews and commits, the branch history, deployments and protection', async () => {
    expect(await provider.syncAll()).toEqual({ repositories: 1, failed: [] });

    const pullRequests = await store.listPullRequests(REPOSITORY);
    expect(pullRequests.map(pr => pr.number).sort()).toEqual([1, 2, 3]);
    const selfApproved = pullRequests.find(pr => pr.number === 2)!;
    expect(selfApproved.commits.map(c => c.author.login)).toEqual([
      'alice-nakamura',
      'bob-okafor',
    ]);
    expect(selfApproved.reviews).toEqual([
      expect.objectContaining({
        reviewer: { login: 'bob-okafor', type: 'User' },
        state: 'APPROVED',
        commitId: selfApproved.headSha,
      }),
    ]);

    const simulated = organisation.repositories[0];
    const commits = await store.listCommits(REPOSITORY);
    // Every commit of the window, and the repository's initial commit, a year older, as the
    // boundary where the window begins.
    expect(commits.map(c => c.sha).sort()).toEqual(
      simulated.commits.map(c => c.sha).sort(),
    );
    const deployments = await store.listServiceDeployments(SERVICE, {
      status: 'success',
    });
    expect(deployments.map(d => d.commitSha)).toEqual(
      simulated.deployments.map(d => d.sha),
    );
    expect(
      await store.protectedBranchesAt(REPOSITORY, organisation.now),
    ).toEqual(['main']);
    expect(evaluationRequests).toEqual([
      `${SERVICE}: GitHub sync of ${REPOSITORY}`,
    ]);
    expect(await store.listSyncRounds()).toEqual([
      expect.objectContaining({
        provider: 'github',
        total: 1,
        done: 1,
        failed: 0,
        itemsSynced: expect.any(Number),
        finishedAt: expect.any(String),
      }),
    ]);
    const [status] = await store.listSourceStatus();
    expect(status).toMatchObject({
      provider: 'github',
      scope: REPOSITORY,
      lastError: null,
      consecutiveFailures: 0,
    });
  });

  it('gives the verdicts the scenario expects on the checks GitHub evidence decides', async () => {
    await provider.syncAll();
    const identities = CatalogIdentities.fromEntities(
      organisation.people
        .filter(p => p.userRef)
        .map(p => ({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'User',
          metadata: {
            name: p.userRef!.split('/')[1],
            namespace: 'default',
            annotations: { 'github.com/user-login': p.login },
          },
          spec: { memberOf: ['payments-team'] },
        })),
    );
    await evaluateService({
      store,
      policy: DEFAULT_POLICY,
      service: {
        entityRef: SERVICE,
        repository: REPOSITORY,
        owningGroups: ['group:default/payments-team'],
        ticketSystems: ['jira'],
      },
      windowStart: '2026-06-01T00:00:00.000Z',
      evaluatedAt: organisation.now,
      cause: 'test',
      identities,
    });

    for (const expected of organisation.expected) {
      const evaluation = await store.getEvaluation(
        `github/${expected.deploymentId}`,
      );
      const statuses = Object.fromEntries(
        evaluation!.checks.map(c => [c.checkId, c.status]),
      );
      console.log(
        expected.deploymentId,
        JSON.stringify(
          evaluation!.checks.map(c => [c.checkId, c.status, c.reason]),
          null,
          1,
        ),
      );
      for (const check of [
        'review.independent',
        'review.qualified',
        'artifact.traceable',
        'process.no-bypass',
      ] as const) {
        expect(`${expected.deploymentId} ${check}: ${statuses[check]}`).toBe(
          `${expected.deploymentId} ${check}: ${expected.checks[check]}`,
        );
      }
    }
  });

  it('reads every changed file, review and commit of a PR larger than a page, with their code owners', async () => {
    await simulator.close();
    const large = threeCases();
    const repository = large.repositories[0];
    const pr = repository.pullRequests.find(p => p.number === 1)!;
    const commit = repository.commits.find(c => c.sha === pr.commits[0])!;
    commit.files = Array.from({ length: 130 }, (_, i) => ({
      filename: `src/generated/file-${i}.ts`,
      status: 'added' as const,
      additions: 1,
      deletions: 0,
    }));
    for (let i = 0; i < 60; i++) {
      pr.reviews.push({
        ...pr.reviews[0],
        id: 90_000 + i,
        state: 'COMMENTED',
      });
    }
    simulator = createSimulator({ organisation: large });
    const base = await simulator.listen();
    const sync = providerForSimulator(base, large.now);
    await sync.connect(new StoreEvidenceSink(store, async () => {}));

    expect(await sync.syncAll()).toEqual({ repositories: 1, failed: [] });

    const stored = (await store.listPullRequests(REPOSITORY)).find(
      p => p.number === 1,
    )!;
    expect(stored.changedFiles).toHaveLength(130);
    expect(stored.reviews).toHaveLength(61);
    // three-cases.yaml: `* @northwind/payments-team` owns everything.
    expect(Object.keys(stored.codeOwnersByPath!)).toHaveLength(130);
    expect(stored.codeOwnersByPath!['src/generated/file-129.ts']).toEqual([
      '@northwind/payments-team',
    ]);
  });

  it('keeps the deployment reviews of a protected environment as approvals of their deployment', async () => {
    await simulator.close();
    const reviewed = threeCases();
    const repository = reviewed.repositories[0];
    repository.environments = [
      {
        name: 'production',
        requiredReviewers: ['grace-mensah', 'alice-nakamura'],
        preventSelfReview: false,
      },
    ];
    const [first, second] = repository.deployments;
    first.reviews.push({
      reviewer: 'grace-mensah',
      state: 'approved',
      comment: 'Go',
      submittedAt: first.createdAt,
    });
    // Alice wrote the change the second deployment ships, and approves it herself.
    second.reviews.push({
      reviewer: 'alice-nakamura',
      state: 'approved',
      comment: 'Mine, fine',
      submittedAt: second.createdAt,
    });
    simulator = createSimulator({ organisation: reviewed });
    const base = await simulator.listen();
    const sync = providerForSimulator(base, reviewed.now);
    await sync.connect(new StoreEvidenceSink(store, async () => {}));

    expect(await sync.syncAll()).toEqual({ repositories: 1, failed: [] });
    // One request for the repository, one for the deployment reviews of all its runs.
    expect(
      simulator.requestLog.total({ routePrefix: 'graphql DeploymentReviews' }),
    ).toBe(1);

    const approvals = await store.getApprovals({
      ticketKeys: [],
      deploymentIds: [`github/${first.id}`, `github/${second.id}`],
    });
    expect(approvals).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          source: 'github-deployment-review',
          approver: { login: 'grace-mensah' },
          state: 'approved',
          scope: { deploymentId: `github/${first.id}` },
          approverIsRequiredReviewer: true,
        }),
        expect.objectContaining({
          approver: { login: 'alice-nakamura' },
          scope: { deploymentId: `github/${second.id}` },
        }),
      ]),
    );
    expect(approvals).toHaveLength(2);
    // The environment's protection, as evidence beside the approvals, read in the same request.
    expect(await store.environmentProtectionHistory(REPOSITORY)).toEqual([
      {
        repository: REPOSITORY,
        environment: 'production',
        observedAt: new Date(reviewed.now).toISOString(),
        settings: {
          requiredReviewers: [
            { type: 'user', name: 'alice-nakamura' },
            { type: 'user', name: 'grace-mensah' },
          ],
          preventSelfReview: false,
          waitTimerMinutes: 0,
          deploymentBranchPolicy: null,
        },
      },
    ]);

    await evaluateService({
      store,
      policy: { ...DEFAULT_POLICY, acceptEnvironmentReviewers: true },
      service: {
        entityRef: SERVICE,
        repository: REPOSITORY,
        owningGroups: ['group:default/payments-team'],
        ticketSystems: ['jira'],
      },
      windowStart: '2026-06-01T00:00:00.000Z',
      evaluatedAt: reviewed.now,
      cause: 'test',
    });
    const approval = async (id: number) =>
      (await store.getEvaluation(`github/${id}`))!.checks.find(
        c => c.checkId === 'approval.before-deploy',
      )!;
    expect(await approval(first.id)).toMatchObject({ status: 'pass' });
    expect(await approval(second.id)).toMatchObject({
      status: 'fail',
      reason: expect.stringMatching(/approved their own change/),
    });
  });

  it('reads nothing new on an idle re-sync and writes no duplicate', async () => {
    await provider.syncAll();
    const rows = async () =>
      Object.fromEntries(
        await Promise.all(
          [
            'commits',
            'pull_requests',
            'reviews',
            'deployments',
            'environment_protection_snapshots',
          ].map(async table => [
            table,
            Number((await knex(table).count({ n: '*' }))[0].n),
          ]),
        ),
      );
    const before = await rows();
    simulator.requestLog.reset();

    await provider.syncAll();

    expect(await rows()).toEqual(before);
    // One GraphQL request: every list in it already reaches its cursor.
    expect(simulator.requestLog.snapshot()).toEqual({
      default: { 'POST /api/graphql RepositoryEvidence': 1 },
    });
  });

  /** The same organisation synced in one go, with no fault, into a fresh database. */
  async function unbrokenSync(): Promise<Record<string, string[]>> {
    const fresh = await databases.init('SQLITE_3');
    try {
      const freshStore = await KnexEvidenceStore.create({
        database: { getClient: async () => fresh, migrations: { skip: false } },
      });
      await freshStore.upsertServices(await store.listServices());
      const unbroken = providerForSimulator(
        simulator.baseUrl(),
        organisation.now,
      );
      await unbroken.connect(new StoreEvidenceSink(freshStore, async () => {}));
      simulator.faults.clear();
      await unbroken.syncAll();
      return await storedEvidence(fresh);
    } finally {
      await fresh.destroy();
    }
  }

  it('resumes after a sync that failed half-way and ends with what an unbroken sync stores', async () => {
    // Breaks half-way, past every retry: the repository and its branch heads are written, then the
    // audit log cannot be read.
    simulator.faults.set([
      { path: '/audit-log', kind: 'status-502', times: 6 },
    ]);
    expect(await provider.syncAll()).toEqual({
      repositories: 1,
      failed: [REPOSITORY],
    });
    const [failure] = await store.listSourceStatus();
    expect(failure).toMatchObject({
      lastSucceededAt: null,
      cursor: null,
      consecutiveFailures: 1,
    });
    expect(failure.lastError).toMatch(/Bad Gateway/);
    expect(evaluationRequests).toEqual([]);

    expect(await provider.syncAll()).toEqual({ repositories: 1, failed: [] });

    expect(await storedEvidence(knex)).toEqual(await unbrokenSync());
  });

  it('resumes after the syncing process was killed mid-way and ends with what an unbroken sync stores', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'github-kill-'));
    const filename = path.join(directory, 'evidence.sqlite');
    const onDisk = knexFactory({
      client: 'better-sqlite3',
      connection: { filename },
      useNullAsDefault: true,
    });
    try {
      const diskStore = await KnexEvidenceStore.create({
        database: {
          getClient: async () => onDisk,
          migrations: { skip: false },
        },
      });
      await diskStore.upsertServices(await store.listServices());
      // The audit log never answers: the child has read the repository and written its first
      // rows when it is killed.
      simulator.faults.set([{ path: '/audit-log', kind: 'timeout' }]);
      const child = spawn(
        process.execPath,
        [
          '-r',
          'sucrase/register/ts',
          path.join(__dirname, '__testUtils__/syncInChildProcess.ts'),
          simulator.baseUrl(),
          organisation.now,
          filename,
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let childErrors = '';
      child.stderr!.on('data', chunk => {
        childErrors += chunk;
      });
      const exited = new Promise(resolve => child.on('exit', resolve));
      const deadline = Date.now() + 30_000;
      // The held request is not logged (it never finishes); the fault counts it.
      while (simulator.faults.hits()[0].hits === 0) {
        if (Date.now() > deadline)
          throw new Error(`The child never synced: ${childErrors}`);
        await new Promise(resolve => setTimeout(resolve, 50));
      }
      child.kill('SIGKILL');
      await exited;

      // Killed mid-way: some evidence written, the cursor not moved.
      expect(await onDisk('repositories').count({ n: '*' })).toEqual([
        { n: 1 },
      ]);
      expect(await diskStore.getSyncState('github', REPOSITORY)).toMatchObject({
        cursor: null,
      });

      simulator.faults.clear();
      const resumed = providerForSimulator(
        simulator.baseUrl(),
        organisation.now,
      );
      await resumed.connect(new StoreEvidenceSink(diskStore, async () => {}));
      expect(await resumed.syncAll()).toEqual({ repositories: 1, failed: [] });

      expect(await storedEvidence(onDisk)).toEqual(await unbrokenSync());
    } finally {
      await onDisk.destroy();
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});
