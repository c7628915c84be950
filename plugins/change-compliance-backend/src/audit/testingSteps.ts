import {
  AuditStepResult,
  CheckId,
  CheckResult,
  CheckStatus,
} from '@change-compliance/plugin-change-compliance-common';

/**
 * Which checks answer each step of the auditor's testing procedure (steps 4 to 8; steps 1 to 3
 * are the policy, the sources and the sample itself).
 */
export const TESTING_STEP_CHECKS: Record<AuditStepResult['step'], CheckId[]> = {
  // The originating ticket exists and has the required fields.
  4: ['ticket.linked', 'ticket.complete'],
  // Peer review by qualified people and formal approval before the deployment.
  5: ['review.independent', 'review.qualified', 'approval.before-deploy'],
  // The deployed artefact is identified and resolves.
  6: ['artifact.traceable'],
  // The artefact traces back to its ticket, and the ticket forward to the change.
  7: ['ticket.linked', 'trace.bidirectional', 'artifact.traceable'],
  // Nothing bypassed the process.
  8: ['process.no-bypass'],
};

/** Each step as the report and the CSV name it. */
export const TESTING_STEP_TITLES: Record<AuditStepResult['step'], string> = {
  4: 'Ticket with required fields',
  5: 'Peer review and approval before deployment',
  6: 'Deployed artefact identified',
  7: 'Artefact traced to its ticket, both ways',
  8: 'No bypass of the process',
};

export const TESTING_STEPS = [4, 5, 6, 7, 8] as const;

/**
 * The status of each testing step from a deployment's check results: fail when any of its checks
 * fails, else pending when any is pending, else not-applicable when every one is, else pass. A
 * check with no result (the deployment is not evaluated yet) is pending, never a pass.
 */
export function testingSteps(
  checks: CheckResult[] | undefined,
): AuditStepResult[] {
  return TESTING_STEPS.map(step => {
    const results = TESTING_STEP_CHECKS[step].map(checkId => {
      const result = checks?.find(c => c.checkId === checkId);
      return result
        ? { checkId, status: result.status, reason: result.reason }
        : {
            checkId,
            status: 'pending' as const,
            reason:
              'Not evaluated yet: the deployment has no result for this check.',
          };
    });
    return {
      step,
      status: stepStatus(results.map(r => r.status)),
      checks: results,
    };
  });
}

function stepStatus(statuses: CheckStatus[]): CheckStatus {
  if (statuses.includes('fail')) return 'fail';
  if (statuses.includes('pending')) return 'pending';
  if (statuses.every(s => s === 'not-applicable')) return 'not-applicable';
  return 'pass';
}
