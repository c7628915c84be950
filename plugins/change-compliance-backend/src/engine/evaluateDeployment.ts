import {
  ChangeEvaluation,
  CHECK_IDS,
  CheckId,
  CheckResult,
  DeploymentVerdict,
  EvidenceRef,
} from '@change-compliance/plugin-change-compliance-common';
import { ChangePolicy, TicketProjectPolicy } from '../policy/ChangePolicy';
import { describeActor, isAutomationAccount } from './actors';
import { ChangeContext } from './ChangeContext';
import {
  changeAuthors,
  changedFiles,
  changeRef,
  changeTicketKeys,
} from './changes';
import { checkApprovalBeforeDeploy } from './checks/approvalBeforeDeploy';
import { checkArtifactTraceable } from './checks/artifactTraceable';
import { checkProcessNoBypass } from './checks/processNoBypass';
import { checkReviewIndependent } from './checks/reviewIndependent';
import { checkReviewQualified } from './checks/reviewQualified';
import { checkTicketComplete } from './checks/ticketComplete';
import { checkTicketLinked } from './checks/ticketLinked';
import { checkTraceBidirectional } from './checks/traceBidirectional';
import { isEmergencyChange } from './emergency';
import { ChangeEvidence, DeploymentEvaluationInput } from './evidence';
import { matchesAnyGlob } from './paths';
import { deploymentVerdict } from './verdict';

export type { ChangeEvaluation };

export interface DeploymentEvaluation {
  deploymentId: string;
  verdict: DeploymentVerdict;
  /** One result per check id, over all changes (a deployment passes a check when all its changes do). */
  checks: CheckResult[];
  failingChecks: CheckId[];
  changes: ChangeEvaluation[];
  evaluatedAt: string;
}

const CHANGE_CHECKS = [
  checkTicketLinked,
  checkTicketComplete,
  checkReviewIndependent,
  checkReviewQualified,
  checkApprovalBeforeDeploy,
  checkTraceBidirectional,
  checkProcessNoBypass,
];

const CHANGE_CHECK_IDS: CheckId[] = [
  'ticket.linked',
  'ticket.complete',
  'review.independent',
  'review.qualified',
  'approval.before-deploy',
  'trace.bidirectional',
  'process.no-bypass',
];

function notApplicable(
  checkId: CheckId,
  reason: string,
  refs: EvidenceRef[],
): CheckResult {
  return { checkId, status: 'not-applicable', reason, evidenceRefs: refs };
}

function isExemptOnly(change: ChangeEvidence, policy: ChangePolicy): boolean {
  const files = changedFiles(change);
  // Unknown or empty file lists prove nothing: such a change stays in scope.
  if (!files || files.length === 0 || policy.exemptPaths.length === 0)
    return false;
  return files.every(f => matchesAnyGlob(f, policy.exemptPaths));
}

function evaluateChange(
  input: DeploymentEvaluationInput,
  policy: ChangePolicy,
  projects: TicketProjectPolicy[],
  change: ChangeEvidence,
): ChangeEvaluation {
  const ref = changeRef(change);
  const referencedKeys =
    input.referencedTicketKeys?.get(change) ??
    changeTicketKeys(change, projects, input.repository.slug);
  const linkedTickets = referencedKeys
    .map(key => input.tickets[key])
    .filter(t => t && input.service.ticketSystems.includes(t.system));
  const emergency = isEmergencyChange(change, linkedTickets, policy);
  const emergencyDeadline = emergency
    ? new Date(
        Date.parse(input.deployment.deployedAt) +
          policy.emergency.retroWindowMs,
      ).toISOString()
    : undefined;
  const automated =
    change.kind === 'direct' &&
    isAutomationAccount(change.commit.pushedBy ?? change.commit.author, policy);
  const exempt = isExemptOnly(change, policy);
  const summary = {
    changeRef: ref,
    emergency,
    emergencyDeadline,
    automated,
    exempt,
    ticketKeys: linkedTickets.map(t => t.key),
  };

  if (exempt) {
    return {
      ...summary,
      checks: CHANGE_CHECK_IDS.map(checkId =>
        notApplicable(checkId, 'Only exempt paths changed.', [ref]),
      ),
    };
  }

  const ctx: ChangeContext = {
    input,
    policy,
    change,
    ref,
    authors: changeAuthors(change),
    referencedKeys,
    linkedTickets,
    emergencyDeadline,
  };
  const checks = CHANGE_CHECKS.map(check => check(ctx)).map(result => {
    if (automated && result.checkId.startsWith('review.')) {
      const who =
        change.kind === 'direct'
          ? describeActor(change.commit.pushedBy ?? change.commit.author)
          : '';
      return notApplicable(
        result.checkId,
        `Automated change by the listed automation account ${who}: no review needed.`,
        [ref],
      );
    }
    return result;
  });
  return { ...summary, checks };
}

/**
 * combine for a deployment of one change, the common case, without tallying: the change's result,
 * named by the change unless it is not applicable.
 */
function speakFor(checkId: CheckId, change: ChangeEvaluation): CheckResult {
  const result = change.checks.find(r => r.checkId === checkId)!;
  const refs = result.evidenceRefs.filter(
    (ref, index, all) => all.indexOf(ref) === index,
  );
  switch (result.status) {
    case 'fail':
    case 'pending':
    case 'pass':
      return {
        checkId,
        status: result.status,
        reason: `${change.changeRef}: ${result.reason}`,
        evidenceRefs: refs,
      };
    default:
      return notApplicable(checkId, result.reason, refs);
  }
}

/** How many changes had a status on a check, and the first of them. */
interface StatusTally {
  count: number;
  first?: { change: EvidenceRef; result: CheckResult };
}

/** A deployment passes a check when all its changes do; the first failing change speaks for it. */
function combine(checkId: CheckId, changes: ChangeEvaluation[]): CheckResult {
  if (changes.length === 1) return speakFor(checkId, changes[0]);
  const unique = new Set<EvidenceRef>();
  const tallies: Partial<Record<CheckResult['status'], StatusTally>> = {};
  let firstResult: CheckResult | undefined;
  for (const change of changes) {
    const result = change.checks.find(r => r.checkId === checkId)!;
    firstResult ??= result;
    for (const ref of result.evidenceRefs) unique.add(ref);
    const tally = (tallies[result.status] ??= { count: 0 });
    tally.count++;
    tally.first ??= { change: change.changeRef, result };
  }
  const refs = [...unique];
  for (const status of ['fail', 'pending'] as const) {
    const hit = tallies[status];
    if (hit?.first) {
      const more =
        hit.count > 1
          ? ` (and ${hit.count - 1} more change${hit.count > 2 ? 's' : ''})`
          : '';
      return {
        checkId,
        status,
        reason: `${hit.first.change}: ${hit.first.result.reason}${more}`,
        evidenceRefs: refs,
      };
    }
  }
  const passed = tallies.pass;
  if (passed?.first) {
    return {
      checkId,
      status: 'pass',
      reason:
        passed.count === 1
          ? `${passed.first.change}: ${passed.first.result.reason}`
          : `All ${passed.count} changes in scope pass.`,
      evidenceRefs: refs,
    };
  }
  return notApplicable(checkId, firstResult!.reason, refs);
}

/**
 * Judges one production deployment against every check of checks.md. Pure: the same input gives
 * the same result, and nothing is fetched or written.
 */
export function evaluateDeployment(
  input: DeploymentEvaluationInput,
  policy: ChangePolicy,
): DeploymentEvaluation {
  const deploymentRef = `deployment:${input.deployment.id}`;
  const artifact = checkArtifactTraceable(input, policy);
  let checks: CheckResult[];
  let changes: ChangeEvaluation[] = [];

  if (!input.changeSet.complete) {
    const reason = `The change set could not be determined${
      input.changeSet.reason ? `: ${input.changeSet.reason}` : ''
    }, so nothing shipped can be shown compliant.`;
    checks = CHANGE_CHECK_IDS.map(checkId => ({
      checkId,
      status: 'fail' as const,
      reason,
      evidenceRefs: [deploymentRef],
    }));
  } else if (input.changes.length === 0) {
    checks = CHANGE_CHECK_IDS.map(checkId =>
      notApplicable(
        checkId,
        'No change since the previous production deployment: a redeploy or a rollback to an artefact already shipped.',
        [deploymentRef],
      ),
    );
  } else {
    const projects = policy.ticketProjects.filter(p =>
      input.service.ticketSystems.includes(p.system),
    );
    changes = input.changes.map(change =>
      evaluateChange(input, policy, projects, change),
    );
    checks = CHANGE_CHECK_IDS.map(checkId => combine(checkId, changes));
  }

  const ordered = CHECK_IDS.map(id =>
    id === 'artifact.traceable'
      ? artifact
      : checks.find(c => c.checkId === id)!,
  );
  return {
    deploymentId: input.deployment.id,
    verdict: deploymentVerdict(ordered),
    checks: ordered,
    failingChecks: ordered.filter(c => c.status === 'fail').map(c => c.checkId),
    changes,
    evaluatedAt: input.evaluatedAt,
  };
}
