import { issueEvidence } from './issueEvidence';
import { GraphqlIssue, GraphqlTimelineItem } from './queries';

const pull = (repository: string, number: number) => ({
  __typename: 'PullRequest' as const,
  number,
  repository: { nameWithOwner: repository },
});
const self = { __typename: 'Issue' as const };

function issue(
  timeline: GraphqlTimelineItem[],
  overrides: Partial<GraphqlIssue> = {},
): GraphqlIssue {
  return {
    number: 12,
    title: 'Round card fees half-even',
    body: '## Justification\nScheme rules\n## Author\nTBD',
    url: 'https://github.com/northwind/payments-api/issues/12',
    createdAt: '2026-10-30T09:00:00Z',
    updatedAt: '2026-11-02T09:00:00Z',
    author: { __typename: 'User', login: 'alice-nakamura' },
    timelineItems: {
      pageInfo: { hasNextPage: false, endCursor: null },
      nodes: timeline,
    },
    ...overrides,
  };
}

const options = {
  key: 'northwind/payments-api#12',
  repository: 'northwind/payments-api',
  approvalLabel: 'change-approved',
};

describe('issueEvidence', () => {
  it('makes the body’s sections, the author and the title the ticket’s fields; the author opened it', () => {
    const { ticket } = issueEvidence(issue([]), options);
    expect(ticket).toMatchObject({
      system: 'github-issues',
      key: 'northwind/payments-api#12',
      url: 'https://github.com/northwind/payments-api/issues/12',
      // A body heading named like a field of the issue itself gives way to it.
      fields: {
        Justification: 'Scheme rules',
        author: 'alice-nakamura',
        title: 'Round card fees half-even',
      },
      statusHistory: [
        {
          from: null,
          to: 'open',
          actor: { login: 'alice-nakamura', type: 'User' },
          at: '2026-10-30T09:00:00.000Z',
        },
      ],
    });
    expect(Object.keys(ticket.fields)).not.toContain('Author');
    // A deleted account requested nothing anyone can name.
    expect(
      issueEvidence(issue([], { author: null }), options).ticket.fields.author,
    ).toBeNull();
  });

  it('records adding the approval label as an approval and removing it as a rejection, each by its actor at its time', () => {
    const label = (
      __typename: 'LabeledEvent' | 'UnlabeledEvent',
      id: string,
      name: string,
      login: string,
      createdAt: string,
    ): GraphqlTimelineItem => ({
      __typename,
      id,
      createdAt,
      actor: { __typename: 'User', login },
      label: { name },
    });
    const { approvals } = issueEvidence(
      issue([
        label(
          'LabeledEvent',
          'LE_1',
          'bug',
          'bob-okafor',
          '2026-10-31T09:00:00Z',
        ),
        label(
          'LabeledEvent',
          'LE_2',
          'Change-Approved',
          'grace-mensah',
          '2026-11-01T10:00:00Z',
        ),
        label(
          'UnlabeledEvent',
          'UE_3',
          'change-approved',
          'priya-raman',
          '2026-11-01T11:00:00Z',
        ),
        label(
          'LabeledEvent',
          'LE_4',
          'change-approved',
          'priya-raman',
          '2026-11-01T12:00:00Z',
        ),
      ]),
      options,
    );
    expect(approvals).toEqual([
      {
        id: 'LE_2',
        source: 'github-issue-label',
        approver: { login: 'grace-mensah', type: 'User' },
        approvedAt: '2026-11-01T10:00:00.000Z',
        state: 'approved',
        scope: { ticketKey: 'northwind/payments-api#12' },
      },
      expect.objectContaining({
        id: 'UE_3',
        approver: { login: 'priya-raman', type: 'User' },
        state: 'rejected',
      }),
      expect.objectContaining({ id: 'LE_4', state: 'approved' }),
    ]);
    expect(
      issueEvidence(
        issue([
          label(
            'LabeledEvent',
            'LE_5',
            'cab-ok',
            'grace-mensah',
            '2026-11-01T10:00:00Z',
          ),
        ]),
        { ...options, approvalLabel: 'CAB-OK' },
      ).approvals.map(a => a.id),
    ).toEqual(['LE_5']);
  });

  it('links back to the PRs that mention it, those linked to it and not unlinked, and those its body names', () => {
    const at = '2026-11-02T09:00:00Z';
    const { ticket } = issueEvidence(
      issue(
        [
          {
            __typename: 'CrossReferencedEvent',
            id: 'CR_1',
            createdAt: at,
            source: pull('northwind/payments-api', 21),
          },
          {
            __typename: 'CrossReferencedEvent',
            id: 'CR_2',
            createdAt: at,
            source: self,
          },
          {
            __typename: 'ConnectedEvent',
            id: 'CE_1',
            createdAt: at,
            source: pull('northwind/web-app', 3),
            subject: self,
          },
          {
            __typename: 'ConnectedEvent',
            id: 'CE_2',
            createdAt: at,
            source: self,
            subject: pull('northwind/payments-api', 22),
          },
          {
            __typename: 'DisconnectedEvent',
            id: 'DE_2',
            createdAt: at,
            source: self,
            subject: pull('northwind/payments-api', 22),
          },
        ],
        {
          body: [
            '## Rollback plan',
            'Revert #23, or https://github.com/northwind/ledger/pull/7/files.',
            'Not https://elsewhere.example/northwind/ledger/pull/8, not `#24`,',
            '<!-- not #25 -->',
            '```',
            'northwind/ledger#26',
            '```',
            'See northwind/ledger#9 and issue page#27.',
          ].join('\n'),
        },
      ),
      options,
    );
    expect(ticket.links.sort()).toEqual([
      'northwind/ledger#7',
      'northwind/ledger#9',
      'northwind/payments-api#21',
      'northwind/payments-api#23',
      'northwind/web-app#3',
    ]);
  });
});
