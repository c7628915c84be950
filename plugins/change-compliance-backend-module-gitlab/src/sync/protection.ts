import { BranchProtectionSnapshot } from '@change-compliance/plugin-change-compliance-node';
import { minimatch } from 'minimatch';
import {
  GitlabApprovalRule,
  GitlabApprovalSettings,
  GitlabAuditEvent,
  GitlabProtectedBranch,
} from '../client/schemas';

/** What a project says about protecting its branches and approving its merge requests. */
export interface ProjectProtection {
  protectedBranches: GitlabProtectedBranch[];
  /** Undefined where the token or the tier cannot read them (approval rules are Premium). */
  approvalRules?: GitlabApprovalRule[];
  approvalSettings?: GitlabApprovalSettings;
}

/**
 * Whether a protected branch entry covers a branch: its exact name, or a wildcard where `*`
 * matches anything, `/` included (GitLab's `release/*` covers `release/2026/11`).
 */
function covers(pattern: string, branch: string): boolean {
  return (
    pattern === branch ||
    minimatch(branch, pattern.replace(/\*+/g, '**'), { dot: true })
  );
}

/** The entry protecting a branch: one naming it exactly wins over wildcards, as on GitLab. */
export function protectedBranchFor(
  entries: GitlabProtectedBranch[],
  branch: string,
): GitlabProtectedBranch | undefined {
  return (
    entries.find(e => e.name === branch) ??
    entries.find(e => covers(e.name, branch))
  );
}

/** The approval rules that apply to a branch: those for all protected branches or naming it. */
function rulesFor(
  rules: GitlabApprovalRule[],
  entry: GitlabProtectedBranch,
): GitlabApprovalRule[] {
  return rules.filter(
    r =>
      r.rule_type !== 'report_approver' &&
      (r.applies_to_all_protected_branches ||
        (r.protected_branches ?? []).length === 0 ||
        (r.protected_branches ?? []).some(b => b.name === entry.name)),
  );
}

const levels = (list: GitlabProtectedBranch['push_access_levels']) =>
  (list ?? []).map(
    l => l.access_level_description ?? String(l.access_level ?? ''),
  );

/**
 * A branch's protection as a snapshot. A branch counts as protected when a protected branch
 * entry covers it and an approval rule requires at least one approval for it: GitLab's
 * equivalent of a branch that takes changes only through a reviewed merge request. Who may
 * approve (authors, committers) and whether a push resets approvals are recorded beside it, as
 * the auditor's evidence of what the host itself enforced.
 */
export function protectionSnapshot(
  repository: string,
  branch: string,
  protection: ProjectProtection,
  observedAt: string,
): BranchProtectionSnapshot {
  const entry = protectedBranchFor(protection.protectedBranches, branch);
  if (!entry) {
    return { repository, branch, observedAt, protected: false, settings: {} };
  }
  const rules = protection.approvalRules
    ? rulesFor(protection.approvalRules, entry)
    : [];
  const required = Math.max(0, ...rules.map(r => r.approvals_required));
  const settings = protection.approvalSettings;
  return {
    repository,
    branch,
    observedAt,
    protected: required > 0,
    settings: {
      requiredApprovingReviewCount: required,
      dismissStaleReviews: settings?.reset_approvals_on_push ?? null,
      requireCodeOwnerReviews: entry.code_owner_approval_required ?? false,
      allowForcePushes: entry.allow_force_push ?? false,
      allowedToPush: levels(entry.push_access_levels),
      allowedToMerge: levels(entry.merge_access_levels),
      authorsMayApprove: settings?.merge_requests_author_approval ?? null,
      committersMayApprove:
        settings?.merge_requests_disable_committers_approval === undefined ||
        settings?.merge_requests_disable_committers_approval === null
          ? null
          : !settings.merge_requests_disable_committers_approval,
      approvalRulesEditableInMergeRequests:
        settings?.disable_overriding_approvers_per_merge_request ===
          undefined ||
        settings?.disable_overriding_approvers_per_merge_request === null
          ? null
          : !settings.disable_overriding_approvers_per_merge_request,
      approvalRules: rules.map(r => `${r.name}: ${r.approvals_required}`),
    },
  };
}

/**
 * Whether a project's audit events show a change to how its branches are protected or its merge
 * requests approved: any event whose name or details speak of protection, approvals, merge
 * request settings, push rules or force pushes. With one, the protection seen today is not taken
 * for the time before it.
 */
export function protectionChanged(events: GitlabAuditEvent[]): boolean {
  return events.some(event =>
    /protect|approv|merge_request|push_rule|force_push/i.test(
      `${event.event_name ?? ''} ${JSON.stringify(event.details ?? {})}`,
    ),
  );
}
