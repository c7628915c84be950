import { CheckResult } from '@change-compliance/plugin-change-compliance-common';
import { describeActor } from '../actors';
import { ChangeContext, unmetStatus } from '../ChangeContext';
import { countApprovals, describeNotCounted } from '../countingApprovals';

export function requiredApprovals(ctx: ChangeContext): number {
  return Math.max(ctx.policy.minApprovals, ctx.input.service.minApprovals ?? 0);
}

/** `review.independent`: enough approvals that count (see countApprovals). Direct changes fail. */
export function checkReviewIndependent(ctx: ChangeContext): CheckResult {
  const base = { checkId: 'review.independent' as const };
  if (ctx.change.kind === 'direct') {
    return {
      ...base,
      status: unmetStatus(ctx),
      reason:
        'Direct change: the commit reached the branch without a pull request, so nobody reviewed it.',
      evidenceRefs: [ctx.ref],
    };
  }
  const pr = ctx.change.pullRequest;
  const { counting, notCounted } = countApprovals(ctx, pr);
  const required = requiredApprovals(ctx);
  const evidenceRefs = [
    ctx.ref,
    ...counting.map(r => `review:${pr.repository}#${pr.number}/${r.id}`),
  ];
  const notCountedText =
    notCounted.length > 0
      ? `; not counted: ${describeNotCounted(notCounted)}`
      : '';
  if (counting.length >= required) {
    return {
      ...base,
      status: 'pass',
      reason: `Approved by ${counting
        .map(r => describeActor(r.reviewer))
        .join(', ')} on the final head commit${notCountedText}.`,
      evidenceRefs,
    };
  }
  const status = unmetStatus(ctx);
  const deadline =
    status === 'pending'
      ? ` (emergency change: due by ${ctx.emergencyDeadline})`
      : '';
  return {
    ...base,
    status,
    reason: `${counting.length} of ${required} required independent approval${
      required === 1 ? '' : 's'
    }${notCountedText}${deadline}; get an approval of the final head from someone who did not author it.`,
    evidenceRefs,
  };
}
