import { minimatch } from 'minimatch';
import { BranchProtectionSnapshot } from '@change-compliance/plugin-change-compliance-node';
import { GraphqlProtectionRule } from './readRepositoryEvidence';

/**
 * Whether a branch protection rule's pattern covers a branch. GitHub matches patterns with
 * fnmatch: `*` stops at `/`, `**` does not, `?` is one character; minimatch reads them the same.
 */
function covers(pattern: string, branch: string): boolean {
  return minimatch(branch, pattern, { dot: true });
}

/**
 * The rule that protects a branch: one naming it exactly wins over patterns, as on GitHub; among
 * patterns, the first that covers it.
 */
export function ruleFor(
  rules: GraphqlProtectionRule[],
  branch: string,
): GraphqlProtectionRule | undefined {
  return (
    rules.find(r => r.pattern === branch) ??
    rules.find(r => covers(r.pattern, branch))
  );
}

/** A branch's protection as a snapshot; a branch no rule covers is recorded as unprotected. */
export function protectionSnapshot(
  repository: string,
  branch: string,
  rule: GraphqlProtectionRule | undefined,
  observedAt: string,
): BranchProtectionSnapshot {
  if (!rule) {
    return { repository, branch, observedAt, protected: false, settings: {} };
  }
  return {
    repository,
    branch,
    observedAt,
    protected: rule.requiresApprovingReviews,
    settings: {
      requiredApprovingReviewCount: rule.requiresApprovingReviews
        ? rule.requiredApprovingReviewCount ?? 0
        : 0,
      dismissStaleReviews: rule.dismissesStaleReviews,
      requireCodeOwnerReviews: rule.requiresCodeOwnerReviews,
      enforceAdmins: rule.isAdminEnforced,
      allowForcePushes: rule.allowsForcePushes,
      allowDeletions: rule.allowsDeletions,
      requiredStatusChecks: (rule.requiredStatusCheckContexts ?? []).filter(
        (c): c is string => !!c,
      ),
    },
  };
}
