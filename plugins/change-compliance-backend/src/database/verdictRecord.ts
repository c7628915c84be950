import {
  CHECK_IDS,
  CheckResult,
} from '@change-compliance/plugin-change-compliance-common';
import { StoredEvaluation, VerdictRecord } from './records';
import { toJson } from './rows';
import { toIsoTimestamp } from './timestamps';

const KNOWN_CHECKS = new Set<string>(CHECK_IDS);

/**
 * Each check's status by check id, in check order, so that comparisons and the history's JSON do
 * not depend on the order results come in. The first result of a check speaks for it; a check
 * without one is `missing`, and one no longer known is left out.
 */
export function checkStatuses(checks: CheckResult[]): Record<string, string> {
  const statuses: Record<string, string> = {};
  for (const id of CHECK_IDS) statuses[id] = 'missing';
  for (let i = checks.length - 1; i >= 0; i--) {
    if (KNOWN_CHECKS.has(checks[i].checkId)) {
      statuses[checks[i].checkId] = checks[i].status;
    }
  }
  return statuses;
}

/** An evaluation in the form the store keeps it. */
export function toVerdictRecord(evaluation: StoredEvaluation): VerdictRecord {
  return {
    deploymentId: evaluation.deploymentId,
    serviceRef: evaluation.serviceRef,
    deployedAt: toIsoTimestamp(evaluation.deployedAt),
    verdict: evaluation.verdict,
    statuses: checkStatuses(evaluation.checks),
    failingChecks: toJson(evaluation.failingChecks),
    checks: toJson(evaluation.checks),
    changes: toJson(evaluation.changes),
    evaluatedAt: toIsoTimestamp(evaluation.evaluatedAt),
  };
}
