import {
  CheckResult,
  DeploymentDetail,
  DeploymentListItem,
  DeploymentPage,
  DeploymentTrace,
  ServiceSummary,
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
    getAuditPopulation: jest.fn(),
    drawAuditSample: jest.fn(),
    listAuditSamples: jest.fn().mockResolvedValue({ samples: [] }),
    getAuditSample: jest.fn(),
    reviewAuditSampleItem: jest.fn(),
    exportAuditSample: jest.fn(),
    ...overrides,
  };
}
