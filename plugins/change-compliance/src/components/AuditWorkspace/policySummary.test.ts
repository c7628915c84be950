import { auditPolicy } from '../../__testUtils__/complianceEvidence';
import { policyLines, sampleBounds } from './policySummary';

describe('policyLines', () => {
  it('says what the policy demands, rule by rule', () => {
    expect(
      Object.fromEntries(policyLines(auditPolicy).map(l => [l.label, l.value])),
    ).toEqual({
      'Production environments': 'production',
      'Ticket projects': 'PAY (Jira)',
      'Required ticket fields':
        'Description, Requester, Justification, Implementation plan, Rollback plan',
      'Peer review':
        "At least 1 approval on the final head commit, before the merge, by someone who authored none of the change's commits.",
      'Qualified reviewers':
        'members of the owning team, code owners of the changed paths',
      'Authorised change approvers': 'group:default/change-advisory-board',
      'Emergency changes':
        'Marked by label emergency, label hotfix; review and approval may follow within 72 hours of the deployment.',
      'Production branches': 'the default branch',
      'Exempt paths': 'none',
      'Automation accounts': 'none',
      'Audit sample size': '25 to 40, 25 unless chosen',
    });
  });

  it('says when nothing counts as a ticket or an approver', () => {
    const lines = policyLines({
      ...auditPolicy,
      ticketProjects: [],
      approverGroups: [],
      acceptEnvironmentReviewers: true,
      minApprovals: 2,
      allowStaleApprovalAfterBaseMerge: true,
    });
    const value = (label: string) => lines.find(l => l.label === label)?.value;
    expect(value('Ticket projects')).toBe(
      'none configured: no reference counts as a ticket',
    );
    expect(value('Authorised change approvers')).toBe(
      "required reviewers of the deployment's GitHub environment",
    );
    expect(value('Peer review')).toMatch(
      /^At least 2 approvals .*; an approval stays valid when the only later commits are merges from the base branch\.$/,
    );
  });

  it('leaves out what the policy does not say, rather than guess it', () => {
    expect(policyLines({ productionEnvironments: ['prod-eu'] })).toEqual([
      { label: 'Production environments', value: 'prod-eu' },
    ]);
  });
});

describe('sampleBounds', () => {
  it("reads the policy's bounds, else the control's 25 to 40", () => {
    expect(sampleBounds({ sample: { min: 30, max: 35, default: 30 } })).toEqual(
      { min: 30, max: 35, default: 30 },
    );
    expect(sampleBounds(undefined)).toEqual({ min: 25, max: 40, default: 25 });
  });
});
