import {
  AuditPopulation,
  AuditSample,
  AuditSampleItem,
  AuditSampleSummary,
  AuditScope,
  CheckResult,
  DeploymentDetail,
  DeploymentListItem,
  DeploymentPage,
  DeploymentTrace,
  ServiceSummary,
  SourcesResponse,
} from '@change-compliance/plugin-change-compliance-common';
import { ChangeComplianceApi } from '../api/ChangeComplianceApi';

/** Evidence of the demo's payments-api, shaped as the backend answers, for component tests. */

const weeks = ['2026-10-19', '2026-10-26', '2026-11-02'].map(
  day => `${day}T00:00:00.000Z`,
);

export const summaryWithAnException: ServiceSummary = {
  entityRef: 'component:default/payments-api',
  from: '2026-08-05T00:00:00.000Z',
  to: '2026-11-03T15:00:00.000Z',
  compliant: 11,
  exceptions: 1,
  pending: 0,
  score: 11 / 12,
  trend: [
    { weekStart: weeks[0], compliant: 4, exceptions: 0, pending: 0 },
    { weekStart: weeks[1], compliant: 5, exceptions: 0, pending: 0 },
    { weekStart: weeks[2], compliant: 2, exceptions: 1, pending: 0 },
  ],
  failuresByCheck: { 'review.independent': 1, 'ticket.complete': 1 },
};

export const summaryWithNothing: ServiceSummary = {
  ...summaryWithAnException,
  compliant: 0,
  exceptions: 0,
  score: null,
  trend: weeks.map(weekStart => ({
    weekStart,
    compliant: 0,
    exceptions: 0,
    pending: 0,
  })),
  failuresByCheck: {},
};

export const unreviewedDeployment: DeploymentListItem = {
  id: 'github/9001',
  environment: 'production',
  commitSha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
  imageTag: 'v1.4.2',
  imageDigest:
    'sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0',
  deployedAt: '2026-11-03T14:05:00.000Z',
  actor: 'dana',
  pipelineRunUrl: 'https://ci.northwind.example/runs/77',
  verdict: 'exception',
  checks: {
    'ticket.linked': 'pass',
    'ticket.complete': 'fail',
    'review.independent': 'fail',
    'review.qualified': 'not-applicable',
    'approval.before-deploy': 'pass',
    'artifact.traceable': 'pass',
    'trace.bidirectional': 'pass',
    'process.no-bypass': 'pass',
  },
};

export const REVIEW_REASON =
  '0 of 1 required independent approvals; not counted: bob (stale: approved an earlier commit than the final head), erin (dismissed); get an approval of the final head from someone who did not author it.';

export const TICKET_REASON =
  'PAY-12 lacks business justification; fill them in the ticket.';

const ticketIncomplete: CheckResult = {
  checkId: 'ticket.complete',
  status: 'fail',
  reason: TICKET_REASON,
  evidenceRefs: ['ticket:jira/PAY-12'],
};

export const unreviewedDeploymentDetail: DeploymentDetail = {
  deployment: {
    ...unreviewedDeployment,
    serviceRef: 'component:default/payments-api',
    ref: 'main',
    ticketKeys: [],
  },
  checks: [
    {
      checkId: 'review.independent',
      status: 'fail',
      reason: `pr:northwind/payments-api#42: ${REVIEW_REASON}`,
      evidenceRefs: ['pr:northwind/payments-api#42'],
    },
    ticketIncomplete,
    {
      checkId: 'artifact.traceable',
      status: 'pass',
      reason:
        'Commit a1b2c3d is on main, a branch allowed for production deployments.',
      evidenceRefs: ['deployment:github/9001'],
    },
  ],
  changes: [
    {
      changeRef: 'pr:northwind/payments-api#42',
      emergency: true,
      emergencyDeadline: '2026-11-06T14:05:00.000Z',
      automated: false,
      exempt: false,
      ticketKeys: ['PAY-12'],
      checks: [
        {
          checkId: 'ticket.linked',
          status: 'pass',
          reason: 'References PAY-12 in the PR title.',
          evidenceRefs: ['pr:northwind/payments-api#42', 'ticket:jira/PAY-12'],
        },
        ticketIncomplete,
        {
          checkId: 'review.independent',
          status: 'fail',
          reason: REVIEW_REASON,
          evidenceRefs: ['pr:northwind/payments-api#42'],
        },
        {
          checkId: 'approval.before-deploy',
          status: 'pass',
          reason:
            'Approved by carol at 2026-11-02T09:00:00Z, before the deployment at 2026-11-03T14:05:00Z.',
          evidenceRefs: [
            'pr:northwind/payments-api#42',
            'approval:jira-transition/5001',
          ],
        },
      ],
    },
  ],
  history: [
    {
      verdict: 'exception',
      previousVerdict: null,
      cause: 'deployment event github/9001',
      evaluatedAt: '2026-11-03T14:06:00.000Z',
    },
  ],
  evaluatedAt: '2026-11-03T14:06:00.000Z',
};

const HEAD_SHA = '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432';

/**
 * The stored evidence behind the unreviewed v1.4.2: bob approved an earlier commit, erin's
 * approval was dismissed, PAY-12 lacks its justification, and besides carol's approval in Jira a
 * deployment review came in after the deployment had gone live.
 */
export const unreviewedDeploymentTrace: DeploymentTrace = {
  deploymentId: 'github/9001',
  pullRequests: [
    {
      changeRef: 'pr:northwind/payments-api#42',
      repository: 'northwind/payments-api',
      number: 42,
      url: 'https://github.com/northwind/payments-api/pull/42',
      title: 'PAY-12: round refunds half-even',
      author: { login: 'alice', type: 'User' },
      headSha: HEAD_SHA,
      mergeCommitSha: unreviewedDeployment.commitSha,
      mergedAt: '2026-11-03T13:50:00.000Z',
      mergedBy: { login: 'alice', type: 'User' },
      mergedWithAdminOverride: false,
      labels: ['emergency'],
      reviews: [
        {
          reviewer: { login: 'bob', type: 'User' },
          state: 'APPROVED',
          submittedAt: '2026-11-03T11:00:00.000Z',
          commitId: '0123456789abcdef0123456789abcdef01234567',
          dismissed: false,
        },
        {
          reviewer: { login: 'erin', type: 'User' },
          state: 'APPROVED',
          submittedAt: '2026-11-03T13:30:00.000Z',
          commitId: HEAD_SHA,
          dismissed: true,
        },
      ],
    },
  ],
  directCommits: [],
  tickets: [
    {
      system: 'jira',
      key: 'PAY-12',
      url: 'https://northwind.atlassian.net/browse/PAY-12',
      type: 'Change',
      priority: 'High',
      requester: { login: 'priya' },
      requiredFields: [
        { field: 'description', sourceField: 'description', filled: true },
        { field: 'requester', sourceField: 'reporter', filled: true },
        {
          field: 'justification',
          sourceField: 'customfield_10101',
          filled: false,
        },
        {
          field: 'implementationPlan',
          sourceField: 'customfield_10102',
          filled: true,
        },
        {
          field: 'rollbackPlan',
          sourceField: 'customfield_10103',
          filled: true,
        },
      ],
      links: ['https://github.com/northwind/payments-api/pull/42'],
    },
  ],
  approvals: [
    {
      source: 'github-deployment-review',
      approver: { login: 'frank', type: 'User' },
      approvedAt: '2026-11-03T14:20:00.000Z',
      state: 'approved',
      ticketKey: null,
      deploymentId: 'github/9001',
    },
    {
      source: 'jira-transition',
      approver: { login: 'carol', type: 'User' },
      approvedAt: '2026-11-02T09:00:00.000Z',
      state: 'approved',
      ticketKey: 'PAY-12',
      deploymentId: null,
    },
  ],
};

/** A page of the history: `count` compliant deployments, one a day back from 2026-11-03. */
export function compliantDeployments(
  count: number,
  offset = 0,
): DeploymentListItem[] {
  return Array.from({ length: count }, (_, i) => {
    const n = offset + i;
    return {
      ...unreviewedDeployment,
      id: `github/${8000 - n}`,
      imageTag: `v1.3.${200 - n}`,
      deployedAt: new Date(
        Date.parse('2026-11-02T10:00:00Z') - n * 86_400_000,
      ).toISOString(),
      verdict: 'compliant' as const,
      checks: {
        ...unreviewedDeployment.checks,
        'ticket.complete': 'pass' as const,
        'review.independent': 'pass' as const,
      },
    };
  });
}

export function page(
  items: DeploymentListItem[],
  totalItems = items.length,
  pageNumber = 1,
): DeploymentPage {
  return { items, page: pageNumber, pageSize: 25, totalItems };
}

/** An API whose every read answers as for a service without evidence, unless told otherwise. */
export function mockChangeComplianceApi(
  overrides: Partial<jest.Mocked<ChangeComplianceApi>> = {},
): jest.Mocked<ChangeComplianceApi> {
  return {
    getHealth: jest.fn(),
    getPolicy: jest
      .fn()
      .mockResolvedValue({ productionEnvironments: ['production'] }),
    getSources: jest.fn().mockResolvedValue({ sources: [], rounds: [] }),
    getServiceSummary: jest.fn().mockResolvedValue(summaryWithNothing),
    getServiceDeployments: jest.fn().mockResolvedValue(page([])),
    getGroupSummary: jest.fn(),
    getDeployment: jest.fn().mockResolvedValue(unreviewedDeploymentDetail),
    getDeploymentTrace: jest.fn().mockResolvedValue(unreviewedDeploymentTrace),
    getRepositoryEvidence: jest.fn(),
    getAuditPopulation: jest.fn(async (scope: AuditScope) => ({
      scope,
      total: 0,
      pending: 0,
      strata: [],
    })),
    drawAuditSample: jest.fn(),
    listAuditSamples: jest.fn().mockResolvedValue({ samples: [] }),
    getAuditSample: jest.fn(),
    reviewAuditSampleItem: jest.fn(),
    exportAuditSample: jest.fn(),
    ...overrides,
  };
}

/**
 * The auditor's view of the demo: the payments services' production changes by stratum, a sample
 * of two (the unreviewed emergency v1.4.2 and a compliant v1.3.200), the policy and the sources.
 */

export const PAYMENTS_API = 'component:default/payments-api';
export const LEDGER = 'component:default/ledger';

export function paymentsPopulation(scope: AuditScope): AuditPopulation {
  return {
    scope,
    total: 14,
    pending: 1,
    strata: [
      {
        key: `${LEDGER}|normal`,
        serviceRef: LEDGER,
        systemRef: null,
        changeType: 'normal',
        population: 2,
      },
      {
        key: `${PAYMENTS_API}|normal`,
        serviceRef: PAYMENTS_API,
        systemRef: 'system:default/payments',
        changeType: 'normal',
        population: 11,
      },
      {
        key: `${PAYMENTS_API}|emergency`,
        serviceRef: PAYMENTS_API,
        systemRef: 'system:default/payments',
        changeType: 'emergency',
        population: 1,
      },
    ],
  };
}

/** v1.4.2 as sampled: ticket incomplete (step 4), no independent review (step 5). */
export const sampledException: AuditSampleItem = {
  deploymentId: 'github/9001',
  stratumKey: `${PAYMENTS_API}|emergency`,
  serviceRef: PAYMENTS_API,
  environment: 'production',
  commitSha: unreviewedDeployment.commitSha,
  imageTag: unreviewedDeployment.imageTag,
  imageDigest: unreviewedDeployment.imageDigest,
  deployedAt: unreviewedDeployment.deployedAt,
  actor: 'dana',
  emergency: true,
  verdict: 'exception',
  steps: [
    {
      step: 4,
      status: 'fail',
      checks: [
        {
          checkId: 'ticket.linked',
          status: 'pass',
          reason: 'References PAY-12 in the PR title.',
        },
        { checkId: 'ticket.complete', status: 'fail', reason: TICKET_REASON },
      ],
    },
    {
      step: 5,
      status: 'fail',
      checks: [
        {
          checkId: 'review.independent',
          status: 'fail',
          reason: REVIEW_REASON,
        },
        {
          checkId: 'review.qualified',
          status: 'not-applicable',
          reason: 'No counting approval to qualify.',
        },
        {
          checkId: 'approval.before-deploy',
          status: 'pass',
          reason:
            'Approved by carol at 2026-11-02T09:00:00Z, before the deployment at 2026-11-03T14:05:00Z.',
        },
      ],
    },
    {
      step: 6,
      status: 'pass',
      checks: [
        {
          checkId: 'artifact.traceable',
          status: 'pass',
          reason:
            'Commit a1b2c3d is on main, a branch allowed for production deployments.',
        },
      ],
    },
    {
      step: 7,
      status: 'pass',
      checks: [
        {
          checkId: 'trace.bidirectional',
          status: 'pass',
          reason: 'PAY-12 links back to pr:northwind/payments-api#42.',
        },
      ],
    },
    {
      step: 8,
      status: 'pass',
      checks: [
        {
          checkId: 'process.no-bypass',
          status: 'pass',
          reason: 'Merged through a reviewed pull request to protected main.',
        },
      ],
    },
  ],
};

export const sampledCompliant: AuditSampleItem = {
  ...sampledException,
  deploymentId: 'github/8000',
  stratumKey: `${PAYMENTS_API}|normal`,
  commitSha: 'b2c3d4e5f60718293a4b5c6d7e8f901234567890',
  imageTag: 'v1.3.200',
  imageDigest: undefined,
  deployedAt: '2026-11-02T10:00:00.000Z',
  emergency: false,
  verdict: 'compliant',
  steps: sampledException.steps.map(step => ({
    ...step,
    status: 'pass' as const,
    checks: step.checks.map(check => ({
      ...check,
      status: 'pass' as const,
    })),
  })),
};

export const sampledLedgerChange: AuditSampleItem = {
  ...sampledCompliant,
  deploymentId: 'github/7100',
  stratumKey: `${LEDGER}|normal`,
  serviceRef: LEDGER,
  imageTag: 'v0.9.1',
};

export function auditSample(
  scope: AuditScope,
  overrides: Partial<AuditSample> = {},
): AuditSample {
  const population = paymentsPopulation(scope);
  return {
    id: 's-2026-q4',
    scope,
    seed: 'fy2026-q4',
    size: 25,
    drawnBy: 'user:default/henrik.berg',
    drawnAt: '2026-11-20T10:00:00.000Z',
    population: { total: population.total, strata: population.strata },
    items: [sampledException, sampledCompliant],
    ...overrides,
  };
}

export const earlierSample: AuditSampleSummary = {
  id: 's-2026-q3',
  scope: {
    from: '2026-07-01T00:00:00.000Z',
    to: '2026-10-01T00:00:00.000Z',
    services: [PAYMENTS_API],
  },
  seed: 'fy2026-q3',
  size: 25,
  drawnBy: 'user:default/henrik.berg',
  drawnAt: '2026-10-02T08:00:00.000Z',
  reviewed: 25,
};

/** The policy as `GET /policy` answers it: the strict defaults and the demo's Jira project. */
export const auditPolicy: Record<string, unknown> = {
  productionEnvironments: ['production'],
  ticketProjects: [{ system: 'jira', key: 'PAY' }],
  requiredTicketFields: [
    'description',
    'requester',
    'justification',
    'implementationPlan',
    'rollbackPlan',
  ],
  minApprovals: 1,
  allowStaleApprovalAfterBaseMerge: false,
  qualifiedReviewers: { owningGroup: true, codeOwners: true, groups: [] },
  approverGroups: ['group:default/change-advisory-board'],
  acceptEnvironmentReviewers: false,
  emergency: {
    labels: ['emergency', 'hotfix'],
    ticketTypes: [],
    ticketPriorities: [],
    retroWindowMs: 72 * 60 * 60 * 1000,
  },
  productionBranches: ['$default'],
  exemptPaths: [],
  automationAccounts: [],
  sample: { min: 25, max: 40, default: 25 },
};

/** The demo's sources: payments-api synced, ledger failing, and a GitHub round still running. */
export const syncingSources: SourcesResponse = {
  sources: [
    {
      provider: 'github',
      scope: 'northwind/payments-api',
      lastStartedAt: '2026-11-20T10:00:00.000Z',
      lastSucceededAt: '2026-11-20T10:00:09.000Z',
      lastFailedAt: null,
      cursor: null,
      lastError: null,
      consecutiveFailures: 0,
      itemsSynced: 40,
    },
    {
      provider: 'github',
      scope: 'northwind/ledger',
      lastStartedAt: '2026-11-20T10:01:00.000Z',
      lastSucceededAt: '2026-11-19T10:01:00.000Z',
      lastFailedAt: '2026-11-20T10:01:05.000Z',
      cursor: null,
      lastError: 'GitHub answered 502',
      consecutiveFailures: 2,
      itemsSynced: 12,
    },
  ],
  rounds: [
    {
      provider: 'github',
      startedAt: '2026-11-20T10:00:00.000Z',
      finishedAt: null,
      total: 13,
      done: 5,
      failed: 1,
      itemsSynced: 900,
    },
  ],
};
