import { CheckResult } from '@change-compliance/plugin-change-compliance-common';
import { describeActor } from '../actors';
import { ChangeContext, unmetStatus } from '../ChangeContext';
import { countApprovals } from '../countingApprovals';
import { Actor, PullRequestEvidence } from '../evidence';
import { requiredApprovals } from './reviewIndependent';

function sharesGroup(actor: Actor, groups: string[]): boolean {
  const wanted = groups.map(g => g.toLowerCase());
  return (actor.groups ?? []).some(g => wanted.includes(g.toLowerCase()));
}

function ownsEveryChangedPath(actor: Actor, pr: PullRequestEvidence): boolean {
  const files = pr.changedFiles ?? [];
  if (files.length === 0 || !pr.codeOwnersByPath) return false;
  const login = actor.login.toLowerCase();
  return files.every(file =>
    (pr.codeOwnersByPath?.[file] ?? []).some(
      owner => owner.toLowerCase() === login,
    ),
  );
}

function whyQualified(
  ctx: ChangeContext,
  pr: PullRequestEvidence,
  actor: Actor,
) {
  const { qualifiedReviewers } = ctx.policy;
  if (
    qualifiedReviewers.owningGroup &&
    sharesGroup(actor, ctx.input.service.owningGroups)
  ) {
    return 'member of the owning group';
  }
  if (qualifiedReviewers.codeOwners && ownsEveryChangedPath(actor, pr)) {
    return 'code owner of the changed paths';
  }
  if (sharesGroup(actor, qualifiedReviewers.groups)) {
    return 'member of a qualified reviewer group';
  }
  return undefined;
}

/** `review.qualified`: each counting reviewer is qualified (owning group, code owner, listed group). */
export function checkReviewQualified(ctx: ChangeContext): CheckResult {
  const base = { checkId: 'review.qualified' as const };
  if (ctx.change.kind === 'direct') {
    return {
      ...base,
      status: unmetStatus(ctx),
      reason:
        'Direct change: there is no review whose reviewer could be qualified.',
      evidenceRefs: [ctx.ref],
    };
  }
  const pr = ctx.change.pullRequest;
  const { counting } = countApprovals(ctx, pr);
  if (counting.length < requiredApprovals(ctx)) {
    return {
      ...base,
      status: unmetStatus(ctx),
      reason:
        'Not enough counting approvals, so the review cannot be shown to come from qualified people.',
      evidenceRefs: [ctx.ref],
    };
  }
  const judged = counting.map(r => ({
    who: describeActor(r.reviewer),
    why: whyQualified(ctx, pr, r.reviewer),
  }));
  const unqualified = judged.filter(j => !j.why);
  const evidenceRefs = [
    ctx.ref,
    ...counting.map(r => `review:${pr.repository}#${pr.number}/${r.id}`),
  ];
  if (unqualified.length === 0) {
    return {
      ...base,
      status: 'pass',
      reason: `${judged.map(j => `${j.who}: ${j.why}`).join('; ')}.`,
      evidenceRefs,
    };
  }
  return {
    ...base,
    status: 'fail',
    reason: `${unqualified
      .map(j => j.who)
      .join(
        ', ',
      )} is neither in the owning group, nor a code owner of every changed path, nor in a qualified reviewer group.`,
    evidenceRefs,
  };
}
