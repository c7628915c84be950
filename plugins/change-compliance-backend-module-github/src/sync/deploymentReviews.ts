import { ApprovalEvidence } from '@change-compliance/plugin-change-compliance-node';
import { Octokit } from '@octokit/rest';
import { deploymentIdOf } from './deployments';
import { deploymentReviewsOfRuns, PAGE } from './queries';
import {
  GraphqlDeployment,
  GraphqlEnvironment,
  iso,
} from './readRepositoryEvidence';

interface GraphqlDeploymentReview {
  databaseId: number;
  state: 'APPROVED' | 'REJECTED';
  user: { login: string } | null;
  environments: { nodes: { name: string }[] };
}

/** The GitHub Actions run that made a deployment, from the link its statuses carry. */
function runUrlOf(deployment: GraphqlDeployment): string | undefined {
  return deployment.statuses.nodes
    .map(s => s.logUrl)
    .find((url): url is string => !!url && /\/actions\/runs\/\d+/.test(url));
}

/**
 * GitHub deployment reviews as approvals of their deployment, for `approval.before-deploy`.
 *
 * A GitHub environment with required reviewers holds the job that deploys until one of them
 * approves; the reviews are kept on the workflow run, read here a hundred runs per request. Only a
 * required reviewer can approve, so every approval comes from one. GitHub records no time for a
 * review, but the deployment is created by the job the approval released: the approval came
 * before the deployment's creation, which is the time recorded (earlier than its going live).
 */
export async function readDeploymentReviews(
  octokit: Octokit,
  deployments: GraphqlDeployment[],
  environments: GraphqlEnvironment[],
): Promise<ApprovalEvidence[]> {
  const reviewed = new Set(
    environments
      .filter(env =>
        env.protectionRules.nodes.some(r => r.type === 'REQUIRED_REVIEWERS'),
      )
      .map(env => env.name),
  );
  const runs = deployments.flatMap(deployment => {
    const url = runUrlOf(deployment);
    return url && deployment.environment && reviewed.has(deployment.environment)
      ? [{ deployment, url }]
      : [];
  });
  const approvals: ApprovalEvidence[] = [];
  for (let start = 0; start < runs.length; start += PAGE) {
    const batch = runs.slice(start, start + PAGE);
    const answer: Record<
      string,
      { deploymentReviews?: { nodes: GraphqlDeploymentReview[] } } | null
    > = await octokit.graphql(
      deploymentReviewsOfRuns(batch.length),
      Object.fromEntries(batch.map((run, i) => [`r${i}`, run.url])),
    );
    batch.forEach(({ deployment }, i) => {
      for (const review of answer[`r${i}`]?.deploymentReviews?.nodes ?? []) {
        if (!review.user) continue;
        if (
          !review.environments.nodes.some(
            env => env.name === deployment.environment,
          )
        ) {
          continue;
        }
        approvals.push({
          id: `${deployment.databaseId}-${review.databaseId}`,
          source: 'github-deployment-review',
          approver: { login: review.user.login },
          approvedAt: iso(deployment.createdAt),
          state: review.state === 'APPROVED' ? 'approved' : 'rejected',
          scope: { deploymentId: deploymentIdOf(deployment) },
          approverIsRequiredReviewer: true,
        });
      }
    });
  }
  return approvals;
}
