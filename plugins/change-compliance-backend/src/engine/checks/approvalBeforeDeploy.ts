import { CheckResult } from '@change-compliance/plugin-change-compliance-common';
import { describeActor, isSamePerson } from '../actors';
import { ChangeContext, inTime, unmetStatus } from '../ChangeContext';
import { ApprovalEvidence } from '../evidence';

function isAuthorisedApprover(ctx: ChangeContext, approval: ApprovalEvidence) {
  const approverGroups = ctx.policy.approverGroups.map(g => g.toLowerCase());
  if (
    (approval.approver.groups ?? []).some(g =>
      approverGroups.includes(g.toLowerCase()),
    )
  ) {
    return true;
  }
  return (
    approval.source === 'github-deployment-review' &&
    ctx.policy.acceptEnvironmentReviewers &&
    approval.approverIsRequiredReviewer === true
  );
}

/**
 * `approval.before-deploy`: an authorised approver, not an author of the change, approved the
 * change's ticket or this deployment strictly before it went live (or inside the emergency
 * window). A later rejection of the same ticket or deployment before the deployment voids it.
 */
export function checkApprovalBeforeDeploy(ctx: ChangeContext): CheckResult {
  const base = { checkId: 'approval.before-deploy' as const };
  const { deployment } = ctx.input;
  const ticketKeys = ctx.linkedTickets.map(t => t.key);
  const inScope = ctx.input.approvals.filter(
    a =>
      (a.scope.ticketKey && ticketKeys.includes(a.scope.ticketKey)) ||
      a.scope.deploymentId === deployment.id,
  );
  const sameScope = (a: ApprovalEvidence, b: ApprovalEvidence) =>
    a.scope.ticketKey === b.scope.ticketKey &&
    a.scope.deploymentId === b.scope.deploymentId;

  const problems: string[] = [];
  const valid = inScope.filter(approval => {
    if (approval.state !== 'approved') return false;
    const who = describeActor(approval.approver);
    if (!isAuthorisedApprover(ctx, approval)) {
      problems.push(`${who} is not an authorised approver`);
      return false;
    }
    if (ctx.authors.some(author => isSamePerson(author, approval.approver))) {
      problems.push(`${who} approved their own change`);
      return false;
    }
    const ticket = ctx.linkedTickets.find(
      t => t.key === approval.scope.ticketKey,
    );
    if (
      ticket?.requester &&
      isSamePerson(ticket.requester, approval.approver)
    ) {
      problems.push(`${who} approved ${ticket.key}, which they requested`);
      return false;
    }
    if (!inTime(ctx, approval.approvedAt, deployment.deployedAt)) {
      problems.push(`${who} approved only after the deployment`);
      return false;
    }
    const laterRejection = inScope.some(
      other =>
        other.state === 'rejected' &&
        sameScope(other, approval) &&
        Date.parse(other.approvedAt) > Date.parse(approval.approvedAt) &&
        Date.parse(other.approvedAt) < Date.parse(deployment.deployedAt),
    );
    if (laterRejection) {
      problems.push(`${who}'s approval was followed by a rejection`);
      return false;
    }
    return true;
  });

  if (valid.length > 0) {
    const first = valid[0];
    return {
      ...base,
      status: 'pass',
      reason: `Approved by ${describeActor(first.approver)} at ${
        first.approvedAt
      }, before the deployment at ${deployment.deployedAt}.`,
      evidenceRefs: [
        ctx.ref,
        ...valid.map(a => `approval:${a.source}/${a.id}`),
      ],
    };
  }
  const status = unmetStatus(ctx);
  const found =
    problems.length > 0
      ? problems.join('; ')
      : 'no approval of a linked ticket or of this deployment was found';
  return {
    ...base,
    status,
    reason: `${found}${
      status === 'pending'
        ? ` (emergency change: due by ${ctx.emergencyDeadline})`
        : ''
    }; an authorised approver must approve the ticket before deploying.`,
    evidenceRefs: [
      ctx.ref,
      ...inScope.map(a => `approval:${a.source}/${a.id}`),
    ],
  };
}
