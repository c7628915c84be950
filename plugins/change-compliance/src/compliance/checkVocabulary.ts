import { CheckId } from '@change-compliance/plugin-change-compliance-common';

/** Short names for the history's check chips and the filter; the check id stays beside them. */
export const CHECK_LABELS: Record<CheckId, string> = {
  'ticket.linked': 'Ticket linked',
  'ticket.complete': 'Ticket complete',
  'review.independent': 'Independent review',
  'review.qualified': 'Qualified reviewer',
  'approval.before-deploy': 'Approved before deploy',
  'artifact.traceable': 'Artefact traceable',
  'trace.bidirectional': 'Two-way trace',
  'process.no-bypass': 'No bypass',
};

/**
 * What would make a failing check pass, per check, from the semantics in checks.md. The backend's
 * reason says what is wrong with this deployment; this says what the team does about it, in the
 * same words for every deployment so that a remediation plan can quote it.
 */
export const CHECK_REMEDIES: Record<CheckId, string> = {
  'ticket.linked':
    'Name an existing ticket of a configured project (e.g. PAY-123) in the pull request title, body, branch name or a commit message.',
  'ticket.complete':
    'Fill in every required ticket field (description, requester, business justification, implementation plan, rollback procedure) with real content, not template text.',
  'review.independent':
    'Merge through a pull request approved on its final head commit, before the merge, by someone who authored none of its commits and is not a bot.',
  'review.qualified':
    'Have the approval given by a member of the owning team, a code owner of the changed paths, or a reviewer group the policy lists.',
  'approval.before-deploy':
    'Have an authorised approver who did not author the change (e.g. the change advisory board) approve its ticket or this deployment before it goes live.',
  'artifact.traceable':
    "Deploy an artefact built from a commit of this service's repository on a branch allowed for production; for an image, make its build provenance name that commit.",
  'trace.bidirectional':
    'Link the ticket back to the pull request, commit or deployment (remote link, development panel or a comment), or list the ticket in the deployment record.',
  'process.no-bypass':
    'Bring changes in through a reviewed pull request to the protected branch, without an administrator override, and deploy only from a protected branch.',
};
