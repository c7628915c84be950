/**
 * The protection of a repository's deployment environments, as the source-control host enforces
 * it when something is deployed there: who must approve, whether the one who started the
 * deployment may approve it, how long it waits, and which branches may deploy. Evidence for the
 * auditor beside the checks (testing step 8's access control), never an input to a verdict.
 */

/** A person or team an environment requires to approve its deployments. @public */
export interface EnvironmentReviewer {
  type: 'user' | 'team';
  /** A user's login, or a team's `org/slug`. */
  name: string;
}

/**
 * Which branches may deploy to an environment: only protected ones, or those matching the
 * environment's own patterns. @public
 */
export type DeploymentBranchPolicy =
  | { type: 'protected-branches' }
  | { type: 'custom'; patterns: string[] };

/** An environment's protection rules at one moment. @public */
export interface EnvironmentProtectionSettings {
  /** Empty when the environment requires no reviewer. */
  requiredReviewers: EnvironmentReviewer[];
  /** Whether the person who triggered a deployment is kept from approving it. */
  preventSelfReview: boolean;
  /** Minutes a deployment waits before it may proceed; 0 for none. */
  waitTimerMinutes: number;
  /** Null when any branch may deploy. */
  deploymentBranchPolicy: DeploymentBranchPolicy | null;
}

/** Whether the settings hold any rule at all: an environment without one protects nothing. @public */
export function hasEnvironmentProtection(
  settings: EnvironmentProtectionSettings,
): boolean {
  return (
    settings.requiredReviewers.length > 0 ||
    settings.waitTimerMinutes > 0 ||
    settings.deploymentBranchPolicy !== null
  );
}

/**
 * One recorded state of an environment's protection, from `observedAt` until the next record of
 * the same environment. @public
 */
export interface EnvironmentProtectionRecord {
  environment: string;
  observedAt: string;
  settings: EnvironmentProtectionSettings;
}

/**
 * Answer part of `GET /entities/:kind/:namespace/:name/repository`: one environment of the
 * repository, with every recorded change of its protection. @public
 */
export interface EnvironmentProtectionEvidence {
  environment: string;
  /** Whether the policy's `productionEnvironments` patterns count it as production. */
  production: boolean;
  /** Oldest first; the last one stands now. */
  history: EnvironmentProtectionRecord[];
}
