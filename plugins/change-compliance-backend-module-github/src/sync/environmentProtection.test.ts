import { Octokit } from '@octokit/rest';
import {
  environmentProtectionSnapshot,
  readDeploymentBranchPolicies,
} from './environmentProtection';
import { GraphqlEnvironment } from './readRepositoryEvidence';

const REPO = 'northwind/payments-api';
const AT = '2026-11-20T00:00:00.000Z';

function environment(
  name: string,
  rules: GraphqlEnvironment['protectionRules']['nodes'],
): GraphqlEnvironment {
  return { name, protectionRules: { nodes: rules } };
}

const production = environment('production', [
  {
    type: 'REQUIRED_REVIEWERS',
    preventSelfReview: true,
    timeout: 0,
    reviewers: {
      nodes: [
        { __typename: 'User', login: 'grace-mensah' },
        { __typename: 'Team', combinedSlug: 'northwind/payments-leads' },
      ],
    },
  },
  { type: 'WAIT_TIMER', preventSelfReview: null, timeout: 30 },
  { type: 'BRANCH_POLICY', preventSelfReview: null, timeout: 0 },
]);

/** The REST calls the branch policies take, answered from fixtures of GitHub's shape. */
function fakeOctokit(answers: {
  environments: unknown[];
  policies?: Record<string, unknown[]>;
}) {
  const calls: string[] = [];
  const octokit = {
    rest: {
      repos: {
        getAllEnvironments: async () => {
          calls.push('environments');
          return {
            data: {
              total_count: answers.environments.length,
              environments: answers.environments,
            },
          };
        },
        listDeploymentBranchPolicies: async (params: {
          environment_name: string;
        }) => {
          calls.push(`branch-policies ${params.environment_name}`);
          const policies = answers.policies?.[params.environment_name] ?? [];
          return {
            data: { total_count: policies.length, branch_policies: policies },
          };
        },
      },
    },
  };
  return { octokit: octokit as unknown as Octokit, calls };
}

describe('environmentProtectionSnapshot', () => {
  it('records required reviewers, self review, the wait timer and the branch policy', () => {
    expect(
      environmentProtectionSnapshot(
        REPO,
        production,
        { type: 'custom', patterns: ['main'] },
        AT,
      ),
    ).toEqual({
      repository: REPO,
      environment: 'production',
      observedAt: AT,
      settings: {
        requiredReviewers: [
          { type: 'user', name: 'grace-mensah' },
          { type: 'team', name: 'northwind/payments-leads' },
        ],
        preventSelfReview: true,
        waitTimerMinutes: 30,
        deploymentBranchPolicy: { type: 'custom', patterns: ['main'] },
      },
    });
  });

  it('records an environment without rules as protecting nothing', () => {
    expect(
      environmentProtectionSnapshot(
        REPO,
        environment('staging', []),
        undefined,
        AT,
      ).settings,
    ).toEqual({
      requiredReviewers: [],
      preventSelfReview: false,
      waitTimerMinutes: 0,
      deploymentBranchPolicy: null,
    });
  });

  it('takes no branch policy that GraphQL no longer shows', () => {
    expect(
      environmentProtectionSnapshot(
        REPO,
        environment('staging', []),
        { type: 'protected-branches' },
        AT,
      ).settings.deploymentBranchPolicy,
    ).toBeNull();
  });
});

describe('readDeploymentBranchPolicies', () => {
  it('asks nothing when no environment has a branch policy', async () => {
    const { octokit, calls } = fakeOctokit({ environments: [] });
    const policies = await readDeploymentBranchPolicies(
      octokit,
      'northwind',
      'payments-api',
      [environment('staging', [])],
    );
    expect(policies.size).toBe(0);
    expect(calls).toEqual([]);
  });

  it('tells protected branches from custom patterns, branch and tag', async () => {
    const { octokit, calls } = fakeOctokit({
      environments: [
        {
          name: 'production',
          deployment_branch_policy: {
            protected_branches: false,
            custom_branch_policies: true,
          },
        },
        {
          name: 'staging',
          deployment_branch_policy: {
            protected_branches: true,
            custom_branch_policies: false,
          },
        },
        { name: 'preview', deployment_branch_policy: null },
      ],
      policies: {
        production: [
          { id: 1, name: 'main', type: 'branch' },
          { id: 2, name: 'release/*', type: 'branch' },
          { id: 3, name: 'v*', type: 'tag' },
        ],
      },
    });
    const policies = await readDeploymentBranchPolicies(
      octokit,
      'northwind',
      'payments-api',
      [production],
    );
    expect(Object.fromEntries(policies)).toEqual({
      production: {
        type: 'custom',
        patterns: ['main', 'release/*', 'tag:v*'],
      },
      staging: { type: 'protected-branches' },
    });
    // One list of the environments, one list of patterns for the one environment with patterns.
    expect(calls).toEqual(['environments', 'branch-policies production']);
  });
});
