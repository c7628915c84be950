import {
  CheckResult,
  DeploymentVerdict,
} from '@change-compliance/plugin-change-compliance-common';

/**
 * Compliant when every check passes or is not applicable; pending when none fails and one is
 * pending; otherwise an exception.
 */
export function deploymentVerdict(checks: CheckResult[]): DeploymentVerdict {
  if (checks.some(c => c.status === 'fail')) return 'exception';
  if (checks.some(c => c.status === 'pending')) return 'pending';
  return 'compliant';
}

export interface ComplianceScore {
  compliant: number;
  exceptions: number;
  pending: number;
  /** compliant / (compliant + exceptions); null when there is nothing to score. */
  score: number | null;
}

/**
 * The compliance score from the counts of verdicts: compliant / (compliant + exceptions), with the
 * counts beside it, never a bare percentage; pending deployments are counted apart.
 */
export function complianceScore(counts: {
  compliant: number;
  exceptions: number;
  pending: number;
}): ComplianceScore {
  const scored = counts.compliant + counts.exceptions;
  return { ...counts, score: scored === 0 ? null : counts.compliant / scored };
}
