import {
  unreviewedDeploymentDetail,
  unreviewedDeploymentTrace,
} from '../__testUtils__/complianceEvidence';
import { evidenceOfChange } from './changeEvidence';

const [change] = unreviewedDeploymentDetail.changes;

describe('evidenceOfChange', () => {
  it("picks the change's pull request, tickets and approvals, oldest approval first", () => {
    const evidence = evidenceOfChange(unreviewedDeploymentTrace, change);

    expect(evidence.pullRequest?.number).toBe(42);
    expect(evidence.directCommit).toBeUndefined();
    expect(evidence.tickets.map(t => t.key)).toEqual(['PAY-12']);
    expect(evidence.unknownTicketKeys).toEqual([]);
    expect(evidence.approvals.map(a => a.approver.login)).toEqual([
      'carol',
      'frank',
    ]);
  });

  it("leaves out other changes' evidence and names tickets nobody stored", () => {
    const evidence = evidenceOfChange(
      {
        ...unreviewedDeploymentTrace,
        approvals: [
          ...unreviewedDeploymentTrace.approvals,
          {
            source: 'jira-transition',
            approver: { login: 'carol' },
            approvedAt: '2026-11-01T09:00:00.000Z',
            state: 'approved',
            ticketKey: 'PAY-13',
            deploymentId: null,
          },
        ],
        directCommits: [
          {
            changeRef: 'commit:northwind/payments-api@abcdef1',
            repository: 'northwind/payments-api',
            sha: 'abcdef1',
            author: { login: 'dana' },
            committedAt: '2026-11-03T12:00:00.000Z',
            subject: 'Bump the version',
          },
        ],
      },
      { ...change, ticketKeys: ['PAY-12', 'PAY-99'] },
    );

    expect(evidence.directCommit).toBeUndefined();
    expect(evidence.unknownTicketKeys).toEqual(['PAY-99']);
    expect(evidence.approvals.map(a => a.ticketKey)).toEqual(['PAY-12', null]);
  });
});
