import {
  CHECK_IDS,
  CheckResult,
  CheckStatus,
  DeploymentVerdict,
} from '@change-compliance/plugin-change-compliance-common';
import { DeploymentRecord, StoredEvaluation } from '../../database/records';

/** A production deployment of a service, successful unless said otherwise. */
export function deploymentOf(
  serviceRef: string,
  externalId: string,
  deployedAt: string,
  overrides: Partial<DeploymentRecord> = {},
): DeploymentRecord {
  return {
    source: 'ci',
    externalId,
    serviceRef,
    environment: 'production',
    commitSha: 'a'.repeat(40),
    deployedAt,
    status: 'success',
    ticketKeys: [],
    ...overrides,
  };
}

/**
 * An evaluation of a deployment with the given verdict: every check passes, except those named;
 * one change, an emergency change when asked.
 */
export function evaluationOf(
  deployment: DeploymentRecord,
  options: {
    verdict?: DeploymentVerdict;
    emergency?: boolean;
    statuses?: Partial<Record<CheckResult['checkId'], CheckStatus>>;
    evaluatedAt?: string;
  } = {},
): StoredEvaluation {
  const checks: CheckResult[] = CHECK_IDS.map(checkId => ({
    checkId,
    status: options.statuses?.[checkId] ?? 'pass',
    reason: `${checkId}: ${options.statuses?.[checkId] ?? 'pass'}`,
    evidenceRefs: [],
  }));
  return {
    deploymentId: `${deployment.source}/${deployment.externalId}`,
    serviceRef: deployment.serviceRef,
    deployedAt: deployment.deployedAt,
    verdict: options.verdict ?? 'compliant',
    failingChecks: checks.filter(c => c.status === 'fail').map(c => c.checkId),
    checks,
    changes: [
      {
        changeRef: `pr:northwind/${deployment.externalId}#1`,
        // A reason that talks about emergencies must not make a change one.
        emergency: options.emergency ?? false,
        automated: false,
        exempt: false,
        ticketKeys: [],
        checks: checks.map(c => ({
          ...c,
          reason: `${c.reason} ("emergency":true is only text here)`,
        })),
      },
    ],
    evaluatedAt: options.evaluatedAt ?? '2026-11-20T00:00:00.000Z',
  };
}
