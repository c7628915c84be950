import {
  CheckResult,
  DeploymentVerdict,
} from '@change-compliance/plugin-change-compliance-common';
import { ChangeEvaluation } from '../engine/evaluateDeployment';
import type {
  DeploymentRecord,
  RepositoryRecord,
  BranchProtectionSnapshot,
  EnvironmentProtectionSnapshot,
} from '@change-compliance/plugin-change-compliance-node';

export type {
  DeploymentRecord,
  RepositoryRecord,
  BranchProtectionSnapshot,
  EnvironmentProtectionSnapshot,
};

/** A stored evaluation of one deployment: its verdict, checks and per-change results. */
export interface StoredEvaluation {
  deploymentId: string;
  serviceRef: string;
  deployedAt: string;
  verdict: DeploymentVerdict;
  failingChecks: string[];
  checks: CheckResult[];
  changes: ChangeEvaluation[];
  evaluatedAt: string;
}

/**
 * A deployment's evaluation in the form the store keeps it: its results as JSON text, and the
 * check statuses the verdict history records. Evaluating a service turns each evaluation into
 * this as soon as it is made (`toVerdictRecord`), so that thousands of result objects do not wait
 * in memory for the write: collecting them was a fifth of an evaluation's time.
 */
export interface VerdictRecord {
  deploymentId: string;
  serviceRef: string;
  deployedAt: string;
  verdict: DeploymentVerdict;
  /** Each check's status by check id, in check order. */
  statuses: Record<string, string>;
  /** JSON array of the failing check ids. */
  failingChecks: string;
  /** JSON array of the deployment's check results. */
  checks: string;
  /** JSON array of the per-change results. */
  changes: string;
  evaluatedAt: string;
}

export interface VerdictChange {
  deploymentId: string;
  verdict: DeploymentVerdict;
  previousVerdict: DeploymentVerdict | null;
  checks: Record<string, string>;
  cause: string;
  evaluatedAt: string;
}

/** A commit's place in a repository's history, without its details. */
export interface CommitGraphEntry {
  sha: string;
  parents: string[];
  committedAt: string;
}

/** `source/externalId`, the id the engine and the API use for a deployment. */
export function deploymentId(record: {
  source: string;
  externalId: string;
}): string {
  return `${record.source}/${record.externalId}`;
}

export function parseDeploymentId(id: string): {
  source: string;
  externalId: string;
} {
  const slash = id.indexOf('/');
  if (slash <= 0 || slash === id.length - 1) {
    throw new Error(`Not a deployment id (source/externalId): ${id}`);
  }
  return { source: id.slice(0, slash), externalId: id.slice(slash + 1) };
}

/** Which of a service's deployments a page shows. */
export interface DeploymentFilter {
  from?: string;
  to?: string;
  environment?: string;
  verdict?: DeploymentVerdict;
  /** Only deployments where this check failed. */
  failingCheck?: string;
}

/** A deployment with its current verdict and check statuses, as lists show it. */
export interface DeploymentWithVerdict extends DeploymentRecord {
  verdict?: DeploymentVerdict;
  checks: Record<string, string>;
}

/** A service's current verdicts over a period, counted by the database rather than listed. */
export interface VerdictCounts {
  /** Deployments per week (Monday 00:00 UTC, as `YYYY-MM-DD`) and verdict. */
  byWeek: { week: string; verdict: DeploymentVerdict; count: number }[];
  /** Deployments per verdict and set of failing checks. */
  byOutcome: {
    verdict: DeploymentVerdict;
    failingChecks: string[];
    count: number;
  }[];
}
