import { CheckResult } from '@change-compliance/plugin-change-compliance-common';
import { describeActor, isAutomationAccount } from '../actors';
import { ChangeContext } from '../ChangeContext';

/**
 * `process.no-bypass`: not a direct push (unless by a listed automation account), not merged by an
 * administrator override, not deployed from an unprotected branch.
 */
export function checkProcessNoBypass(ctx: ChangeContext): CheckResult {
  const base = { checkId: 'process.no-bypass' as const };
  const { deployment, repository } = ctx.input;
  const refs = [ctx.ref, `deployment:${deployment.id}`];
  const fail = (reason: string): CheckResult => ({
    ...base,
    status: 'fail',
    reason,
    evidenceRefs: refs,
  });

  if (ctx.change.kind === 'direct') {
    const pusher = ctx.change.commit.pushedBy ?? ctx.change.commit.author;
    if (!isAutomationAccount(pusher, ctx.policy)) {
      return fail(
        `Direct push of ${ctx.change.commit.sha.slice(
          0,
          12,
        )} by ${describeActor(
          pusher,
        )} to a protected branch, without a pull request.`,
      );
    }
  } else if (ctx.change.pullRequest.mergedWithAdminOverride) {
    const by = ctx.change.pullRequest.mergedBy;
    return fail(
      `Merged${
        by ? ` by ${describeActor(by)}` : ''
      } through an administrator override of the required reviews.`,
    );
  }

  const protectedBranches = repository.protectedBranches;
  if (deployment.ref) {
    if (!protectedBranches.includes(deployment.ref)) {
      return fail(
        `Deployed from ${deployment.ref}, which was not a protected branch at the time.`,
      );
    }
  } else if (
    !repository.branchesContainingCommit.some(b =>
      protectedBranches.includes(b),
    )
  ) {
    return fail(
      'The deployed commit is on no branch that was protected at the time.',
    );
  }

  const automated =
    ctx.change.kind === 'direct'
      ? ' (automated change by a listed automation account)'
      : '';
  return {
    ...base,
    status: 'pass',
    reason: `Went through the protected process${automated}.`,
    evidenceRefs: refs,
  };
}
