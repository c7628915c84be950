import { describeActor, isBot, isSamePerson } from './actors';
import { ChangeContext, inTime } from './ChangeContext';
import { PullRequestEvidence, ReviewEvidence } from './evidence';

export interface NotCounted {
  review: ReviewEvidence;
  why: string;
}

export interface ApprovalCount {
  /** Approvals that count, one per reviewer. */
  counting: ReviewEvidence[];
  /** Approvals that do not count, with why, for the reason an engineer reads. */
  notCounted: NotCounted[];
}

/**
 * Whether an approval of `reviewedSha` still holds for the PR's final head: only if it is the
 * head, or (when the policy allows it) every later commit merely merges the base branch in.
 */
function isCurrent(
  pr: PullRequestEvidence,
  reviewedSha: string | null,
  allowBaseMerges: boolean,
) {
  if (!reviewedSha) return false;
  if (reviewedSha === pr.headSha) return true;
  if (!allowBaseMerges) return false;
  const index = pr.commits.findIndex(c => c.sha === reviewedSha);
  if (index < 0) return false;
  const later = pr.commits.slice(index + 1);
  return later.length > 0 && later.every(c => c.isMergeFromBase === true);
}

/**
 * The approvals that count for `review.independent` (checks.md): APPROVED, not dismissed, not by
 * an author, co-author or bot, given on the final head commit, before the merge (or inside the
 * emergency window), and not followed by a request for changes from the same reviewer.
 */
export function countApprovals(
  ctx: ChangeContext,
  pr: PullRequestEvidence,
): ApprovalCount {
  // Both review checks of a change ask, with the same context: counted once.
  if (ctx.approvalCount?.pr !== pr) {
    ctx.approvalCount = { pr, count: countApprovalsOnce(ctx, pr) };
  }
  return ctx.approvalCount.count;
}

function countApprovalsOnce(
  ctx: ChangeContext,
  pr: PullRequestEvidence,
): ApprovalCount {
  const notCounted: NotCounted[] = [];
  const counting: ReviewEvidence[] = [];
  const mergeGate = pr.mergedAt ?? ctx.input.deployment.deployedAt;

  for (const review of pr.reviews) {
    if (review.state !== 'APPROVED') continue;
    const reject = (why: string) => notCounted.push({ review, why });
    const reviewer = review.reviewer;

    if (review.dismissed) {
      reject('dismissed');
    } else if (isBot(reviewer, ctx.policy)) {
      reject('bot account');
    } else if (isSamePerson(reviewer, pr.author)) {
      reject('self-approval by the PR author');
    } else if (ctx.authors.some(a => isSamePerson(a, reviewer))) {
      reject('author or co-author of a commit in the PR');
    } else if (
      !isCurrent(
        pr,
        review.commitId,
        ctx.policy.allowStaleApprovalAfterBaseMerge,
      )
    ) {
      reject('stale: approved an earlier commit than the final head');
    } else if (!inTime(ctx, review.submittedAt, mergeGate)) {
      reject('given after the merge');
    } else if (
      pr.reviews.some(
        later =>
          later.state === 'CHANGES_REQUESTED' &&
          isSamePerson(later.reviewer, reviewer) &&
          Date.parse(later.submittedAt ?? '') >
            Date.parse(review.submittedAt ?? ''),
      )
    ) {
      reject('the same reviewer requested changes afterwards');
    } else if (!counting.some(c => isSamePerson(c.reviewer, reviewer))) {
      counting.push(review);
    }
  }
  return { counting, notCounted };
}

export function describeNotCounted(notCounted: NotCounted[]): string {
  return notCounted
    .map(n => `${describeActor(n.review.reviewer)} (${n.why})`)
    .join(', ');
}
