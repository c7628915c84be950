import { EnvironmentProtectionSnapshot } from '@change-compliance/plugin-change-compliance-node';
import { Octokit } from '@octokit/rest';
import { GraphqlEnvironment } from './readRepositoryEvidence';

type EnvironmentProtectionSettings = EnvironmentProtectionSnapshot['settings'];
type DeploymentBranchPolicy = NonNullable<
  EnvironmentProtectionSettings['deploymentBranchPolicy']
>;
type EnvironmentReviewer =
  EnvironmentProtectionSettings['requiredReviewers'][number];

/**
 * The deployment environments' branch policies, which GraphQL does not describe (it shows only
 * that a `BRANCH_POLICY` rule exists): `GET /repos/{owner}/{repo}/environments` tells protected
 * branches from custom patterns, and each environment with custom patterns lists them. Asked only
 * for a repository where some environment has such a rule, so most syncs pay nothing for it.
 */
export async function readDeploymentBranchPolicies(
  octokit: Octokit,
  owner: string,
  repo: string,
  environments: GraphqlEnvironment[],
): Promise<Map<string, DeploymentBranchPolicy>> {
  const policies = new Map<string, DeploymentBranchPolicy>();
  if (!environments.some(env => rulesOf(env, 'BRANCH_POLICY').length > 0)) {
    return policies;
  }
  // A hundred a page, as the GraphQL query reads them: one request.
  const { data } = await octokit.rest.repos.getAllEnvironments({
    owner,
    repo,
    per_page: 100,
  });
  for (const env of data.environments ?? []) {
    const policy = env.deployment_branch_policy;
    if (!policy) continue;
    if (policy.protected_branches) {
      policies.set(env.name, { type: 'protected-branches' });
    } else if (policy.custom_branch_policies) {
      const { data: listed } =
        await octokit.rest.repos.listDeploymentBranchPolicies({
          owner,
          repo,
          environment_name: env.name,
          per_page: 100,
        });
      policies.set(env.name, {
        type: 'custom',
        // A tag pattern is not a branch pattern: marked so that the two cannot be mistaken.
        patterns: listed.branch_policies.map(p =>
          (p as { type?: string }).type === 'tag' ? `tag:${p.name}` : p.name!,
        ),
      });
    }
  }
  return policies;
}

function rulesOf(env: GraphqlEnvironment, type: string) {
  return env.protectionRules.nodes.filter(r => r.type === type);
}

/** An environment's protection rules as GitHub enforces them, as a snapshot of the store. */
export function environmentProtectionSnapshot(
  repository: string,
  env: GraphqlEnvironment,
  branchPolicy: DeploymentBranchPolicy | undefined,
  observedAt: string,
): EnvironmentProtectionSnapshot {
  const reviewing = rulesOf(env, 'REQUIRED_REVIEWERS');
  const requiredReviewers = reviewing.flatMap(rule =>
    (rule.reviewers?.nodes ?? []).flatMap((node): EnvironmentReviewer[] => {
      if (node?.__typename === 'User') {
        return [{ type: 'user', name: node.login }];
      }
      if (node?.__typename === 'Team') {
        return [{ type: 'team', name: node.combinedSlug }];
      }
      return [];
    }),
  );
  const settings: EnvironmentProtectionSettings = {
    requiredReviewers,
    preventSelfReview: reviewing.some(rule => rule.preventSelfReview === true),
    waitTimerMinutes: Math.max(
      0,
      ...rulesOf(env, 'WAIT_TIMER').map(rule => rule.timeout ?? 0),
    ),
    // GraphQL says whether a branch rule exists, REST which one; a rule REST no longer lists (it
    // was removed between the two reads) is none.
    deploymentBranchPolicy:
      rulesOf(env, 'BRANCH_POLICY').length > 0 ? branchPolicy ?? null : null,
  };
  return { repository, environment: env.name, observedAt, settings };
}
