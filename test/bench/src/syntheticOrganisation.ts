/*
 * A synthetic organisation's evidence for the benchmarks: services that each deploy to production
 * every 40 minutes, every deployment shipping one PR (merge commit + PR commit) with one review, one
 * Jira ticket and one CAB approval. About 17 % of the deployments carry a planted defect
 * (self-approval, stale approval, admin override, incomplete ticket, late approval). Deterministic:
 * the same arguments give the same data.
 */
import {
  DEFAULT_POLICY,
  KnexEvidenceStore,
} from '@change-compliance/plugin-change-compliance-backend/testUtils';
import {
  ApprovalEvidence,
  CommitEvidence,
  PullRequestEvidence,
  TicketEvidence,
  DeploymentRecord,
} from '@change-compliance/plugin-change-compliance-node';
import { Random } from '@internal/upstream-simulator';

const sha = (prefix: string, n: number) =>
  `${prefix}${n.toString(16).padStart(39 - prefix.length, '0')}`
    .padEnd(40, '0')
    .slice(0, 40);

export function benchmarkPolicy(serviceCount: number) {
  return {
    ...DEFAULT_POLICY,
    ticketProjects: Array.from({ length: serviceCount }, (_, i) => ({
      system: 'jira',
      key: `S${i}`,
    })),
    ticketFieldMapping: {
      jira: {
        description: 'description',
        requester: 'reporter',
        justification: 'justification',
        implementationPlan: 'plan',
        rollbackPlan: 'rollback',
      },
    },
    approverGroups: ['group:default/cab'],
  };
}

export interface ServiceData {
  repository: string;
  entityRef: string;
  commits: CommitEvidence[];
  pullRequests: PullRequestEvidence[];
  associations: Record<string, number>;
  tickets: TicketEvidence[];
  approvals: ApprovalEvidence[];
  deployments: DeploymentRecord[];
  head: string;
}

export function generateService(
  s: number,
  perService: number,
  options: { start?: number } = {},
): ServiceData {
  // Seeded, so every run loads the same data.
  const random = new Random(1000 + s);
  const next = () => random.next();
  const repository = `bench/service-${s}`;
  const entityRef = `component:default/service-${s}`;
  const start = options.start ?? Date.UTC(2026, 5, 1);
  const author = {
    login: `dev-${s}-a`,
    type: 'User' as const,
    groups: [`group:default/team-${s}`],
  };
  const reviewer = {
    login: `dev-${s}-b`,
    type: 'User' as const,
    groups: [`group:default/team-${s}`],
  };
  const approver = {
    login: 'cab-member',
    type: 'User' as const,
    groups: ['group:default/cab'],
  };
  const root = sha(`${s.toString(16)}f`, 0);
  const commits: CommitEvidence[] = [
    {
      sha: root,
      parents: [],
      author,
      coAuthors: [],
      message: 'init',
      committedAt: new Date(start - 86400000).toISOString(),
    },
  ];
  const data: ServiceData = {
    repository,
    entityRef,
    commits,
    pullRequests: [],
    associations: {},
    tickets: [],
    approvals: [],
    deployments: [],
    head: root,
  };
  let previous = root;
  for (let k = 1; k <= perService; k++) {
    const t = start + k * 40 * 60 * 1000; // a deployment every 40 minutes
    const key = `S${s}-${k}`;
    const head = sha(`${s.toString(16)}a`, k);
    const merge = sha(`${s.toString(16)}b`, k);
    const headCommit: CommitEvidence = {
      sha: head,
      parents: [previous],
      author,
      coAuthors: [],
      message: `${key} change ${k}`,
      committedAt: new Date(t - 3600000).toISOString(),
    };
    commits.push(headCommit, {
      sha: merge,
      parents: [previous, head],
      author,
      coAuthors: [],
      message: `Merge pull request #${k}`,
      committedAt: new Date(t - 1800000).toISOString(),
    });
    const selfApproved = next() < 0.05;
    data.pullRequests.push({
      repository,
      number: k,
      title: `${key} change ${k}`,
      body: 'Details in the ticket.',
      headBranch: `feature/${key.toLowerCase()}`,
      baseBranch: 'main',
      author,
      headSha: head,
      mergeCommitSha: merge,
      mergedAt: new Date(t - 1800000).toISOString(),
      mergedBy: author,
      mergedWithAdminOverride: next() < 0.01,
      labels: [],
      commits: [headCommit],
      reviews: [
        {
          id: `${k}`,
          reviewer: selfApproved ? author : reviewer,
          state: 'APPROVED',
          commitId: next() < 0.03 ? previous : head,
          submittedAt: new Date(t - 2400000).toISOString(),
          dismissed: false,
        },
      ],
      changedFiles: [`src/module-${k % 50}.ts`],
    });
    data.associations[merge] = k;
    data.tickets.push({
      system: 'jira',
      key,
      type: 'Story',
      priority: 'Medium',
      statusHistory: [],
      fields: {
        description: 'Change',
        reporter: 'Product',
        justification: 'Customer need',
        plan: 'Deploy',
        rollback: next() < 0.05 ? 'TBD' : 'Revert',
      },
      links: [`${repository}#${k}`],
    });
    data.approvals.push({
      id: key,
      source: 'jira-transition',
      approver,
      approvedAt: new Date(
        t - (next() < 0.04 ? -600000 : 3000000),
      ).toISOString(),
      state: 'approved',
      scope: { ticketKey: key },
    });
    data.deployments.push({
      source: 'bench',
      externalId: `${s}-${k}`,
      serviceRef: entityRef,
      environment: 'production',
      commitSha: merge,
      deployedAt: new Date(t).toISOString(),
      ref: 'main',
      status: 'success',
      ticketKeys: [],
    });
    previous = merge;
  }
  data.head = previous;
  return data;
}

/** Loads one service's evidence through the real store; returns the number of rows written. */
export async function loadService(
  store: KnexEvidenceStore,
  data: ServiceData,
): Promise<number> {
  await store.upsertRepositories([
    { slug: data.repository, host: 'github.com', defaultBranch: 'main' },
  ]);
  await store.upsertBranchHeads(data.repository, { main: data.head });
  await store.recordBranchProtection({
    repository: data.repository,
    branch: 'main',
    observedAt: '2026-01-01T00:00:00.000Z',
    protected: true,
    settings: {},
  });
  await store.upsertCommits(data.repository, data.commits);
  await store.upsertCommitAssociations(data.repository, data.associations);
  await store.upsertPullRequests(data.pullRequests);
  await store.upsertTickets(data.tickets);
  await store.upsertApprovals(data.approvals);
  await store.upsertDeployments(data.deployments);
  return (
    data.commits.length +
    2 * data.pullRequests.length +
    Object.keys(data.associations).length +
    data.tickets.length +
    data.approvals.length +
    data.deployments.length
  );
}

/** The service as the evaluator sees it. */
export function serviceToEvaluate(s: number) {
  return {
    entityRef: `component:default/service-${s}`,
    repository: `bench/service-${s}`,
    owningGroups: [`group:default/team-${s}`],
    ticketSystems: ['jira'],
  };
}
