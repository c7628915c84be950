import {
  CHECK_IDS,
  CheckId,
  CheckStatus,
  DeploymentVerdict,
} from '@change-compliance/plugin-change-compliance-common';
import { ChangePolicy } from '../policy/ChangePolicy';
import {
  alice,
  baseline,
  basePolicy,
  bob,
  carmen,
  DEPLOYED_AT,
  dependabot,
  EARLIER,
  grace,
  HEAD,
  MERGE,
  pullRequest,
  ticket,
} from './__testUtils__/baseline';
import { evaluateDeployment } from './evaluateDeployment';
import {
  ChangeEvidence,
  DeploymentEvaluationInput,
  PullRequestEvidence,
  ReviewEvidence,
} from './evidence';

/**
 * The engine's contract, scenario by scenario. Each starts from a compliant deployment
 * (__testUtils__/baseline.ts), changes one thing, and states the checks that must follow; checks
 * not named must still pass (or, where `others` says so, be not-applicable).
 */
interface Scenario {
  name: string;
  given: (input: DeploymentEvaluationInput, policy: ChangePolicy) => void;
  expect: Partial<Record<CheckId, CheckStatus>>;
  verdict: DeploymentVerdict;
  /** The status of every check not named in `expect`; default pass. */
  others?: CheckStatus;
  /** Words the reason of the first named check must contain. */
  reason?: RegExp;
}

function firstPr(input: DeploymentEvaluationInput): PullRequestEvidence {
  const change = input.changes[0];
  if (change.kind !== 'pull-request') throw new Error('baseline changed');
  return change.pullRequest;
}

function review(overrides: Partial<ReviewEvidence>): ReviewEvidence {
  return {
    id: '2001',
    reviewer: carmen,
    state: 'APPROVED',
    commitId: HEAD,
    submittedAt: '2026-11-09T12:00:00.000Z',
    dismissed: false,
    ...overrides,
  };
}

const REVIEW_FAILS = {
  'review.independent': 'fail',
  'review.qualified': 'fail',
} as const;

/** The same status for every check that is judged per change (all but artifact.traceable). */
function everyChangeCheck(status: CheckStatus) {
  return Object.fromEntries(
    CHECK_IDS.filter(id => id !== 'artifact.traceable').map(id => [id, status]),
  ) as Partial<Record<CheckId, CheckStatus>>;
}

/** A version bump pushed straight to main by the release account. */
function releaseBotCommit(): ChangeEvidence {
  return {
    kind: 'direct',
    repository: 'northwind/payments-api',
    commit: {
      sha: 'dddddddddddddddddddddddddddddddddddddddd',
      parents: [MERGE],
      author: { login: 'northwind-release-bot', type: 'User' },
      coAuthors: [],
      message: 'chore(release): 2.4.0 [PAY-12]',
      committedAt: '2026-11-10T11:00:00.000Z',
      changedFiles: ['package.json', 'CHANGELOG.md'],
    },
  };
}

const TICKET_FAILS = {
  'ticket.linked': 'fail',
  'ticket.complete': 'fail',
  'approval.before-deploy': 'fail',
  'trace.bidirectional': 'fail',
} as const;

const scenarios: Scenario[] = [
  // --- the baseline and ticket.linked -------------------------------------------------------
  {
    name: 'a ticketed, reviewed, approved, traceable change is compliant',
    given: () => {},
    expect: {},
    verdict: 'compliant',
  },
  {
    name: 'no ticket reference anywhere fails ticket.linked and everything that rests on a ticket',
    given: input => {
      firstPr(input).title = 'Tokenise card numbers before storage';
    },
    expect: TICKET_FAILS,
    verdict: 'exception',
    reason: /No ticket reference/,
  },
  {
    name: 'a reference to a ticket that does not exist is not a link',
    given: input => {
      firstPr(input).title = 'PAY-999 Tokenise card numbers';
    },
    expect: TICKET_FAILS,
    verdict: 'exception',
    reason: /PAY-999.*no such ticket exists/,
  },
  {
    name: 'look-alikes (UTF-8, SHA-256, ISO-8601, CVE-2024-1234, HTTP-2) are not tickets',
    given: input => {
      const pr = firstPr(input);
      pr.title =
        'Use UTF-8 and SHA-256, ISO-8601 dates, fix CVE-2024-1234 over HTTP-2';
      pr.body = '';
    },
    expect: TICKET_FAILS,
    verdict: 'exception',
  },
  {
    name: 'a key of a project nobody configured is not a ticket',
    given: input => {
      firstPr(input).title = 'OPS-12 Tokenise card numbers';
      input.tickets['OPS-12'] = { ...ticket(), key: 'OPS-12' };
    },
    expect: TICKET_FAILS,
    verdict: 'exception',
  },
  {
    name: 'a key in the branch name counts, in lower case too',
    given: input => {
      const pr = firstPr(input);
      pr.title = 'Tokenise card numbers';
      pr.headBranch = 'feature/pay-12-tokenise';
    },
    expect: {},
    verdict: 'compliant',
  },
  {
    name: 'a bare #12 is an issue of the change’s own repository where the policy names GitHub Issues for it',
    given: (input, policy) => {
      const key = 'northwind/payments-api#12';
      policy.ticketProjects.push({
        system: 'github-issues',
        key: 'PAYMENTS',
        repositories: ['northwind/payments-api'],
      });
      policy.ticketFieldMapping['github-issues'] =
        policy.ticketFieldMapping.jira;
      input.service.ticketSystems = ['github-issues'];
      const pr = firstPr(input);
      pr.title = 'Tokenise card numbers';
      pr.body = 'Fixes #12';
      input.tickets = { [key]: { ...ticket(), system: 'github-issues', key } };
      input.approvals = input.approvals.map(a => ({
        ...a,
        scope: { ticketKey: key },
      }));
    },
    expect: {},
    verdict: 'compliant',
  },
  {
    name: 'a key in a commit message counts',
    given: input => {
      const pr = firstPr(input);
      pr.title = 'Tokenise card numbers';
      pr.commits[1].message = 'Store tokens instead of PANs\n\nRefs: PAY-12';
    },
    expect: {},
    verdict: 'compliant',
  },
  {
    name: 'a key inside a code block is not a reference',
    given: input => {
      const pr = firstPr(input);
      pr.title = 'Tokenise card numbers';
      pr.body = 'Example log line:\n```\nrejected PAY-12 token\n```';
    },
    expect: TICKET_FAILS,
    verdict: 'exception',
  },
  {
    name: 'a service with no ticket system configured fails ticket.linked, it is not n/a',
    given: input => {
      input.service.ticketSystems = [];
    },
    expect: TICKET_FAILS,
    verdict: 'exception',
    reason: /No ticket system is configured/,
  },
  // --- ticket.complete -----------------------------------------------------------------------
  {
    name: 'a ticket without a rollback procedure is incomplete',
    given: input => {
      input.tickets['PAY-12'].fields.customfield_10103 = null;
    },
    expect: { 'ticket.complete': 'fail' },
    verdict: 'exception',
    reason: /PAY-12 lacks rollback procedure/,
  },
  {
    name: 'placeholder text (TBD) does not fill a field',
    given: input => {
      input.tickets['PAY-12'].fields.customfield_10101 = '  TBD ';
    },
    expect: { 'ticket.complete': 'fail' },
    verdict: 'exception',
    reason: /business justification/,
  },
  {
    name: 'template residue (<describe the rollback>) does not fill a field',
    given: input => {
      input.tickets['PAY-12'].fields.customfield_10103 =
        '<describe the rollback>';
    },
    expect: { 'ticket.complete': 'fail' },
    verdict: 'exception',
  },
  {
    name: 'whitespace does not fill a field',
    given: input => {
      input.tickets['PAY-12'].fields.description = ' \n\t ';
    },
    expect: { 'ticket.complete': 'fail' },
    verdict: 'exception',
  },
  {
    name: 'a required field with no mapping for the ticket system counts as missing',
    given: (_input, policy) => {
      policy.ticketFieldMapping = {
        jira: { description: 'description', requester: 'reporter' },
      };
    },
    expect: { 'ticket.complete': 'fail' },
    verdict: 'exception',
  },
  // --- review.independent --------------------------------------------------------------------
  {
    name: 'self-approval by the PR author does not count',
    given: input => {
      firstPr(input).reviews = [review({ reviewer: alice })];
    },
    expect: REVIEW_FAILS,
    verdict: 'exception',
    reason: /self-approval/,
  },
  {
    name: 'approval by a co-author of a commit does not count',
    given: input => {
      firstPr(input).commits[1].coAuthors = [
        { login: '', email: '4242+bob-okafor@users.noreply.github.com' },
      ];
    },
    expect: REVIEW_FAILS,
    verdict: 'exception',
    reason: /co-author/,
  },
  {
    name: 'approval by the author of one of the commits does not count',
    given: input => {
      firstPr(input).commits[0].author = bob;
    },
    expect: REVIEW_FAILS,
    verdict: 'exception',
  },
  {
    name: 'an approval of an earlier commit is stale',
    given: input => {
      firstPr(input).reviews = [review({ reviewer: bob, commitId: EARLIER })];
    },
    expect: REVIEW_FAILS,
    verdict: 'exception',
    reason: /stale/,
  },
  {
    name: 'by default an approval is stale even when only base merges followed',
    given: input => {
      const pr = firstPr(input);
      pr.commits[1].isMergeFromBase = true;
      pr.reviews = [review({ reviewer: bob, commitId: EARLIER })];
    },
    expect: REVIEW_FAILS,
    verdict: 'exception',
  },
  {
    name: 'when the policy allows it, an approval followed only by base merges holds',
    given: (input, policy) => {
      policy.allowStaleApprovalAfterBaseMerge = true;
      const pr = firstPr(input);
      pr.commits[1].isMergeFromBase = true;
      pr.reviews = [review({ reviewer: bob, commitId: EARLIER })];
    },
    expect: {},
    verdict: 'compliant',
  },
  {
    name: 'the policy allowance does not cover a real commit after the approval',
    given: (input, policy) => {
      policy.allowStaleApprovalAfterBaseMerge = true;
      firstPr(input).reviews = [review({ reviewer: bob, commitId: EARLIER })];
    },
    expect: REVIEW_FAILS,
    verdict: 'exception',
  },
  {
    name: 'an approval after the merge does not count',
    given: input => {
      firstPr(input).reviews = [
        review({ reviewer: bob, submittedAt: '2026-11-10T10:30:00.000Z' }),
      ];
    },
    expect: REVIEW_FAILS,
    verdict: 'exception',
    reason: /after the merge/,
  },
  {
    name: 'a dismissed approval does not count',
    given: input => {
      firstPr(input).reviews = [review({ reviewer: bob, dismissed: true })];
    },
    expect: REVIEW_FAILS,
    verdict: 'exception',
    reason: /dismissed/,
  },
  {
    name: 'changes requested later by the same reviewer cancel the approval',
    given: input => {
      firstPr(input).reviews.push(
        review({
          id: '1002',
          reviewer: bob,
          state: 'CHANGES_REQUESTED',
          submittedAt: '2026-11-09T13:00:00.000Z',
        }),
      );
    },
    expect: REVIEW_FAILS,
    verdict: 'exception',
    reason: /requested changes afterwards/,
  },
  {
    name: 'changes requested earlier by the same reviewer, then approved, count',
    given: input => {
      firstPr(input).reviews.unshift(
        review({
          id: '1000',
          reviewer: bob,
          state: 'CHANGES_REQUESTED',
          commitId: EARLIER,
          submittedAt: '2026-11-09T08:30:00.000Z',
        }),
      );
    },
    expect: {},
    verdict: 'compliant',
  },
  {
    name: 'comments are not approvals',
    given: input => {
      firstPr(input).reviews = [
        review({ reviewer: bob, state: 'COMMENTED' }),
        review({ id: '2002', reviewer: alice, state: 'COMMENTED' }),
      ];
    },
    expect: REVIEW_FAILS,
    verdict: 'exception',
  },
  {
    name: 'an approval by a bot never counts',
    given: input => {
      firstPr(input).reviews = [
        review({ reviewer: { login: 'review-helper', type: 'Bot' } }),
      ];
    },
    expect: REVIEW_FAILS,
    verdict: 'exception',
    reason: /bot account/,
  },
  {
    name: 'an app account ([bot] suffix) is a bot whatever its type says',
    given: input => {
      firstPr(input).reviews = [
        review({ reviewer: { login: 'approver-app[bot]', type: 'User' } }),
      ];
    },
    expect: REVIEW_FAILS,
    verdict: 'exception',
  },
  {
    name: 'an approval by a listed automation account is a bot approval',
    given: input => {
      firstPr(input).reviews = [
        review({ reviewer: { login: 'northwind-release-bot' } }),
      ];
    },
    expect: REVIEW_FAILS,
    verdict: 'exception',
  },
  {
    name: 'a bot-authored PR approved by a qualified human passes review',
    given: input => {
      const pr = firstPr(input);
      pr.author = dependabot;
      pr.commits.forEach(c => (c.author = dependabot));
    },
    expect: {},
    verdict: 'compliant',
  },
  {
    name: 'one approval is not enough when the policy asks for two',
    given: (_input, policy) => {
      policy.minApprovals = 2;
    },
    expect: REVIEW_FAILS,
    verdict: 'exception',
    reason: /1 of 2 required/,
  },
  {
    name: "a service's annotation can ask for more approvals than the policy",
    given: input => {
      input.service.minApprovals = 2;
    },
    expect: REVIEW_FAILS,
    verdict: 'exception',
  },
  {
    name: 'two approvals by the same reviewer count once',
    given: (input, policy) => {
      policy.minApprovals = 2;
      firstPr(input).reviews.push(review({ id: '1003', reviewer: bob }));
    },
    expect: REVIEW_FAILS,
    verdict: 'exception',
  },
  {
    name: 'a merge-queue merge does not change who reviewed',
    given: input => {
      firstPr(input).mergedBy = {
        login: 'github-merge-queue[bot]',
        type: 'Bot',
      };
    },
    expect: {},
    verdict: 'compliant',
  },
  // --- review.qualified ----------------------------------------------------------------------
  {
    name: 'a reviewer outside the owning group who owns no changed path is not qualified',
    given: input => {
      const pr = firstPr(input);
      pr.reviews = [review({ reviewer: carmen })];
    },
    expect: { 'review.qualified': 'fail' },
    verdict: 'exception',
    reason: /carmen-diaz/,
  },
  {
    name: 'a code owner of every changed path is qualified',
    given: input => {
      const pr = firstPr(input);
      pr.reviews = [review({ reviewer: carmen })];
      pr.codeOwnersByPath = {
        'src/cards/tokenise.ts': ['carmen-diaz'],
        'src/cards/tokenise.test.ts': ['carmen-diaz', 'bob-okafor'],
      };
    },
    expect: {},
    verdict: 'compliant',
  },
  {
    name: 'a code owner of only some changed paths is not qualified',
    given: input => {
      const pr = firstPr(input);
      pr.reviews = [review({ reviewer: carmen })];
      pr.codeOwnersByPath = { 'src/cards/tokenise.ts': ['carmen-diaz'] };
    },
    expect: { 'review.qualified': 'fail' },
    verdict: 'exception',
  },
  {
    name: 'a member of a policy-listed reviewer group is qualified',
    given: (input, policy) => {
      firstPr(input).reviews = [review({ reviewer: carmen })];
      policy.qualifiedReviewers.groups = ['group:default/accounts-team'];
    },
    expect: {},
    verdict: 'compliant',
  },
  // --- approval.before-deploy ----------------------------------------------------------------
  {
    name: 'an approval given after the deployment is too late',
    given: input => {
      input.approvals[0].approvedAt = '2026-11-10T12:30:00.000Z';
    },
    expect: { 'approval.before-deploy': 'fail' },
    verdict: 'exception',
    reason: /only after the deployment/,
  },
  {
    name: 'the requester of a change request cannot approve it, even from the CAB',
    given: input => {
      input.tickets['PAY-12'].requester = grace;
    },
    expect: { 'approval.before-deploy': 'fail' },
    verdict: 'exception',
    reason: /approved PAY-12, which they requested/,
  },
  {
    name: 'an approval at the very second of the deployment is not before it',
    given: input => {
      input.approvals[0].approvedAt = DEPLOYED_AT;
    },
    expect: { 'approval.before-deploy': 'fail' },
    verdict: 'exception',
  },
  {
    name: 'the author of the change cannot approve it, even from the CAB',
    given: input => {
      const pr = firstPr(input);
      pr.author = grace;
      pr.commits.forEach(c => (c.author = grace));
    },
    expect: { 'approval.before-deploy': 'fail' },
    verdict: 'exception',
    reason: /approved their own change/,
  },
  {
    name: 'an approver outside the approver groups is not authorised',
    given: input => {
      input.approvals[0].approver = bob;
    },
    expect: { 'approval.before-deploy': 'fail' },
    verdict: 'exception',
    reason: /not an authorised approver/,
  },
  {
    name: 'no approval at all fails',
    given: input => {
      input.approvals = [];
    },
    expect: { 'approval.before-deploy': 'fail' },
    verdict: 'exception',
  },
  {
    name: 'an approval of another ticket does not approve this change',
    given: input => {
      input.approvals[0].scope = { ticketKey: 'PAY-13' };
    },
    expect: { 'approval.before-deploy': 'fail' },
    verdict: 'exception',
  },
  {
    name: 'a rejection after the approval and before the deployment voids it',
    given: input => {
      input.approvals.push({
        ...input.approvals[0],
        id: 'PAY-12-rejected',
        state: 'rejected',
        approvedAt: '2026-11-09T18:00:00.000Z',
      });
    },
    expect: { 'approval.before-deploy': 'fail' },
    verdict: 'exception',
    reason: /followed by a rejection/,
  },
  {
    name: 'a GitHub deployment review by a required reviewer counts when the policy accepts them',
    given: (input, policy) => {
      policy.acceptEnvironmentReviewers = true;
      input.approvals = [
        {
          id: 'review-77',
          source: 'github-deployment-review',
          approver: carmen,
          approvedAt: '2026-11-10T11:55:00.000Z',
          state: 'approved',
          scope: { deploymentId: 'github/9001' },
          approverIsRequiredReviewer: true,
        },
      ];
    },
    expect: {},
    verdict: 'compliant',
  },
  {
    name: 'a GitHub deployment review does not count by default',
    given: input => {
      input.approvals = [
        {
          id: 'review-77',
          source: 'github-deployment-review',
          approver: carmen,
          approvedAt: '2026-11-10T11:55:00.000Z',
          state: 'approved',
          scope: { deploymentId: 'github/9001' },
          approverIsRequiredReviewer: true,
        },
      ];
    },
    expect: { 'approval.before-deploy': 'fail' },
    verdict: 'exception',
  },
  // --- emergency changes ---------------------------------------------------------------------
  {
    name: 'an emergency change without approval is pending inside the retrospective window',
    given: input => {
      firstPr(input).labels = ['hotfix'];
      input.approvals = [];
      input.evaluatedAt = '2026-11-11T12:00:00.000Z';
    },
    expect: { 'approval.before-deploy': 'pending' },
    verdict: 'pending',
    reason: /due by 2026-11-13T12:00:00.000Z/,
  },
  {
    name: 'an emergency change still without approval after the window fails',
    given: input => {
      firstPr(input).labels = ['emergency'];
      input.approvals = [];
      input.evaluatedAt = '2026-11-13T12:00:01.000Z';
    },
    expect: { 'approval.before-deploy': 'fail' },
    verdict: 'exception',
  },
  {
    name: 'an emergency change approved retrospectively inside the window passes',
    given: input => {
      firstPr(input).labels = ['hotfix'];
      input.approvals[0].approvedAt = '2026-11-11T09:00:00.000Z';
      firstPr(input).reviews = [
        review({ reviewer: bob, submittedAt: '2026-11-10T15:00:00.000Z' }),
      ];
    },
    expect: {},
    verdict: 'compliant',
  },
  {
    name: 'an emergency change approved after the window fails',
    given: input => {
      firstPr(input).labels = ['hotfix'];
      input.approvals[0].approvedAt = '2026-11-14T09:00:00.000Z';
    },
    expect: { 'approval.before-deploy': 'fail' },
    verdict: 'exception',
  },
  {
    name: 'a ticket priority marks an emergency too, when the policy says so',
    given: (input, policy) => {
      policy.emergency.ticketPriorities = ['Highest'];
      input.tickets['PAY-12'].priority = 'Highest';
      firstPr(input).reviews = [];
      input.evaluatedAt = '2026-11-10T13:00:00.000Z';
    },
    expect: { 'review.independent': 'pending', 'review.qualified': 'pending' },
    verdict: 'pending',
  },
  {
    name: 'an emergency label does not excuse a missing ticket',
    given: input => {
      const pr = firstPr(input);
      pr.labels = ['hotfix'];
      pr.title = 'Hotfix: reject expired tokens';
      input.evaluatedAt = '2026-11-10T13:00:00.000Z';
    },
    expect: {
      'ticket.linked': 'fail',
      'ticket.complete': 'fail',
      'approval.before-deploy': 'pending',
      'trace.bidirectional': 'fail',
    },
    verdict: 'exception',
  },
  // --- process.no-bypass ---------------------------------------------------------------------
  {
    name: 'a direct push fails review and bypass',
    given: input => {
      input.changes = [
        {
          kind: 'direct',
          repository: 'northwind/payments-api',
          commit: {
            sha: MERGE,
            parents: [HEAD],
            author: alice,
            coAuthors: [],
            message: 'PAY-12 quick fix straight to main',
            committedAt: '2026-11-10T09:00:00.000Z',
            changedFiles: ['src/cards/tokenise.ts'],
          },
        },
      ];
      input.tickets['PAY-12'].links = [MERGE.slice(0, 10)];
    },
    expect: {
      'review.independent': 'fail',
      'review.qualified': 'fail',
      'process.no-bypass': 'fail',
    },
    verdict: 'exception',
  },
  {
    name: 'a merge through an administrator override is a bypass',
    given: input => {
      const pr = firstPr(input);
      pr.mergedWithAdminOverride = true;
      pr.mergedBy = carmen;
    },
    expect: { 'process.no-bypass': 'fail' },
    verdict: 'exception',
    reason: /administrator override/,
  },
  {
    name: 'a deployment from an unprotected branch is a bypass',
    given: input => {
      input.deployment.ref = 'release-hotfix';
      input.repository.branchesContainingCommit = ['main', 'release-hotfix'];
    },
    expect: { 'process.no-bypass': 'fail' },
    verdict: 'exception',
    reason: /release-hotfix/,
  },
  {
    name: 'a deployment of a tag whose commit is on no protected branch is a bypass',
    given: input => {
      input.deployment.ref = undefined;
      input.repository.protectedBranches = [];
    },
    expect: { 'process.no-bypass': 'fail' },
    verdict: 'exception',
  },
  // --- artifact.traceable --------------------------------------------------------------------
  {
    name: 'a commit only on a feature branch is not traceable to an allowed branch',
    given: input => {
      input.repository.branchesContainingCommit = ['feature/tokenise-cards'];
      input.repository.protectedBranches = ['main', 'feature/tokenise-cards'];
      input.deployment.ref = 'feature/tokenise-cards';
    },
    expect: { 'artifact.traceable': 'fail' },
    verdict: 'exception',
    reason: /not reachable from a branch allowed for production/,
  },
  {
    name: 'a commit that does not exist in the repository is not traceable',
    given: input => {
      input.repository.commitExists = false;
    },
    expect: { 'artifact.traceable': 'fail' },
    verdict: 'exception',
  },
  {
    name: 'a deployment that names no commit is not traceable',
    given: input => {
      input.deployment.commitSha = '';
    },
    expect: { 'artifact.traceable': 'fail' },
    verdict: 'exception',
  },
  {
    name: 'an image whose provenance names another commit is not traceable',
    given: input => {
      input.deployment.imageDigest = 'sha256:4f0c';
      input.deployment.provenanceCommitSha = HEAD;
    },
    expect: { 'artifact.traceable': 'fail' },
    verdict: 'exception',
    reason: /provenance/,
  },
  {
    name: 'an image whose provenance names the deployed commit is traceable',
    given: input => {
      input.deployment.imageDigest = 'sha256:4f0c';
      input.deployment.provenanceCommitSha = MERGE;
    },
    expect: {},
    verdict: 'compliant',
  },
  {
    name: 'an allowed release branch pattern admits its commits',
    given: (input, policy) => {
      policy.productionBranches = ['$default', 'release/*'];
      input.repository.branchesContainingCommit = ['release/2026.11'];
      input.repository.protectedBranches = ['main', 'release/2026.11'];
      input.deployment.ref = 'release/2026.11';
    },
    expect: {},
    verdict: 'compliant',
  },
  // --- trace.bidirectional -------------------------------------------------------------------
  {
    name: 'a ticket that does not link back fails the trace',
    given: input => {
      input.tickets['PAY-12'].links = [];
    },
    expect: { 'trace.bidirectional': 'fail' },
    verdict: 'exception',
    reason: /do not link back/,
  },
  {
    name: 'a deployment record that lists the ticket completes the trace',
    given: input => {
      input.tickets['PAY-12'].links = [];
      input.deployment.ticketKeys = ['pay-12'];
    },
    expect: {},
    verdict: 'compliant',
  },
  {
    name: 'a ticket naming a commit by an abbreviated SHA links back',
    given: input => {
      input.tickets['PAY-12'].links = [HEAD.slice(0, 7)];
    },
    expect: {},
    verdict: 'compliant',
  },
  {
    name: 'a ticket naming a six-character SHA prefix does not link back',
    given: input => {
      input.tickets['PAY-12'].links = [HEAD.slice(0, 6)];
    },
    expect: { 'trace.bidirectional': 'fail' },
    verdict: 'exception',
  },
  {
    name: 'a ticket linking another PR of the same repository does not link back',
    given: input => {
      input.tickets['PAY-12'].links = [
        'https://github.com/northwind/payments-api/pull/421',
      ];
    },
    expect: { 'trace.bidirectional': 'fail' },
    verdict: 'exception',
  },
  {
    name: 'a ticket linking a PR of a repository whose name ends like this one does not link back',
    given: input => {
      input.tickets['PAY-12'].links = [
        'acme-northwind/payments-api#42',
        'https://github.com/acme-northwind/payments-api/pull/42',
      ];
    },
    expect: { 'trace.bidirectional': 'fail' },
    verdict: 'exception',
  },
  {
    name: 'a ticket naming the PR as owner/repo#n, or its URL with a path after it, links back',
    given: input => {
      input.tickets['PAY-12'].links = [
        'Implemented in northwind/payments-api#42',
        'https://github.com/northwind/payments-api/pull/42/files',
      ];
    },
    expect: {},
    verdict: 'compliant',
  },
  // --- several changes, exemptions, automation -----------------------------------------------
  {
    name: 'several PRs in one deployment: one unreviewed PR makes the deployment an exception',
    given: input => {
      const second = pullRequest();
      second.number = 43;
      second.title = 'PAY-12 Log token vault latency';
      second.mergeCommitSha = 'cccccccccccccccccccccccccccccccccccccccc';
      second.reviews = [];
      input.changes.push({ kind: 'pull-request', pullRequest: second });
      input.tickets['PAY-12'].links.push('northwind/payments-api#43');
    },
    expect: REVIEW_FAILS,
    verdict: 'exception',
    reason: /^pr:northwind\/payments-api#43: /,
  },
  {
    name: 'a change touching only exempt paths needs no ticket, review or approval',
    given: input => {
      const pr = firstPr(input);
      pr.title = 'Fix typos in the runbook';
      pr.reviews = [];
      pr.changedFiles = ['docs/runbook.md', 'README.md'];
      input.approvals = [];
    },
    expect: everyChangeCheck('not-applicable'),
    verdict: 'compliant',
    reason: /Only exempt paths changed/,
  },
  {
    name: 'one non-exempt file brings the whole change back into scope',
    given: input => {
      const pr = firstPr(input);
      pr.title = 'Fix typos in the runbook';
      pr.changedFiles = ['docs/runbook.md', 'src/cards/tokenise.ts'];
    },
    expect: TICKET_FAILS,
    verdict: 'exception',
  },
  {
    name: 'a direct commit by a listed automation account needs no review and is no bypass',
    given: input => {
      input.changes.push(releaseBotCommit());
      input.tickets['PAY-12'].links.push('dddddddddddd');
    },
    expect: {},
    verdict: 'compliant',
  },
  {
    name: 'a direct commit by an automation account the policy does not list is a direct change',
    given: (input, policy) => {
      policy.automationAccounts = [];
      input.changes.push(releaseBotCommit());
      input.tickets['PAY-12'].links.push('dddddddddddd');
    },
    expect: {
      'review.independent': 'fail',
      'review.qualified': 'fail',
      'process.no-bypass': 'fail',
    },
    verdict: 'exception',
  },
  {
    name: 'a revert is a change like any other: without its own ticket it fails',
    given: input => {
      const pr = firstPr(input);
      pr.title = 'Revert "Tokenise card numbers before storage"';
      pr.body = 'This reverts commit 9e8d7c6b.';
    },
    expect: TICKET_FAILS,
    verdict: 'exception',
  },
  {
    name: 'a redeploy with no new change is judged on its artefact alone',
    given: input => {
      input.changes = [];
      input.approvals = [];
    },
    expect: everyChangeCheck('not-applicable'),
    verdict: 'compliant',
  },
  {
    name: 'an unknown change set passes nothing',
    given: input => {
      input.changes = [];
      input.changeSet = { complete: false, reason: 'history not synced' };
    },
    expect: everyChangeCheck('fail'),
    verdict: 'exception',
    reason: /change set could not be determined: history not synced/,
  },
];

describe('evaluation scenarios', () => {
  it('cover every check with at least one pass and one fail', () => {
    for (const checkId of CHECK_IDS) {
      const outcomes = new Set(
        scenarios.map(s => s.expect[checkId] ?? s.others ?? 'pass'),
      );
      expect([checkId, outcomes.has('pass'), outcomes.has('fail')]).toEqual([
        checkId,
        true,
        true,
      ]);
    }
  });

  it.each(scenarios.map(s => [s.name, s] as const))('%s', (_name, scenario) => {
    const input = baseline();
    const policy = basePolicy();
    scenario.given(input, policy);

    const result = evaluateDeployment(input, policy);

    const statuses = Object.fromEntries(
      result.checks.map(c => [c.checkId, c.status]),
    );
    const expected = Object.fromEntries(
      CHECK_IDS.map(id => [
        id,
        scenario.expect[id] ?? scenario.others ?? 'pass',
      ]),
    );
    expect(statuses).toEqual(expected);
    expect(result.verdict).toBe(scenario.verdict);
    expect(result.failingChecks).toEqual(
      CHECK_IDS.filter(id => expected[id] === 'fail'),
    );
    for (const check of result.checks) {
      expect(check.reason).toMatch(/\S/);
    }
    // The reason of the first check the scenario names (every reason must say something).
    const firstNamed = (Object.keys(scenario.expect)[0] ??
      'ticket.linked') as CheckId;
    const named = result.checks.find(c => c.checkId === firstNamed)!;
    expect(named.reason).toMatch(scenario.reason ?? /\S/);
  });
});
