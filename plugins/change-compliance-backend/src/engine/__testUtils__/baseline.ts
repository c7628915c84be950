import { ChangePolicy, DEFAULT_POLICY } from '../../policy/ChangePolicy';
import {
  Actor,
  DeploymentEvaluationInput,
  PullRequestEvidence,
  TicketEvidence,
} from '../evidence';

/**
 * A compliant production deployment of the demo's payments-api: one PR, ticketed, reviewed by a
 * teammate on its final head, approved by the CAB before the deployment, traceable both ways.
 * Each scenario changes one thing and says what must follow.
 */

export const alice: Actor = {
  login: 'alice-nakamura',
  type: 'User',
  email: 'alice.nakamura@northwind.example',
  userRef: 'user:default/alice.nakamura',
  groups: ['group:default/payments-team', 'group:default/engineering'],
};
export const bob: Actor = {
  login: 'bob-okafor',
  type: 'User',
  userRef: 'user:default/bob.okafor',
  groups: ['group:default/payments-team', 'group:default/engineering'],
};
export const carmen: Actor = {
  login: 'carmen-diaz',
  type: 'User',
  userRef: 'user:default/carmen.diaz',
  groups: ['group:default/accounts-team', 'group:default/engineering'],
};
export const grace: Actor = {
  login: 'grace-mensah',
  type: 'User',
  userRef: 'user:default/grace.mensah',
  groups: [
    'group:default/change-advisory-board',
    'group:default/platform-team',
  ],
};
export const dependabot: Actor = { login: 'dependabot[bot]', type: 'Bot' };

export const HEAD = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
export const EARLIER = '0f1e2d3c4b5a69788796a5b4c3d2e1f001234567';
export const MERGE = '9e8d7c6b5a4938271605f4e3d2c1b0a998877665';

export const DEPLOYED_AT = '2026-11-10T12:00:00.000Z';
export const MERGED_AT = '2026-11-10T10:00:00.000Z';

export function basePolicy(): ChangePolicy {
  return {
    ...DEFAULT_POLICY,
    ticketProjects: [{ system: 'jira', key: 'PAY' }],
    ticketFieldMapping: {
      jira: {
        description: 'description',
        requester: 'reporter',
        justification: 'customfield_10101',
        implementationPlan: 'customfield_10102',
        rollbackPlan: 'customfield_10103',
      },
    },
    approverGroups: ['group:default/change-advisory-board'],
    exemptPaths: ['docs/**', '*.md'],
    automationAccounts: ['northwind-release-bot'],
  };
}

export function pullRequest(): PullRequestEvidence {
  return {
    repository: 'northwind/payments-api',
    number: 42,
    url: 'https://github.com/northwind/payments-api/pull/42',
    title: 'PAY-12 Tokenise card numbers before storage',
    body: 'Replaces raw PANs with vault tokens.\n\nRollback: revert this PR.',
    headBranch: 'feature/tokenise-cards',
    baseBranch: 'main',
    author: alice,
    headSha: HEAD,
    mergeCommitSha: MERGE,
    mergedAt: MERGED_AT,
    mergedBy: alice,
    mergedWithAdminOverride: false,
    labels: [],
    commits: [
      {
        sha: EARLIER,
        parents: ['1111111111111111111111111111111111111111'],
        author: alice,
        coAuthors: [],
        message: 'Add token vault client',
        committedAt: '2026-11-09T08:00:00.000Z',
      },
      {
        sha: HEAD,
        parents: [EARLIER],
        author: alice,
        coAuthors: [],
        message: 'Store tokens instead of PANs',
        committedAt: '2026-11-09T09:00:00.000Z',
      },
    ],
    reviews: [
      {
        id: '1001',
        reviewer: bob,
        state: 'APPROVED',
        commitId: HEAD,
        submittedAt: '2026-11-09T11:00:00.000Z',
        dismissed: false,
      },
    ],
    changedFiles: ['src/cards/tokenise.ts', 'src/cards/tokenise.test.ts'],
    codeOwnersByPath: {
      'src/cards/tokenise.ts': ['bob-okafor'],
      'src/cards/tokenise.test.ts': ['bob-okafor'],
    },
  };
}

export function ticket(): TicketEvidence {
  return {
    system: 'jira',
    key: 'PAY-12',
    url: 'https://jira.northwind.example/browse/PAY-12',
    type: 'Story',
    priority: 'Medium',
    fields: {
      description: 'Store vault tokens instead of card numbers.',
      reporter: 'Alice Nakamura',
      customfield_10101: 'PCI DSS 3.4 requires PANs to be unreadable at rest.',
      customfield_10102:
        'Deploy behind the tokenise flag, backfill, then enable.',
      customfield_10103: 'Disable the flag; tokens stay readable by the vault.',
    },
    statusHistory: [],
    links: ['https://github.com/northwind/payments-api/pull/42'],
  };
}

export function baseline(): DeploymentEvaluationInput {
  return {
    service: {
      entityRef: 'component:default/payments-api',
      owningGroups: ['group:default/payments-team'],
      ticketSystems: ['jira'],
    },
    deployment: {
      id: 'github/9001',
      source: 'github',
      environment: 'production',
      commitSha: MERGE,
      deployedAt: DEPLOYED_AT,
      actor: alice,
      ref: 'main',
      ticketKeys: [],
    },
    repository: {
      slug: 'northwind/payments-api',
      defaultBranch: 'main',
      commitExists: true,
      branchesContainingCommit: ['main'],
      protectedBranches: ['main'],
    },
    changes: [{ kind: 'pull-request', pullRequest: pullRequest() }],
    changeSet: { complete: true },
    tickets: { 'PAY-12': ticket() },
    approvals: [
      {
        id: 'PAY-12-approved',
        source: 'jira-transition',
        approver: grace,
        approvedAt: '2026-11-09T15:00:00.000Z',
        state: 'approved',
        scope: { ticketKey: 'PAY-12' },
      },
    ],
    evaluatedAt: '2026-11-20T00:00:00.000Z',
  };
}
