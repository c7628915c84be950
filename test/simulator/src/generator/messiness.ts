import { CHECK_IDS, CheckId, CheckStatus, Verdict } from '../model';

/**
 * The kinds of messiness the generator plants in a change, each with what the product must then
 * conclude. The conclusions follow checks.md (and the product's strict readings, named where they
 * matter), written from the planted defect, never from the product's own code: they are the
 * answer key the product's verdicts are compared with.
 */
export const MESSINESS = [
  /** The approver pushed a commit onto the PR, then approved it: an author approving. */
  'self-approval',
  /** Approved on an earlier commit; the author pushed again and merged. */
  'stale-approval',
  /** Merged first, approved afterwards. */
  'approval-after-merge',
  /** The CAB approved the ticket only after the deployment. */
  'approval-after-deploy',
  /** No ticket key anywhere in the PR. */
  'missing-ticket',
  /** The ticket's rollback plan or justification is empty or a placeholder ("TBD"). */
  'placeholder-fields',
  /** `UTF-8` / `SHA-256` in the title, and no real ticket key. */
  'ticket-look-alike-only',
  /** `UTF-8` / `SHA-256` in the title beside a real ticket key: nothing wrong. */
  'ticket-look-alike-with-key',
  /** The approver is credited as co-author of a commit of the PR. */
  'co-author-approval',
  /** A co-authored commit, approved by someone else: nothing wrong. */
  'co-authored',
  /** Merged by an administrator without the required approval. */
  'admin-override',
  /** Hotfix: reviewed, deployed, CAB approval given retrospectively inside the window. */
  'emergency-with-retro',
  /** Hotfix: reviewed, deployed, never approved by the CAB. */
  'emergency-without-retro',
  /** A dependency bump by dependabot or renovate, reviewed, with no ticket. */
  'bot-pr',
  /** A commit pushed straight to the protected branch. */
  'direct-push',
  /** A fix released from a release branch (allowed for production): nothing wrong. */
  'release-branch',
] as const;
export type Messiness = (typeof MESSINESS)[number];

/** Kinds that look suspicious but break no rule: a change with only these is compliant. */
export const HARMLESS_MESSINESS: readonly Messiness[] = [
  'ticket-look-alike-with-key',
  'co-authored',
  'emergency-with-retro',
  'release-branch',
];

/** Deployment-level facts counted beside the change kinds. */
export const DEPLOYMENT_TRAITS = ['several-prs'] as const;

export interface PlannedChange {
  messiness?: Messiness;
  /** For emergency changes: whether the retrospective window had closed at `now`. */
  windowClosed?: boolean;
}

const ALL_PASS = (): Record<CheckId, CheckStatus> =>
  Object.fromEntries(CHECK_IDS.map(id => [id, 'pass'])) as Record<
    CheckId,
    CheckStatus
  >;

/**
 * What each check must conclude for one change. Strict readings of the product, stated once:
 * - a change without enough counting approvals cannot show qualified reviewers: `review.qualified`
 *   fails with `review.independent`;
 * - without a ticket there is nothing complete, nothing approved and nothing linking back.
 */
export function expectedForChange(
  change: PlannedChange,
): Record<CheckId, CheckStatus> {
  const checks = ALL_PASS();
  const noTicket = () => {
    checks['ticket.linked'] = 'fail';
    checks['ticket.complete'] = 'fail';
    checks['approval.before-deploy'] = 'fail';
    checks['trace.bidirectional'] = 'fail';
  };
  const noCountingReview = () => {
    checks['review.independent'] = 'fail';
    checks['review.qualified'] = 'fail';
  };
  switch (change.messiness) {
    case 'self-approval':
    case 'stale-approval':
    case 'approval-after-merge':
    case 'co-author-approval':
      noCountingReview();
      break;
    case 'approval-after-deploy':
      checks['approval.before-deploy'] = 'fail';
      break;
    case 'missing-ticket':
    case 'ticket-look-alike-only':
    case 'bot-pr':
      noTicket();
      break;
    case 'placeholder-fields':
      checks['ticket.complete'] = 'fail';
      break;
    case 'admin-override':
      noCountingReview();
      checks['process.no-bypass'] = 'fail';
      break;
    case 'emergency-without-retro':
      checks['approval.before-deploy'] = change.windowClosed
        ? 'fail'
        : 'pending';
      break;
    case 'direct-push':
      noCountingReview();
      checks['process.no-bypass'] = 'fail';
      // The ticket is named in the commit message, but nothing on the ticket points at the commit.
      checks['trace.bidirectional'] = 'fail';
      break;
    default:
      // Clean, look-alike beside a real key, benign co-authoring, emergency with its retrospective
      // approval, release branch: every check passes.
      break;
  }
  return checks;
}

/** Compliant when every check passes or is n/a; pending when none fails and one is pending. */
export function verdictOf(checks: Record<CheckId, CheckStatus>): Verdict {
  const statuses = Object.values(checks);
  if (statuses.includes('fail')) return 'exception';
  if (statuses.includes('pending')) return 'pending';
  return 'compliant';
}

/** A deployment passes a check when all its changes do: fail before pending before pass. */
export function combineChanges(changes: Record<CheckId, CheckStatus>[]): {
  checks: Record<CheckId, CheckStatus>;
  verdict: Verdict;
} {
  const rank: Record<CheckStatus, number> = {
    fail: 3,
    pending: 2,
    pass: 1,
    'not-applicable': 0,
  };
  const checks = ALL_PASS();
  for (const id of CHECK_IDS) {
    let worst: CheckStatus = 'not-applicable';
    for (const change of changes) {
      if (rank[change[id]] > rank[worst]) worst = change[id];
    }
    checks[id] = changes.length === 0 ? 'pass' : worst;
  }
  return { checks, verdict: verdictOf(checks) };
}
