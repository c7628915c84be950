import { HttpException, Version2Client, Version3Client } from 'jira.js';
import { sampleOrganisation } from '../__testUtils__/sampleOrganisation';
import { createSimulator, Simulator } from './app';
import { DEMO_CREDENTIALS } from './credentials';

describe('Jira REST API', () => {
  let sim: Simulator;
  let base: string;
  let v2: Version2Client;
  let v3: Version3Client;

  const authentication = {
    basic: {
      email: DEMO_CREDENTIALS.jira.email,
      apiToken: DEMO_CREDENTIALS.jira.apiToken,
    },
  };

  /** The status and body of a request that jira.js rejected. */
  async function failureOf(request: Promise<unknown>) {
    try {
      await request;
    } catch (error) {
      const http = error as HttpException & { response?: { data?: unknown } };
      return { status: http.status, body: http.response?.data as any };
    }
    throw new Error('expected the request to fail');
  }

  beforeAll(async () => {
    sim = createSimulator({ organisation: sampleOrganisation() });
    base = await sim.listen();
    v2 = new Version2Client({ host: `${base}/jira`, authentication });
    v3 = new Version3Client({ host: `${base}/jira`, authentication });
  });

  afterAll(async () => {
    await sim.close();
  });

  beforeEach(() => {
    sim.requestLog.reset();
    sim.faults.clear();
  });

  it('pages through a project search with startAt, one request per page', async () => {
    const keys: string[] = [];
    let startAt = 0;
    let total = Infinity;
    while (startAt < total) {
      const page = await v2.issueSearch.searchForIssuesUsingJql({
        jql: 'project = PAY ORDER BY key',
        startAt,
        maxResults: 20,
        fields: ['summary', 'status'],
      });
      total = page.total!;
      expect(page.maxResults).toBe(20);
      keys.push(...page.issues!.map(issue => issue.key!));
      startAt += page.maxResults!;
    }

    expect(total).toBe(75);
    expect(keys).toEqual(Array.from({ length: 75 }, (_, i) => `PAY-${i + 1}`));
    expect(
      sim.requestLog.total({ routePrefix: 'GET /jira/rest/api/2/search' }),
    ).toBe(4);
  });

  it('answers the POST search with the fields asked for only', async () => {
    const page = await v3.issueSearch.searchForIssuesUsingJqlPost({
      jql: 'key in (PAY-3, pay-1) ORDER BY key DESC',
      fields: ['summary'],
    });

    expect(page.total).toBe(2);
    expect(page.issues!.map(issue => issue.key)).toEqual(['PAY-3', 'PAY-1']);
    expect(Object.keys(page.issues![0].fields)).toEqual(['summary']);
    expect(
      sim.requestLog.total({ routePrefix: 'POST /jira/rest/api/3/search' }),
    ).toBe(1);
  });

  it('pages through the enhanced search by nextPageToken, ids only unless fields are asked for', async () => {
    const keys: string[] = [];
    let nextPageToken: string | undefined;
    do {
      const page = await v3.issueSearch.searchForIssuesUsingJqlEnhancedSearch({
        jql: 'project = PAY ORDER BY key',
        maxResults: 20,
        fields: ['summary'],
        nextPageToken,
      });
      keys.push(...page.issues!.map(issue => issue.key!));
      // jira.js's types lack `isLast`, which Cloud sends.
      expect((page as { isLast?: boolean }).isLast).toBe(
        page.nextPageToken === undefined,
      );
      nextPageToken = page.nextPageToken;
    } while (nextPageToken);

    expect(keys).toEqual(Array.from({ length: 75 }, (_, i) => `PAY-${i + 1}`));
    expect(
      sim.requestLog.total({ routePrefix: 'GET /jira/rest/api/3/search/jql' }),
    ).toBe(4);

    const idsOnly = await v3.issueSearch.searchForIssuesUsingJqlEnhancedSearch({
      jql: 'key = PAY-5',
    });
    expect(idsOnly.issues).toEqual([{ id: '20005' }]);
    expect((idsOnly as { isLast?: boolean }).isLast).toBe(true);
  });

  it('refuses an unbounded query on the enhanced search', async () => {
    const failure = await failureOf(
      v3.issueSearch.searchForIssuesUsingJqlEnhancedSearch({
        jql: 'ORDER BY key',
      }),
    );
    expect(failure.status).toBe(400);
    expect(failure.body.errorMessages[0]).toMatch(/Unbounded JQL/);
  });

  it('filters by absolute and relative dates, in the requested order', async () => {
    const search = async (jql: string) =>
      v2.issueSearch.searchForIssuesUsingJql({
        jql,
        maxResults: 100,
        fields: ['updated'],
      });

    // Issue n was updated n hours and 50 minutes after 2026-06-01 00:00 UTC.
    const since10 = await search(
      'project = PAY AND updated >= "2026-06-01 10:00"',
    );
    expect(since10.total).toBe(66);
    expect(
      since10.issues!.every(i => i.fields.updated >= '2026-06-01T10:00'),
    ).toBe(true);

    // Issue n was created n hours minus 100 minutes after midnight: only PAY-1 the day before.
    expect((await search('created >= "2026-06-01"')).total).toBe(74);
    expect(
      (await search('created < 2026/06/01')).issues!.map(i => i.key),
    ).toEqual(['PAY-1']);

    // The simulated now is 2026-06-04 13:00 (75 hours + 10 hours after midnight on June 1).
    const lastDay = await search('UPDATED > -1d order by UPDATED desc');
    expect(lastDay.total).toBe(15);
    expect(lastDay.issues![0].key).toBe('PAY-75');
    expect(lastDay.issues![14].key).toBe('PAY-61');
    expect((await search('updated >= "-10h"')).issues!.map(i => i.key)).toEqual(
      ['PAY-75'],
    );
    expect((await search('updated >= -1w')).total).toBe(75);
  });

  it('rejects JQL outside the supported subset with Jira’s 400', async () => {
    for (const jql of [
      'status = Done',
      'project = PAY OR project = ACC',
      'updated >= startOfDay()',
      'project = PAY AND',
      'updated >= "yesterday"',
      'project = PAY ORDER BY priority',
    ]) {
      const failure = await failureOf(
        v2.issueSearch.searchForIssuesUsingJql({ jql }),
      );
      expect(failure.status).toBe(400);
      expect(failure.body.errorMessages[0]).toMatch(
        /^Error in the JQL Query: /,
      );
      expect(failure.body.errors).toEqual({});
    }
  });

  it('treats an unknown project as an error, or as a warning with validateQuery=warn', async () => {
    const strict = await failureOf(
      v2.issueSearch.searchForIssuesUsingJql({ jql: 'project in (PAY, ACC)' }),
    );
    expect(strict.status).toBe(400);
    expect(strict.body.errorMessages).toEqual([
      "The value 'ACC' does not exist for the field 'project'.",
    ]);

    const warned = await v2.issueSearch.searchForIssuesUsingJql({
      jql: 'project in (PAY, ACC) AND key = PAY-2',
      validateQuery: 'warn',
    });
    expect(warned.total).toBe(1);
    expect(warned.warningMessages).toEqual([
      "The value 'ACC' does not exist for the field 'project'.",
    ]);
  });

  it('returns an issue with its changelog and plain-text fields in v2', async () => {
    const issue = await v2.issues.getIssue({
      issueIdOrKey: 'PAY-7',
      expand: 'changelog',
    });

    expect(issue.id).toBe('20007');
    expect(issue.fields.summary).toBe('Change 7');
    expect(issue.fields.description).toBe('Why change 7 is needed.');
    expect(issue.fields.customfield_10101).toBe('Customers asked for it');
    expect(issue.fields.customfield_10103).toBe('TBD');
    expect(issue.fields.status.name).toBe('Done');
    expect(issue.fields.status.statusCategory?.key).toBe('done');
    expect(issue.fields.issuetype?.name).toBe('Story');
    expect(issue.fields.priority.name).toBe('Medium');
    expect(issue.fields.project).toMatchObject({
      id: '10000',
      key: 'PAY',
      name: 'Payments',
    });
    expect(issue.fields.reporter).toMatchObject({
      accountId: 'acc-alice',
      displayName: 'Alice',
    });
    expect(issue.fields.created).toBe('2026-06-01T05:20:00.000+0000');
    expect(issue.fields.updated).toBe('2026-06-01T07:50:00.000+0000');

    expect(issue.changelog).toMatchObject({ startAt: 0, total: 1 });
    expect(issue.changelog!.histories).toEqual([
      {
        id: '30007',
        author: expect.objectContaining({
          accountId: 'acc-grace',
          displayName: 'Grace',
          emailAddress: 'grace@example.com',
          active: true,
        }),
        created: '2026-06-01T07:25:00.000+0000',
        items: [
          expect.objectContaining({
            field: 'status',
            fieldtype: 'jira',
            fromString: 'In Review',
            toString: 'Approved',
          }),
        ],
      },
    ]);
  });

  it('narrows an issue to the fields asked for, and leaves out the changelog unless expanded', async () => {
    const issue = await v2.issues.getIssue({
      issueIdOrKey: '20003',
      fields: ['summary', 'customfield_10102', 'nosuchfield'],
    });
    expect(issue.key).toBe('PAY-3');
    expect(issue.fields).toEqual({
      summary: 'Change 3',
      customfield_10102: 'Deploy with the pipeline',
    });
    expect(issue.changelog).toBeUndefined();
  });

  it('renders the description and text custom fields as ADF in v3', async () => {
    const issue = await v3.issues.getIssue({ issueIdOrKey: 'PAY-2' });

    expect(issue.fields.description).toEqual({
      type: 'doc',
      version: 1,
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'Why change 2 is needed.' }],
        },
      ],
    });
    expect(issue.fields.customfield_10102).toEqual({
      type: 'doc',
      version: 1,
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'Deploy with the pipeline' }],
        },
      ],
    });
    expect(issue.fields.summary).toBe('Change 2');
  });

  it('pages the changelog endpoint', async () => {
    const changelog = await v3.issues.getChangeLogs({
      issueIdOrKey: 'PAY-4',
      maxResults: 10,
    });
    expect(changelog).toMatchObject({
      startAt: 0,
      maxResults: 10,
      total: 1,
      isLast: true,
    });
    expect(changelog.values![0].author?.accountId).toBe('acc-grace');
    expect(changelog.values![0].items![0].toString).toBe('Approved');
  });

  it('lists remote links', async () => {
    const links = await v2.issueRemoteLinks.getRemoteIssueLinks({
      issueIdOrKey: 'PAY-12',
    });
    expect(links).toEqual([
      expect.objectContaining({
        id: 40012,
        self: `${base}/jira/rest/api/2/issue/PAY-12/remotelink/40012`,
        object: expect.objectContaining({
          url: 'https://github.com/northwind/payments-api/pull/12',
          title: 'PR #12',
        }),
      }),
    ]);
  });

  it('answers 404 for an issue that does not exist', async () => {
    for (const request of [
      v2.issues.getIssue({ issueIdOrKey: 'PAY-999' }),
      v3.issueRemoteLinks.getRemoteIssueLinks({ issueIdOrKey: 'NOPE-1' }),
    ]) {
      const failure = await failureOf(request);
      expect(failure.status).toBe(404);
      expect(failure.body).toEqual({
        errorMessages: [
          'Issue does not exist or you do not have permission to see it.',
        ],
        errors: {},
      });
    }
  });

  it('describes the caller, the fields and the server', async () => {
    const myself = await v3.myself.getCurrentUser();
    expect(myself.emailAddress).toBe(DEMO_CREDENTIALS.jira.email);
    expect(myself.active).toBe(true);

    const fields = await v2.issueFields.getFields();
    const names = Object.fromEntries(
      fields.map(field => [field.id, field.name]),
    );
    expect(names).toMatchObject({
      summary: 'Summary',
      customfield_10101: 'Business justification',
      customfield_10102: 'Implementation plan',
      customfield_10103: 'Rollback plan',
    });
    expect(fields.find(field => field.id === 'customfield_10101')?.custom).toBe(
      true,
    );

    const server = await v2.serverInfo.getServerInfo();
    expect(server.deploymentType).toBe('Cloud');
    expect(server.baseUrl).toBe(`${base}/jira`);
  });

  it('gives unknown custom fields a generic name', async () => {
    const organisation = sampleOrganisation(2);
    organisation.jira.issues[0].customFields.customfield_12345 = 'x';
    sim.setOrganisation(organisation);
    try {
      const fields = await v2.issueFields.getFields();
      expect(fields.find(field => field.id === 'customfield_12345')?.name).toBe(
        'Custom field customfield_12345',
      );
    } finally {
      sim.setOrganisation(sampleOrganisation());
    }
  });

  it('answers 401 to wrong credentials', async () => {
    const intruder = new Version2Client({
      host: `${base}/jira`,
      authentication: {
        basic: { email: DEMO_CREDENTIALS.jira.email, apiToken: 'wrong' },
      },
    });
    const failure = await failureOf(
      intruder.issues.getIssue({ issueIdOrKey: 'PAY-1' }),
    );
    expect(failure.status).toBe(401);
  });

  it('repeats an item on the second page when the list shifts between pages', async () => {
    sim.faults.set([{ path: 'search', kind: 'shifting-pages' }]);
    const page = (startAt: number) =>
      v2.issueSearch.searchForIssuesUsingJql({
        jql: 'project = PAY ORDER BY key',
        startAt,
        maxResults: 20,
        fields: ['summary'],
      });
    const first = await page(0);
    const second = await page(20);
    const firstKeys = first.issues!.map(issue => issue.key);
    const secondKeys = second.issues!.map(issue => issue.key);

    expect(firstKeys).toHaveLength(20);
    expect(secondKeys).toHaveLength(20);
    expect(secondKeys[0]).toBe(firstKeys[19]);
    expect(second.total).toBe(76);
  });
});
