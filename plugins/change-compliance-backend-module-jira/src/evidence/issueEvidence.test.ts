import { mockServices } from '@backstage/backend-test-utils';
import { JiraApi } from '../client/JiraApi';
import { JiraHistory, JiraIssue, JiraRemoteLink } from '../client/shapes';
import { IssueReader } from '../sync/IssueReader';
import { IssueEvidence, issueEvidence } from './issueEvidence';
import datacenterIssue from '../__fixtures__/issue-datacenter-v2-changelog.json';
import cloudSearchPage from '../__fixtures__/search-cloud-v3-page.json';
import cloudChangelog from '../__fixtures__/changelog-cloud-v3-PAY-90.json';
import cloudRemoteLinks from '../__fixtures__/remotelinks-cloud-v3-PAY-90.json';

/*
 * Jira's own answer shapes, as recorded from Jira Data Center (REST v2, `expand=changelog`) and
 * Jira Cloud (REST v3: enhanced search, the changelog resource, remote links), with this
 * organisation's content: the status history and the approvals must come out of them as a
 * person reading the issue's History tab would tell them.
 */

const STATUSES = {
  approved: ['Approved', 'Approved for release'],
  rejected: ['Rejected'],
};
const MAPPED = [
  'description',
  'reporter',
  'customfield_10101',
  'customfield_10102',
  'customfield_10103',
];
const FIELD_IDS = new Map(MAPPED.map(field => [field, field]));

const alice = {
  login: 'jira:alice.nakamura',
  type: 'User',
  email: 'alice.nakamura@northwind.example',
};
const grace = {
  login: 'jira:grace.mensah',
  type: 'User',
  email: 'grace.mensah@northwind.example',
};

describe('a Data Center issue with its changelog (REST v2)', () => {
  const evidence = issueEvidence({
    issue: datacenterIssue as JiraIssue,
    histories: datacenterIssue.changelog.histories as JiraHistory[],
    remoteLinks: [],
    fieldIds: FIELD_IDS,
    siteUrl: 'https://jira.northwind.example/',
    statuses: STATUSES,
  });

  it('tells the workflow status moves in order, with who made each and when, in UTC', () => {
    expect(evidence.ticket.statusHistory).toEqual([
      {
        from: 'To Do',
        to: 'In Progress',
        actor: alice,
        at: '2026-10-28T09:02:13.551Z',
      },
      {
        from: 'In Progress',
        to: 'Approved',
        actor: grace,
        at: '2026-11-02T11:30:05.013Z',
      },
      {
        from: 'Approved',
        to: 'Done',
        actor: alice,
        at: '2026-11-02T15:05:11.902Z',
      },
    ]);
  });

  it('takes the move into the approved status as the approval, and nothing else', () => {
    // The anonymous history sets a custom field that is also called "Status": not the workflow.
    expect(evidence.approvals).toEqual([
      {
        id: 'PAY-88/73010',
        source: 'jira-transition',
        approver: grace,
        approvedAt: '2026-11-02T11:30:05.013Z',
        state: 'approved',
        scope: { ticketKey: 'PAY-88' },
      },
    ]);
  });

  it('reads the mapped fields as text, wiki markup as written, whitespace kept for the check to judge', () => {
    expect(evidence.ticket).toMatchObject({
      system: 'jira',
      key: 'PAY-88',
      url: 'https://jira.northwind.example/browse/PAY-88',
      type: 'Change',
      priority: 'High',
      fields: {
        description:
          'h2. Change\nCard fees are rounded half-up; the scheme rules require half-even.\n\n*Customers affected:* all card payments.',
        reporter: 'Alice Nakamura',
        customfield_10101:
          'Scheme compliance: customers are over-charged by up to one cent.',
        customfield_10102:
          'Merge after review; the pipeline deploys to staging, then production.',
        customfield_10103: '   ',
      },
      links: [],
    });
  });
});

/** Jira Cloud as the fixtures recorded it: one search page, one changelog, one issue's links. */
function recordedCloud(): JiraApi & { changelogsRead: string[] } {
  const changelogsRead: string[] = [];
  return {
    changelogsRead,
    search: async () => ({ issues: cloudSearchPage.issues as JiraIssue[] }),
    changelog: async key => {
      changelogsRead.push(key);
      return cloudChangelog.values as JiraHistory[];
    },
    remoteLinks: async key =>
      key === 'PAY-90' ? (cloudRemoteLinks as JiraRemoteLink[]) : [],
    timeZone: async () => 'Europe/London',
    fields: async () => [],
  };
}

describe('a Jira Cloud search page (REST v3, ADF)', () => {
  let api: ReturnType<typeof recordedCloud>;
  let read: IssueEvidence[];

  beforeAll(async () => {
    api = recordedCloud();
    read = [];
    await new IssueReader({
      api,
      siteUrl: 'https://northwind.atlassian.net',
      statuses: STATUSES,
      mappedFields: MAPPED,
      logger: mockServices.logger.mock(),
    }).read('key in (PAY-90, PAY-91)', async page => {
      read.push(...page);
    });
  });

  it('reads the whole changelog of the issue whose expanded changelog Jira cut short, and only that', () => {
    expect(api.changelogsRead).toEqual(['PAY-90']);
    expect(
      read[0].ticket.statusHistory.map(s => `${s.from} > ${s.to}`),
    ).toEqual([
      'To Do > In Progress',
      'In Progress > Approved',
      'Approved > Done',
    ]);
    expect(read[0].approvals).toEqual([
      {
        id: 'PAY-90/81007',
        source: 'jira-transition',
        approver: {
          login: 'jira:712020:0f3c5a7e-9b1d-4c2e-8a44-6d2f0b9e1a77',
          type: 'User',
          email: 'grace.mensah@northwind.example',
        },
        approvedAt: '2026-11-04T13:45:00.000Z',
        state: 'approved',
        scope: { ticketKey: 'PAY-90' },
      },
    ]);
  });

  it('turns ADF into the text a person reads; a template prompt alone is no content', () => {
    expect(read[0].ticket.fields).toEqual({
      description:
        'What changes\n\nSettlement files are split per acquirer; @Grace Mensah asked for it in https://northwind.atlassian.net/wiki/spaces/PAY/pages/1234.\n\n- Acquirer A\n- Acquirer B\nfrom December',
      reporter: 'Alice Nakamura',
      customfield_10101: 'Reconciliation takes a day of manual work per month.',
      customfield_10102: 'Deploy through the pipeline:\n\nmake release',
      customfield_10103: '',
    });
    expect(read[1].ticket.fields).toEqual({
      description: null,
      reporter: 'Alice Nakamura',
      customfield_10101: null,
      customfield_10102: '',
      customfield_10103: 'Redeploy the previous release.',
    });
  });

  it('links back through the remote links', () => {
    expect(read[0].ticket.links).toEqual([
      'https://github.com/northwind/payments-api/pull/41',
      'https://northwind.atlassian.net/wiki/spaces/PAY/pages/1234',
    ]);
  });

  it('records a rejection, an approval by an app as a bot, and no second approval for a move between approved statuses', () => {
    expect(read[1].ticket).toMatchObject({ type: 'Bug', priority: 'Highest' });
    expect(
      read[1].approvals.map(a => ({
        state: a.state,
        by: a.approver,
        at: a.approvedAt,
      })),
    ).toEqual([
      {
        state: 'rejected',
        // The account hides its e-mail address: it stays unknown to the catalog.
        by: { login: 'jira:5f0a11ce0000000000000009', type: 'User' },
        at: '2026-11-03T10:00:00.000Z',
      },
      {
        state: 'approved',
        by: {
          login: 'jira:557058:f58131cb-b67d-43c7-b30d-6b58d40bd077',
          type: 'Bot',
        },
        at: '2026-11-04T11:00:00.000Z',
      },
    ]);
  });
});
