import { EvidenceStore } from '../database/EvidenceStore';
import {
  alice,
  baseline,
  HEAD,
  MERGE,
  pullRequest,
  ticket,
} from '../engine/__testUtils__/baseline';
import { CommitEvidence } from '../engine/evidence';
import { ServiceToEvaluate } from '../evaluation/ServiceEvaluator';

export const REPO = 'northwind/payments-api';
export const ROOT = '1111111111111111111111111111111111111111';
export const HOTFIX = 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee';

/** payments-api as the catalog describes it (see examples/entities.yaml). */
export const paymentsApiService: ServiceToEvaluate = {
  ...baseline().service,
  repository: REPO,
};

/**
 * The history of main: ROOT, then PR #42 merged as MERGE (its own commits EARLIER and HEAD
 * come along), then HOTFIX pushed straight to main.
 */
function history(): CommitEvidence[] {
  const [earlier, head] = pullRequest().commits;
  return [
    {
      sha: ROOT,
      parents: [],
      author: alice,
      coAuthors: [],
      message: 'Initial commit',
      committedAt: '2026-11-01T00:00:00.000Z',
    },
    { ...earlier, parents: [ROOT] },
    head,
    {
      sha: MERGE,
      parents: [ROOT, HEAD],
      author: alice,
      coAuthors: [],
      message: 'PAY-12 Tokenise card numbers before storage (#42)',
      committedAt: '2026-11-10T10:00:00.000Z',
    },
    {
      sha: HOTFIX,
      parents: [MERGE],
      author: alice,
      coAuthors: [],
      message: 'PAY-12 quick fix',
      committedAt: '2026-11-11T10:00:00.000Z',
      changedFiles: ['src/cards/tokenise.ts'],
    },
  ];
}

/**
 * Writes a small, complete evidence set through the store: three production deployments of
 * payments-api (ROOT, MERGE, HOTFIX), one failed and one staging deployment, PR #42 with its
 * review, ticket PAY-12, branch protection of main and the protection of the production and
 * staging environments. Approvals are the caller's to add.
 */
export async function loadDemoEvidence(store: EvidenceStore): Promise<void> {
  await store.upsertRepositories([
    { slug: REPO, host: 'github.com', defaultBranch: 'main' },
  ]);
  await store.upsertBranchHeads(REPO, {
    main: HOTFIX,
    'feature/tokenise-cards': HEAD,
  });
  await store.upsertCommits(REPO, history());
  await store.upsertCommitAssociations(REPO, { [MERGE]: 42 });
  await store.upsertPullRequests([pullRequest()]);
  await store.upsertTickets([
    { ...ticket(), links: [...ticket().links, HOTFIX.slice(0, 8)] },
  ]);
  await store.recordBranchProtection({
    repository: REPO,
    branch: 'main',
    observedAt: '2026-10-01T00:00:00.000Z',
    protected: true,
    settings: { requiredApprovals: 1 },
  });
  await store.recordEnvironmentProtection({
    repository: REPO,
    environment: 'production',
    observedAt: '2026-10-01T00:00:00.000Z',
    settings: {
      requiredReviewers: [{ type: 'user', name: 'grace' }],
      preventSelfReview: true,
      waitTimerMinutes: 0,
      deploymentBranchPolicy: { type: 'protected-branches' },
    },
  });
  await store.recordEnvironmentProtection({
    repository: REPO,
    environment: 'staging',
    observedAt: '2026-10-01T00:00:00.000Z',
    settings: {
      requiredReviewers: [],
      preventSelfReview: false,
      waitTimerMinutes: 0,
      deploymentBranchPolicy: null,
    },
  });
  const deployment = {
    source: 'github',
    serviceRef: paymentsApiService.entityRef,
    environment: 'production',
    actor: alice,
    ref: 'main',
    status: 'success',
    ticketKeys: [],
  };
  await store.upsertDeployments([
    {
      ...deployment,
      externalId: '9000',
      commitSha: ROOT,
      deployedAt: '2026-11-02T12:00:00.000Z',
    },
    {
      ...deployment,
      externalId: '9001',
      commitSha: MERGE,
      deployedAt: '2026-11-10T12:00:00.000Z',
    },
    {
      ...deployment,
      externalId: '9002',
      commitSha: HOTFIX,
      deployedAt: '2026-11-11T12:00:00.000Z',
    },
    // Failed and staging deployments are not production changes.
    {
      ...deployment,
      externalId: '9003',
      commitSha: HOTFIX,
      deployedAt: '2026-11-11T13:00:00.000Z',
      status: 'failure',
    },
    {
      ...deployment,
      externalId: '9004',
      commitSha: HEAD,
      deployedAt: '2026-11-09T13:00:00.000Z',
      environment: 'staging',
    },
  ]);
}
