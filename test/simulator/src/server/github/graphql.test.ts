import { Octokit } from '@octokit/rest';
import {
  sampleOrganisation,
  sampleSha,
} from '../../__testUtils__/sampleOrganisation';
import { Organisation } from '../../model';
import { buildOrganisation, scenarioSchema } from '../../scenario';
import { ScenarioDocument } from '../../scenario/schema';
import { createSimulator, Simulator } from '../app';
import { DEMO_CREDENTIALS } from '../credentials';

// The sample organisation's shas: `a0…` the root, `b…<n>` PR n's commit, `c…<n>` its merge.
const sha = sampleSha;

const owner = 'northwind';
const repo = 'payments-api';

/** The query a batch sync runs: a page of merged PRs with their reviews and commits. */
const MERGED_PULLS = /* GraphQL */ `
  query MergedPullRequests(
    $owner: String!
    $name: String!
    $pageSize: Int!
    $cursor: String
    $nested: Int!
  ) {
    repository(owner: $owner, name: $name) {
      pullRequests(
        first: $pageSize
        after: $cursor
        states: [MERGED]
        orderBy: { field: UPDATED_AT, direction: ASC }
      ) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          number
          state
          mergedAt
          author {
            __typename
            login
          }
          mergeCommit {
            oid
          }
          reviews(first: $nested) {
            totalCount
            pageInfo {
              hasNextPage
              endCursor
            }
            nodes {
              databaseId
              author {
                login
              }
              state
              commit {
                oid
              }
            }
          }
          commits(first: $nested) {
            totalCount
            pageInfo {
              hasNextPage
            }
            nodes {
              commit {
                oid
                messageHeadline
                author {
                  email
                  user {
                    login
                  }
                }
                parents(first: 2) {
                  nodes {
                    oid
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`;

interface Connection<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: T[];
}

interface ReviewNode {
  databaseId: number;
  author: { login: string };
  state: string;
  commit: { oid: string } | null;
}

interface PullNode {
  number: number;
  state: string;
  mergedAt: string;
  author: { __typename: string; login: string };
  mergeCommit: { oid: string } | null;
  reviews: Connection<ReviewNode>;
  commits: Connection<{
    commit: {
      oid: string;
      messageHeadline: string;
      author: { email: string; user: { login: string } | null };
      parents: { nodes: { oid: string }[] };
    };
  }>;
}

interface MergedPullsResult {
  repository: { pullRequests: Connection<PullNode> };
}

/** What a rejected GraphQL call carried: Octokit's GraphqlResponseError or RequestError. */
async function failureOf(request: Promise<unknown>) {
  try {
    await request;
  } catch (error) {
    return error as {
      status?: number;
      errors?: { type?: string; path?: string[]; message: string }[];
      data?: any;
      response?: { data?: any };
    };
  }
  throw new Error('expected the request to fail');
}

/** Every merged PR, one GraphQL request per page. */
async function allMergedPulls(octokit: Octokit, pageSize: number) {
  const pulls: PullNode[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page: MergedPullsResult = await octokit.graphql(MERGED_PULLS, {
      owner,
      name: repo,
      pageSize,
      cursor,
      nested: 2,
    });
    pulls.push(...page.repository.pullRequests.nodes);
    if (!page.repository.pullRequests.pageInfo.hasNextPage) return pulls;
    cursor = page.repository.pullRequests.pageInfo.endCursor;
  }
}

describe('GitHub GraphQL API', () => {
  let sim: Simulator;
  let base: string;
  let octokit: Octokit;

  const graphqlRoutes = () =>
    Object.entries(sim.requestLog.snapshot('default').default ?? {}).filter(
      ([route]) => route.startsWith('POST /api/graphql'),
    );

  beforeAll(async () => {
    sim = createSimulator({ organisation: sampleOrganisation() });
    base = await sim.listen();
    // A GHES base URL: Octokit posts GraphQL to <host>/api/graphql.
    octokit = new Octokit({
      baseUrl: `${base}/api/v3`,
      auth: DEMO_CREDENTIALS.githubToken,
    });
  });

  afterAll(async () => {
    await sim.close();
  });

  beforeEach(() => {
    sim.requestLog.reset();
  });

  it('pages through the 75 merged PRs 25 at a time with their reviews and commits, one request per page', async () => {
    const pulls = await allMergedPulls(octokit, 25);

    expect(pulls.map(pr => pr.number)).toEqual(
      Array.from({ length: 75 }, (_, i) => i + 1),
    );
    expect(graphqlRoutes()).toEqual([
      ['POST /api/graphql MergedPullRequests', 3],
    ]);
    const pr7 = pulls[6];
    expect(pr7).toMatchObject({
      state: 'MERGED',
      author: { __typename: 'User', login: 'alice' },
      mergeCommit: { oid: sha('c', 7) },
      reviews: {
        totalCount: 1,
        pageInfo: { hasNextPage: false },
        nodes: [
          {
            databaseId: 1007,
            author: { login: 'bob' },
            state: 'APPROVED',
            commit: { oid: sha('b', 7) },
          },
        ],
      },
      commits: {
        totalCount: 1,
        pageInfo: { hasNextPage: false },
        nodes: [
          {
            commit: {
              oid: sha('b', 7),
              messageHeadline: 'PAY-7 Change 7',
              author: { email: 'alice@example.com', user: { login: 'alice' } },
              parents: { nodes: [{ oid: sha('c', 6) }] },
            },
          },
        ],
      },
    });
    // GitHub prints times without milliseconds.
    expect(pr7.mergedAt).toBe('2026-06-01T07:30:00Z');
  });

  it('orders by UPDATED_AT descending and pages backwards with last/before', async () => {
    const query = `query($before: String) {
      repository(owner: "${owner}", name: "${repo}") {
        newest: pullRequests(first: 3, orderBy: { field: UPDATED_AT, direction: DESC }) {
          nodes { number }
        }
        tail: pullRequests(last: 2, before: $before) {
          nodes { number }
          pageInfo { hasPreviousPage hasNextPage startCursor }
        }
      }
    }`;
    const first: any = await octokit.graphql(query, { before: null });
    expect(first.repository.newest.nodes).toEqual([
      { number: 75 },
      { number: 74 },
      { number: 73 },
    ]);
    expect(first.repository.tail.nodes).toEqual([
      { number: 74 },
      { number: 75 },
    ]);
    const earlier: any = await octokit.graphql(query, {
      before: first.repository.tail.pageInfo.startCursor,
    });
    expect(earlier.repository.tail.nodes).toEqual([
      { number: 72 },
      { number: 73 },
    ]);
    expect(earlier.repository.tail.pageInfo).toMatchObject({
      hasPreviousPage: true,
      hasNextPage: true,
    });
  });

  it('resolves a merge commit by oid to the PR it merged', async () => {
    const result: any = await octokit.graphql(
      `query($owner: String!, $name: String!, $oid: GitObjectID!) {
        repository(owner: $owner, name: $name) {
          object(oid: $oid) {
            __typename
            ... on Commit {
              oid
              associatedPullRequests(first: 5) { nodes { number mergeCommit { oid } } }
            }
          }
          main: object(expression: "main") { oid }
          missing: object(oid: "${'f'.repeat(40)}") { oid }
        }
      }`,
      { owner, name: repo, oid: sha('c', 12) },
    );
    expect(result.repository.object).toEqual({
      __typename: 'Commit',
      oid: sha('c', 12),
      associatedPullRequests: {
        nodes: [{ number: 12, mergeCommit: { oid: sha('c', 12) } }],
      },
    });
    expect(result.repository.main).toEqual({ oid: sha('c', 75) });
    expect(result.repository.missing).toBeNull();
  });

  it('answers an unknown repository with a NOT_FOUND error beside null data', async () => {
    const failure = await failureOf(
      octokit.graphql(
        `{ repository(owner: "northwind", name: "nope") { name } }`,
      ),
    );
    expect(failure.errors).toEqual([
      expect.objectContaining({
        type: 'NOT_FOUND',
        path: ['repository'],
        message:
          "Could not resolve to a Repository with the name 'northwind/nope'.",
      }),
    ]);
    expect(failure.data).toEqual({ repository: null });
    // An anonymous query is logged under its first field.
    expect(graphqlRoutes()).toEqual([['POST /api/graphql repository', 1]]);
  });

  it('refuses a page of more than 100 nodes before running the query', async () => {
    const failure = await failureOf(
      octokit.graphql(MERGED_PULLS, {
        owner,
        name: repo,
        pageSize: 25,
        nested: 101,
      }),
    );
    expect(failure.errors).toHaveLength(2);
    expect(failure.errors![0]).toMatchObject({
      type: 'EXCESSIVE_PAGINATION',
      message:
        'Requesting 101 records on the `reviews` connection exceeds the `first` limit of 100 records.',
    });
    expect(failure.data).toBeUndefined();
  });

  it('requires first or last on every connection', async () => {
    const failure = await failureOf(
      octokit.graphql(`{ repository(owner: "${owner}", name: "${repo}") {
        pullRequests(states: [MERGED]) { totalCount } } }`),
    );
    expect(failure.errors).toEqual([
      expect.objectContaining({ type: 'MISSING_PAGINATION_BOUNDARIES' }),
    ]);
  });

  it('answers a syntax error with 400 and a schema error with 200, both with errors', async () => {
    const syntax = await failureOf(octokit.graphql(`{ repository(owner: `));
    expect(syntax.status).toBe(400);
    expect(syntax.response?.data.errors[0].message).toMatch(/Syntax Error/);

    const unknownField = await failureOf(
      octokit.graphql(
        `{ repository(owner: "${owner}", name: "${repo}") { stars } }`,
      ),
    );
    expect(unknownField.errors?.[0].message).toMatch(/stars/);
  });

  it('refuses a wrong token with 401 Bad credentials', async () => {
    const stranger = new Octokit({
      baseUrl: `${base}/api/v3`,
      auth: 'ghp_wrong',
    });
    const failure = await failureOf(stranger.graphql(`{ viewer { login } }`));
    expect(failure.status).toBe(401);
    expect(failure.response?.data.message).toBe('Bad credentials');
  });

  it('counts GraphQL against its own budget, one point per request', async () => {
    const post = (query: string) =>
      fetch(`${base}/api/graphql`, {
        method: 'POST',
        headers: {
          authorization: `bearer ${DEMO_CREDENTIALS.githubToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ query }),
      });
    const rateLimitQuery = `{ rateLimit { cost limit remaining used resetAt nodeCount } }`;
    const before = await (await post(rateLimitQuery)).json();
    await octokit.rest.repos.get({ owner, repo });
    const answer = await post(
      `{ rateLimit { cost remaining used nodeCount }
         repository(owner: "${owner}", name: "${repo}") {
           pullRequests(first: 10) { nodes { reviews(first: 5) { totalCount } } } } }`,
    );
    const after = await answer.json();

    expect(answer.headers.get('x-ratelimit-resource')).toBe('graphql');
    expect(Number(answer.headers.get('x-ratelimit-remaining'))).toBe(
      after.data.rateLimit.remaining,
    );
    // The REST request in between spent nothing from the GraphQL budget.
    expect(after.data.rateLimit.used).toBe(before.data.rateLimit.used + 1);
    expect(after.data.rateLimit).toMatchObject({
      cost: 1,
      remaining: before.data.rateLimit.remaining - 1,
      // 10 PRs, and up to 5 reviews for each of them.
      nodeCount: 10 + 10 * 5,
    });
    expect(before.data.rateLimit.resetAt).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );
  });
});

describe('GitHub GraphQL API: nested pagination and associated pull requests', () => {
  let sim: Simulator;
  let octokit: Octokit;
  /** The commit a rebase merge of PR 3 put on main besides its merge commit. */
  const rebased = sha('d', 3);

  /**
   * Three merged PRs; PR 2 has six reviews, more than a page of them, and PR 3 landed a second
   * commit on main that is neither its merge commit nor one of its own commits.
   */
  function organisation(): Organisation {
    const org = sampleOrganisation(3);
    const repository = org.repositories[0];
    const pr2 = repository.pullRequests[1];
    for (let i = 1; i <= 5; i++) {
      pr2.reviews.push({
        id: 2000 + i,
        reviewer: i % 2 ? 'grace' : 'bob',
        state: i === 1 ? 'CHANGES_REQUESTED' : 'COMMENTED',
        commitId: pr2.headSha,
        // Before the sample's own approval (20 minutes after the commit), so listed first.
        submittedAt: new Date(
          Date.parse(pr2.reviews[0].submittedAt) - (6 - i) * 60_000,
        ).toISOString(),
        body: `Comment ${i}`,
      });
    }
    const pr3 = repository.pullRequests[2];
    const merge = repository.commits.find(c => c.sha === pr3.mergeCommitSha)!;
    repository.commits.push({
      ...merge,
      sha: rebased,
      parents: [merge.sha],
      message: 'PAY-3 Follow-up',
    });
    pr3.landedCommits = [merge.sha, rebased];
    repository.pullRequests[0].mergedBy = 'deploy-bot[bot]';
    return org;
  }

  beforeAll(async () => {
    sim = createSimulator({ organisation: organisation() });
    const base = await sim.listen();
    octokit = new Octokit({
      baseUrl: `${base}/api/v3`,
      auth: DEMO_CREDENTIALS.githubToken,
    });
  });

  afterAll(async () => {
    await sim.close();
  });

  it('follows reviews(after:) only for the PR with more reviews than the page', async () => {
    const page: MergedPullsResult = await octokit.graphql(MERGED_PULLS, {
      owner,
      name: repo,
      pageSize: 10,
      nested: 2,
    });
    const pulls = page.repository.pullRequests.nodes;
    expect(
      pulls.map(pr => [
        pr.number,
        pr.reviews.totalCount,
        pr.reviews.pageInfo.hasNextPage,
      ]),
    ).toEqual([
      [1, 1, false],
      [2, 6, true],
      [3, 1, false],
    ]);

    const pr2 = pulls[1];
    const reviews = [...pr2.reviews.nodes];
    let cursor = pr2.reviews.pageInfo.endCursor;
    let followUps = 0;
    while (cursor) {
      const next: {
        repository: { pullRequest: { reviews: Connection<ReviewNode> } };
      } = await octokit.graphql(
        `query MoreReviews($owner: String!, $name: String!, $number: Int!, $cursor: String!) {
          repository(owner: $owner, name: $name) {
            pullRequest(number: $number) {
              reviews(first: 2, after: $cursor) {
                pageInfo { hasNextPage endCursor }
                nodes { databaseId author { login } state commit { oid } }
              }
            }
          }
        }`,
        { owner, name: repo, number: 2, cursor },
      );
      followUps += 1;
      reviews.push(...next.repository.pullRequest.reviews.nodes);
      const info = next.repository.pullRequest.reviews.pageInfo;
      cursor = info.hasNextPage ? info.endCursor : null;
    }

    expect(followUps).toBe(2);
    // Chronological, each once: the five comments, then the approval.
    expect(reviews.map(r => r.databaseId)).toEqual([
      2001, 2002, 2003, 2004, 2005, 1002,
    ]);
    expect(reviews[0]).toMatchObject({
      author: { login: 'grace' },
      state: 'CHANGES_REQUESTED',
    });
  });

  it('filters reviews by state', async () => {
    const result: any = await octokit.graphql(
      `{ repository(owner: "${owner}", name: "${repo}") {
          pullRequest(number: 2) {
            reviews(first: 10, states: [APPROVED, CHANGES_REQUESTED]) {
              totalCount nodes { databaseId } } } } }`,
    );
    expect(result.repository.pullRequest.reviews).toEqual({
      totalCount: 2,
      nodes: [{ databaseId: 2001 }, { databaseId: 1002 }],
    });
  });

  it('renders a bot as a Bot, named without the [bot] suffix as GitHub GraphQL does', async () => {
    const result: any = await octokit.graphql(
      `{ repository(owner: "${owner}", name: "${repo}") {
          pullRequest(number: 1) { mergedBy { __typename login } } } }`,
    );
    expect(result.repository.pullRequest.mergedBy).toEqual({
      __typename: 'Bot',
      login: 'deploy-bot',
    });
  });

  it('associates every commit a merge landed on the base branch with its PR', async () => {
    const result: any = await octokit.graphql(
      `query($oid: GitObjectID!) {
        repository(owner: "${owner}", name: "${repo}") {
          object(oid: $oid) {
            ... on Commit { associatedPullRequests(first: 5) { nodes { number } } }
          }
        }
      }`,
      { oid: rebased },
    );
    expect(result.repository.object.associatedPullRequests.nodes).toEqual([
      { number: 3 },
    ]);
  });
});

describe('GitHub GraphQL API: an exhausted budget', () => {
  let sim: Simulator;
  let octokit: Octokit;

  beforeAll(async () => {
    sim = createSimulator({
      organisation: sampleOrganisation(3),
      githubRateLimit: 1,
    });
    const base = await sim.listen();
    octokit = new Octokit({
      baseUrl: `${base}/api/v3`,
      auth: DEMO_CREDENTIALS.githubToken,
    });
  });

  afterAll(async () => {
    await sim.close();
  });

  it('answers 200 with a RATE_LIMITED error, as GitHub GraphQL does, and leaves REST its own budget', async () => {
    await octokit.graphql(`{ viewer { login } }`);
    const failure = await failureOf(octokit.graphql(`{ viewer { login } }`));
    expect(failure.errors).toEqual([
      expect.objectContaining({ type: 'RATE_LIMITED' }),
    ]);
    const rest = await octokit.rest.repos.get({ owner, repo });
    expect(rest.headers['x-ratelimit-resource']).toBe('core');
  });
});

describe("GitHub GraphQL API: a repository's evidence", () => {
  let sim: Simulator;
  let octokit: Octokit;
  const at = (minutes: number) =>
    new Date(Date.UTC(2026, 5, 1) + minutes * 60_000)
      .toISOString()
      .replace('.000Z', 'Z');

  /**
   * The sample's 75 deployments, the first of a branch deleted since, and a staging environment
   * that needs no review.
   */
  function organisation(): Organisation {
    const org = sampleOrganisation();
    const repository = org.repositories[0];
    repository.deployments[0].ref = 'hotfix/deleted-since';
    repository.environments.push({
      name: 'staging',
      requiredReviewers: [],
      preventSelfReview: false,
    });
    repository.codeowners = '* @northwind/payments-team\n/deploy/ @farid\n';
    return org;
  }

  const variableTypes: Record<string, string> = {
    after: 'String',
    since: 'GitTimestamp',
    until: 'GitTimestamp',
    path: 'String',
    oid: 'GitObjectID',
  };
  const graphqlCount = () =>
    Object.entries(sim.requestLog.snapshot('default').default ?? {})
      .filter(([route]) => route.startsWith('POST /api/graphql'))
      .reduce((sum, [, count]) => sum + (count as number), 0);
  /** `text` inside the sample repository, with the variables it uses. */
  const query = async (text: string, variables: Record<string, unknown> = {}) =>
    (
      (await octokit.graphql(
        `query($owner: String!, $name: String!${Object.keys(variables)
          .map(name => `, $${name}: ${variableTypes[name]}`)
          .join('')}) { repository(owner: $owner, name: $name) { ${text} } }`,
        { owner, name: repo, ...variables },
      )) as { repository: any }
    ).repository;

  beforeAll(async () => {
    sim = createSimulator({ organisation: organisation() });
    const base = await sim.listen();
    octokit = new Octokit({
      baseUrl: `${base}/api/v3`,
      auth: DEMO_CREDENTIALS.githubToken,
    });
  });

  afterAll(async () => {
    await sim.close();
  });

  beforeEach(() => {
    sim.requestLog.reset();
  });

  it('resolves a workflow run URL to the run, with its deployment reviews; other URLs to nothing', async () => {
    const deployment = sim
      .organisation()
      .repositories[0].deployments.find(d => d.reviews.length > 0)!;
    const result: any = await octokit.graphql(
      `query($run: URI!, $job: URI!, $pull: URI!, $elsewhere: URI!) {
        run: resource(url: $run) {
          __typename
          ... on WorkflowRun {
            databaseId
            resourcePath
            deploymentReviews(first: 10) {
              nodes { state comment user { login } environments(first: 5) { nodes { name } } }
            }
          }
        }
        job: resource(url: $job) { ... on WorkflowRun { databaseId } }
        pull: resource(url: $pull) { __typename }
        elsewhere: resource(url: $elsewhere) { __typename }
      }`,
      {
        run: `https://github.example/${owner}/${repo}/actions/runs/${deployment.id}`,
        job: `https://github.com/${owner}/${repo}/actions/runs/${deployment.id}/job/7`,
        pull: `https://github.example/${owner}/${repo}/pull/1`,
        elsewhere: `https://github.example/${owner}/${repo}/actions/runs/999999`,
      },
    );
    expect(result.run).toEqual({
      __typename: 'WorkflowRun',
      databaseId: deployment.id,
      resourcePath: `/${owner}/${repo}/actions/runs/${deployment.id}`,
      deploymentReviews: {
        nodes: deployment.reviews.map(review => ({
          state: review.state.toUpperCase(),
          comment: review.comment,
          user: { login: review.reviewer },
          environments: { nodes: [{ name: deployment.environment }] },
        })),
      },
    });
    expect(result.job).toEqual({ databaseId: deployment.id });
    expect(result.pull).toBeNull();
    expect(result.elsewhere).toBeNull();
  });

  it('serves the CODEOWNERS file as a Blob at `<rev>:<path>`, and no other path', async () => {
    const repository = await query(`
      codeowners: object(expression: "HEAD:.github/CODEOWNERS") {
        __typename
        ... on Blob { text byteSize isBinary }
      }
      atRoot: object(expression: "HEAD:CODEOWNERS") { __typename }
      head: object(expression: "HEAD") { __typename }
    `);
    expect(repository.codeowners).toEqual({
      __typename: 'Blob',
      text: '* @northwind/payments-team\n/deploy/ @farid\n',
      byteSize: 43,
      isBinary: false,
    });
    expect(repository.atRoot).toBeNull();
    expect(repository.head).toEqual({ __typename: 'Commit' });
  });

  describe('Commit.history', () => {
    /** main's history: each merge, then the PR commit it merged, down to the root. */
    const mainHistory = [
      ...Array.from({ length: 75 }, (_, i) => [
        sha('c', 75 - i),
        sha('b', 75 - i),
      ]).flat(),
      sha('a', 0),
    ];

    it('lists the commit and its ancestors newest first, each once, paged with after', async () => {
      const oids: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const page: any = await query(
          `defaultBranchRef { target { ... on Commit {
            history(first: 100, after: $after) {
              totalCount
              pageInfo { hasNextPage endCursor }
              edges { cursor node { oid } }
            } } } }`,
          { after },
        );
        const history = page.defaultBranchRef.target.history;
        pages += 1;
        expect(history.totalCount).toBe(151);
        oids.push(...history.edges.map((edge: any) => edge.node.oid));
        if (!history.pageInfo.hasNextPage) break;
        after = history.pageInfo.endCursor;
      }
      expect(pages).toBe(2);
      expect(oids).toEqual(mainHistory);
    });

    it('agrees with the REST commit list, including since, until and path', async () => {
      const since = at(70 * 60);
      const until = at(73 * 60);
      const result = await query(
        `object(expression: "main") { ... on Commit {
          window: history(first: 20, since: $since, until: $until) { totalCount nodes { oid committedDate } }
          module: history(first: 20, path: $path) { totalCount nodes { oid } }
          directory: history(first: 1, path: "src/") { totalCount }
          readme: history(first: 5, path: "README.md") { nodes { oid } }
        } }`,
        { since, until, path: 'src/module7.ts' },
      );
      const rest = await octokit.rest.repos.listCommits({
        owner,
        repo,
        since,
        until,
        per_page: 100,
      });
      expect(result.object.window.nodes.map((c: any) => c.oid)).toEqual(
        rest.data.map(c => c.sha),
      );
      // b70 at 70:00 is on the boundary and included; c73 (73:30) is after `until`.
      expect(result.object.window.nodes.map((c: any) => c.oid)).toEqual([
        sha('b', 73),
        sha('c', 72),
        sha('b', 72),
        sha('c', 71),
        sha('b', 71),
        sha('c', 70),
        sha('b', 70),
      ]);
      expect(result.object.window.nodes[0].committedDate).toBe(at(73 * 60));
      // The merge commit carries the change it merged, as in the REST list.
      expect(result.object.module).toEqual({
        totalCount: 2,
        nodes: [{ oid: sha('c', 7) }, { oid: sha('b', 7) }],
      });
      expect(result.object.directory.totalCount).toBe(150);
      expect(result.object.readme.nodes).toEqual([{ oid: sha('a', 0) }]);
    });

    it('starts at the commit asked for and leaves out its descendants; filters by author', async () => {
      const alice = (
        (await octokit.graphql(
          `{ repository(owner: "${owner}", name: "${repo}") { pullRequest(number: 1) { author { ... on User { id } } } } }`,
        )) as any
      ).repository.pullRequest.author.id;
      const result = await query(
        `release: ref(qualifiedName: "refs/heads/release/1.x") { target { ... on Commit {
          history(first: 10) { totalCount nodes { oid } } } } }
        main: defaultBranchRef { target { ... on Commit {
          byId: history(first: 1, author: { id: "${alice}", emails: ["bob@example.com"] }) { totalCount }
          byEmail: history(first: 1, author: { emails: ["ALICE@example.com"] }) { totalCount }
          nobody: history(first: 1, author: { emails: ["bob@example.com"] }) { totalCount }
        } } }`,
      );
      expect(result.release.target.history).toEqual({
        totalCount: 3,
        nodes: [
          { oid: sha('c', 1) },
          { oid: sha('b', 1) },
          { oid: sha('a', 0) },
        ],
      });
      // `id` wins over `emails`, as GitHub documents.
      expect(result.main.target.byId.totalCount).toBe(151);
      expect(result.main.target.byEmail.totalCount).toBe(151);
      expect(result.main.target.nobody.totalCount).toBe(0);
    });

    it('pages backwards with last/before', async () => {
      const tail = await query(
        `defaultBranchRef { target { ... on Commit {
          history(last: 2) { pageInfo { hasPreviousPage startCursor } nodes { oid } } } } }`,
      );
      const history = tail.defaultBranchRef.target.history;
      expect(history.nodes).toEqual([
        { oid: sha('b', 1) },
        { oid: sha('a', 0) },
      ]);
      expect(history.pageInfo.hasPreviousPage).toBe(true);
      const before = await octokit.graphql<any>(
        `query($before: String!) { repository(owner: "${owner}", name: "${repo}") {
          defaultBranchRef { target { ... on Commit {
            history(last: 2, before: $before) { nodes { oid } } } } } } }`,
        { before: history.pageInfo.startCursor },
      );
      expect(before.repository.defaultBranchRef.target.history.nodes).toEqual([
        { oid: sha('b', 2) },
        { oid: sha('c', 1) },
      ]);
    });

    it('refuses a timestamp that is not ISO-8601 before running the query', async () => {
      const failure = await failureOf(
        query(
          `defaultBranchRef { target { ... on Commit { history(first: 1, since: $since) { totalCount } } } }`,
          { since: 'last tuesday' },
        ),
      );
      expect(failure.errors?.[0].message).toMatch(/GitTimestamp/);
      expect(failure.data).toBeUndefined();
    });
  });

  describe('Repository.refs, pushedAt and updatedAt', () => {
    it('lists branches under refs/heads/ alphabetically, with their head and protection', async () => {
      const result = await query(
        `refs(refPrefix: "refs/heads/", first: 10) {
          totalCount
          nodes {
            name prefix
            target { oid }
            branchProtectionRule { pattern requiredApprovingReviewCount }
            associatedPullRequests(first: 1) { totalCount }
          }
        }
        newest: refs(refPrefix: "refs/heads/", first: 1, orderBy: { field: TAG_COMMIT_DATE, direction: DESC }) { nodes { name } }
        oldest: refs(refPrefix: "refs/heads/", first: 1, orderBy: { field: TAG_COMMIT_DATE, direction: ASC }) { nodes { name } }
        releases: refs(refPrefix: "refs/heads/release/", first: 10) { nodes { name prefix } }
        matching: refs(refPrefix: "refs/", first: 10, query: "REL") { nodes { name prefix } }
        tags: refs(refPrefix: "refs/tags/", first: 10) { totalCount nodes { name } }`,
      );
      expect(result.refs).toEqual({
        totalCount: 2,
        nodes: [
          {
            name: 'main',
            prefix: 'refs/heads/',
            target: { oid: sha('c', 75) },
            branchProtectionRule: {
              pattern: 'main',
              requiredApprovingReviewCount: 1,
            },
            associatedPullRequests: { totalCount: 0 },
          },
          {
            name: 'release/1.x',
            prefix: 'refs/heads/',
            target: { oid: sha('c', 1) },
            branchProtectionRule: null,
            associatedPullRequests: { totalCount: 0 },
          },
        ],
      });
      expect(result.newest.nodes).toEqual([{ name: 'main' }]);
      expect(result.oldest.nodes).toEqual([{ name: 'release/1.x' }]);
      // A name is what the prefix leaves of the qualified name.
      expect(result.releases.nodes).toEqual([
        { name: '1.x', prefix: 'refs/heads/release/' },
      ]);
      expect(result.matching.nodes).toEqual([
        { name: 'heads/release/1.x', prefix: 'refs/' },
      ]);
      // The model has no tags.
      expect(result.tags).toEqual({ totalCount: 0, nodes: [] });
    });

    it('serves pushedAt and updatedAt as the REST repository does', async () => {
      const result = await query(`pushedAt updatedAt createdAt`);
      const { data } = await octokit.rest.repos.get({ owner, repo });
      expect(result).toEqual({
        // The last merge.
        pushedAt: at(75 * 60 + 30),
        // The last deployment's success status, after the last merge.
        updatedAt: at(75 * 60 + 45),
        createdAt: at(-1000),
      });
      expect([data.pushed_at, data.updated_at, data.created_at]).toEqual([
        result.pushedAt,
        result.updatedAt,
        result.createdAt,
      ]);
    });
  });

  describe('Repository.deployments', () => {
    const DEPLOYMENT = `
      id databaseId commitOid commit { oid } createdAt updatedAt
      creator { __typename login } description environment originalEnvironment
      latestEnvironment payload ref { name } task state
      latestStatus { id state createdAt logUrl environmentUrl environment creator { login } deployment { databaseId } }
      statuses(first: 10) { totalCount nodes { id state description createdAt } }`;

    it('orders by creation, oldest first unless asked otherwise, and pages both ways', async () => {
      const result = await query(
        `oldest: deployments(first: 3) { totalCount nodes { databaseId } }
        newest: deployments(first: 3, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { databaseId } }
        tail: deployments(last: 2) { pageInfo { hasPreviousPage hasNextPage } nodes { databaseId } }
        production: deployments(first: 1, environments: ["production"]) { totalCount }
        staging: deployments(first: 1, environments: ["staging"]) { totalCount nodes { databaseId } }`,
      );
      expect(result.oldest).toEqual({
        totalCount: 75,
        nodes: [
          { databaseId: 5001 },
          { databaseId: 5002 },
          { databaseId: 5003 },
        ],
      });
      expect(result.newest.nodes).toEqual([
        { databaseId: 5075 },
        { databaseId: 5074 },
        { databaseId: 5073 },
      ]);
      expect(result.tail).toEqual({
        pageInfo: { hasPreviousPage: true, hasNextPage: false },
        nodes: [{ databaseId: 5074 }, { databaseId: 5075 }],
      });
      expect(result.production.totalCount).toBe(75);
      expect(result.staging).toEqual({ totalCount: 0, nodes: [] });
    });

    it('renders a deployment with its latest status and its statuses newest first', async () => {
      const result = await query(
        `deployments(first: 2) { nodes { ${DEPLOYMENT} } }`,
      );
      const [gone, second] = result.deployments.nodes;
      expect(second).toEqual({
        id: expect.any(String),
        databaseId: 5002,
        commitOid: sha('c', 2),
        commit: { oid: sha('c', 2) },
        createdAt: at(2 * 60 + 40),
        updatedAt: at(2 * 60 + 45),
        creator: { __typename: 'Bot', login: 'deploy-bot' },
        description: 'Deploy #2',
        environment: 'production',
        originalEnvironment: 'production',
        latestEnvironment: 'production',
        payload: JSON.stringify({
          service: 'payments-api',
          pipelineRun: 'https://ci.example.com/runs/2',
        }),
        ref: { name: 'main' },
        task: 'deploy',
        state: 'ACTIVE',
        latestStatus: {
          id: expect.any(String),
          state: 'SUCCESS',
          createdAt: at(2 * 60 + 45),
          logUrl: 'https://ci.example.com/runs/2',
          environmentUrl: null,
          environment: 'production',
          creator: { login: 'deploy-bot' },
          deployment: { databaseId: 5002 },
        },
        statuses: {
          totalCount: 2,
          nodes: [
            {
              id: second.latestStatus.id,
              state: 'SUCCESS',
              description: 'Deployed',
              createdAt: at(2 * 60 + 45),
            },
            {
              id: expect.any(String),
              state: 'IN_PROGRESS',
              description: 'Deploying',
              createdAt: at(2 * 60 + 41),
            },
          ],
        },
      });
      // Its branch is gone: GitHub has no Ref to show.
      expect(gone.ref).toBeNull();
    });

    it('gives every deployment and status the ids the REST API gives them', async () => {
      const rest = await octokit.paginate(octokit.rest.repos.listDeployments, {
        owner,
        repo,
        per_page: 100,
      });
      const result = await query(
        `deployments(first: 100, orderBy: { field: CREATED_AT, direction: DESC }) {
          nodes { id databaseId updatedAt statuses(first: 10) { nodes { id } } } }`,
      );
      const nodes = result.deployments.nodes;
      // Both newest first.
      expect(nodes.map((d: any) => [d.databaseId, d.id, d.updatedAt])).toEqual(
        rest.map(d => [d.id, d.node_id, d.updated_at]),
      );
      const statuses = await octokit.rest.repos.listDeploymentStatuses({
        owner,
        repo,
        deployment_id: 5040,
      });
      expect(
        nodes.find((d: any) => d.databaseId === 5040).statuses.nodes,
      ).toEqual(statuses.data.map(s => ({ id: s.node_id })));
    });

    it("lists a commit's deployments", async () => {
      const result = await query(
        `object(oid: $oid) { ... on Commit { deployments(first: 5) { nodes { databaseId } } } }`,
        { oid: sha('c', 7) },
      );
      expect(result.object.deployments.nodes).toEqual([{ databaseId: 5007 }]);
    });
  });

  describe('Repository.branchProtectionRules', () => {
    it('restates the REST branch protection', async () => {
      const result = await query(
        `branchProtectionRules(first: 10) {
          totalCount
          nodes {
            id databaseId pattern requiresApprovingReviews requiredApprovingReviewCount
            dismissesStaleReviews requiresCodeOwnerReviews requireLastPushApproval
            isAdminEnforced allowsForcePushes allowsDeletions requiresStatusChecks
            requiresStrictStatusChecks requiredStatusCheckContexts requiredStatusChecks { context }
            matchingRefs(first: 10) { totalCount nodes { name target { oid } } }
          }
        }`,
      );
      const { data } = await octokit.rest.repos.getBranchProtection({
        owner,
        repo,
        branch: 'main',
      });
      expect(result.branchProtectionRules.totalCount).toBe(1);
      const rule = result.branchProtectionRules.nodes[0];
      expect(rule).toMatchObject({
        pattern: 'main',
        requiresApprovingReviews: true,
        requiredApprovingReviewCount:
          data.required_pull_request_reviews!.required_approving_review_count,
        dismissesStaleReviews:
          data.required_pull_request_reviews!.dismiss_stale_reviews,
        requiresCodeOwnerReviews:
          data.required_pull_request_reviews!.require_code_owner_reviews,
        requireLastPushApproval:
          data.required_pull_request_reviews!.require_last_push_approval,
        isAdminEnforced: data.enforce_admins!.enabled,
        allowsForcePushes: data.allow_force_pushes!.enabled,
        allowsDeletions: data.allow_deletions!.enabled,
        requiresStatusChecks: true,
        requiresStrictStatusChecks: data.required_status_checks!.strict,
        requiredStatusCheckContexts: data.required_status_checks!.contexts,
        requiredStatusChecks: [{ context: 'ci/build' }],
        matchingRefs: {
          totalCount: 1,
          nodes: [{ name: 'main', target: { oid: sha('c', 75) } }],
        },
      });
      expect(rule).toMatchObject({
        requiredApprovingReviewCount: 1,
        dismissesStaleReviews: true,
        isAdminEnforced: true,
        allowsForcePushes: false,
      });
    });
  });

  describe('Repository.environments', () => {
    it('serves each environment with its required reviewers, as REST does', async () => {
      const result = await query(
        `environments(first: 10) {
          totalCount
          nodes {
            id databaseId name
            latestCompletedDeployment { databaseId }
            protectionRules(first: 5) {
              totalCount
              nodes {
                databaseId type preventSelfReview timeout
                reviewers(first: 10) { nodes { __typename ... on User { login databaseId } ... on Team { slug } } }
              }
            }
          }
        }
        production: environment(name: "production") { name }
        missing: environment(name: "qa") { name }
        named: environments(first: 10, names: ["staging"]) { nodes { name } }
        reversed: environments(first: 10, orderBy: { field: NAME, direction: DESC }) { nodes { name } }
        pinned: environments(first: 10, pinnedEnvironmentFilter: ONLY) { totalCount }`,
      );
      const { data } = await octokit.rest.repos.getEnvironment({
        owner,
        repo,
        environment_name: 'production',
      });
      const [production, staging] = result.environments.nodes;
      expect(result.environments.totalCount).toBe(2);
      expect(production).toEqual({
        id: data.node_id,
        databaseId: data.id,
        name: 'production',
        latestCompletedDeployment: { databaseId: 5075 },
        protectionRules: {
          totalCount: 1,
          nodes: [
            {
              databaseId: data.protection_rules![0].id,
              type: 'REQUIRED_REVIEWERS',
              preventSelfReview: true,
              timeout: 0,
              reviewers: {
                nodes: [{ __typename: 'User', login: 'grace', databaseId: 3 }],
              },
            },
          ],
        },
      });
      expect(staging).toMatchObject({
        name: 'staging',
        latestCompletedDeployment: null,
        protectionRules: { totalCount: 0 },
      });
      expect(result.production).toEqual({ name: 'production' });
      expect(result.missing).toBeNull();
      expect(result.named.nodes).toEqual([{ name: 'staging' }]);
      expect(result.reversed.nodes).toEqual([
        { name: 'staging' },
        { name: 'production' },
      ]);
      expect(result.pinned.totalCount).toBe(0);
    });

    it('counts the nodes of nested connections and requires their bounds', async () => {
      const answer: any = await octokit.graphql(
        `{ rateLimit { nodeCount } repository(owner: "${owner}", name: "${repo}") {
          environments(first: 2) { nodes { protectionRules(first: 3) { nodes {
            reviewers(first: 4) { nodes { ... on User { login } } } } } } } } }`,
      );
      expect(answer.rateLimit.nodeCount).toBe(2 + 2 * 3 + 2 * 3 * 4);
      const failure = await failureOf(
        query(
          `deployments(first: 10) { nodes { statuses { totalCount } } }
          defaultBranchRef { target { ... on Commit { history(first: 101) { totalCount } } } }`,
        ),
      );
      expect(failure.errors).toEqual([
        expect.objectContaining({ type: 'MISSING_PAGINATION_BOUNDARIES' }),
        expect.objectContaining({
          type: 'EXCESSIVE_PAGINATION',
          message:
            'Requesting 101 records on the `history` connection exceeds the `first` limit of 100 records.',
        }),
      ]);
    });
  });

  it('reads refs, history, pull requests, deployments and protection in one query, each connection paging on its own cursor', async () => {
    const EVIDENCE = /* GraphQL */ `
      query Evidence(
        $owner: String!
        $name: String!
        $refs: String
        $history: String
        $pulls: String
        $deployments: String
        $rules: String
        $moreRefs: Boolean!
        $moreHistory: Boolean!
        $morePulls: Boolean!
        $moreDeployments: Boolean!
        $moreRules: Boolean!
      ) {
        repository(owner: $owner, name: $name) {
          refs(refPrefix: "refs/heads/", first: 1, after: $refs)
            @include(if: $moreRefs) {
            pageInfo {
              hasNextPage
              endCursor
            }
            nodes {
              name
            }
          }
          defaultBranchRef @include(if: $moreHistory) {
            target {
              ... on Commit {
                history(first: 50, after: $history) {
                  pageInfo {
                    hasNextPage
                    endCursor
                  }
                  nodes {
                    oid
                  }
                }
              }
            }
          }
          pullRequests(first: 30, after: $pulls, states: [MERGED])
            @include(if: $morePulls) {
            pageInfo {
              hasNextPage
              endCursor
            }
            nodes {
              number
            }
          }
          deployments(first: 40, after: $deployments)
            @include(if: $moreDeployments) {
            pageInfo {
              hasNextPage
              endCursor
            }
            nodes {
              databaseId
              latestStatus {
                state
              }
            }
          }
          branchProtectionRules(first: 1, after: $rules)
            @include(if: $moreRules) {
            pageInfo {
              hasNextPage
              endCursor
            }
            nodes {
              pattern
            }
          }
        }
      }
    `;
    type Page = {
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: any[];
    };
    const names = ['refs', 'history', 'pulls', 'deployments', 'rules'] as const;
    const cursors: Record<string, string | null> = {};
    const more: Record<string, boolean> = {};
    const collected: Record<string, any[]> = {};
    const served: Record<string, number> = {};
    for (const name of names) {
      cursors[name] = null;
      more[name] = true;
      collected[name] = [];
      served[name] = 0;
    }
    let requests = 0;
    while (names.some(name => more[name]) && requests < 10) {
      const answer: { repository: any } = await octokit.graphql(EVIDENCE, {
        owner,
        name: repo,
        ...cursors,
        moreRefs: more.refs,
        moreHistory: more.history,
        morePulls: more.pulls,
        moreDeployments: more.deployments,
        moreRules: more.rules,
      });
      requests += 1;
      const pages: Record<string, Page | undefined> = {
        refs: answer.repository.refs,
        history: answer.repository.defaultBranchRef?.target.history,
        pulls: answer.repository.pullRequests,
        deployments: answer.repository.deployments,
        rules: answer.repository.branchProtectionRules,
      };
      for (const name of names) {
        const page = pages[name];
        if (!page) continue;
        served[name] += 1;
        collected[name].push(...page.nodes);
        more[name] = page.pageInfo.hasNextPage;
        cursors[name] = page.pageInfo.endCursor;
      }
    }

    // A finished connection is left out of the next requests, the others go on from their cursor.
    expect(served).toEqual({
      refs: 2,
      history: 4,
      pulls: 3,
      deployments: 2,
      rules: 1,
    });

    // As many requests as the longest connection has pages: 151 commits, 50 at a time.
    expect(requests).toBe(4);
    expect(sim.requestLog.snapshot('default').default).toMatchObject({
      'POST /api/graphql Evidence': 4,
    });
    expect(collected.refs).toEqual([{ name: 'main' }, { name: 'release/1.x' }]);
    expect(collected.history).toHaveLength(151);
    expect(new Set(collected.history.map(c => c.oid)).size).toBe(151);
    expect(collected.pulls.map(pr => pr.number)).toEqual(
      Array.from({ length: 75 }, (_, i) => i + 1),
    );
    expect(collected.deployments.map(d => d.databaseId)).toEqual(
      Array.from({ length: 75 }, (_, i) => 5001 + i),
    );
    expect(
      collected.deployments.every(d => d.latestStatus.state === 'SUCCESS'),
    ).toBe(true);
    expect(collected.rules).toEqual([{ pattern: 'main' }]);
  });

  it('resolves several objects by oid under aliases in one query', async () => {
    const result = await query(
      `merge: object(oid: "${sha(
        'c',
        12,
      )}") { __typename ... on Commit { oid messageHeadline } }
      change: object(oid: "${sha(
        'b',
        12,
      )}") { ... on Commit { oid parents(first: 2) { totalCount } } }
      root: object(oid: "${sha(
        'a',
        0,
      )}") { ... on Commit { oid history(first: 5) { totalCount } } }
      release: object(expression: "release/1.x") { oid }
      missing: object(oid: "${'f'.repeat(40)}") { oid }`,
    );
    expect(result).toEqual({
      merge: {
        __typename: 'Commit',
        oid: sha('c', 12),
        messageHeadline: 'Merge pull request #12 from northwind/feature/pay-12',
      },
      change: { oid: sha('b', 12), parents: { totalCount: 1 } },
      root: { oid: sha('a', 0), history: { totalCount: 1 } },
      release: { oid: sha('c', 1) },
      missing: null,
    });
    expect(graphqlCount()).toBe(1);
  });
});

describe('GitHub GraphQL API: the history of a large repository', () => {
  let sim: Simulator;
  let octokit: Octokit;

  beforeAll(async () => {
    // 1,500 merged PRs: 3,001 commits on main.
    sim = createSimulator({ organisation: sampleOrganisation(1500) });
    const base = await sim.listen();
    octokit = new Octokit({
      baseUrl: `${base}/api/v3`,
      auth: DEMO_CREDENTIALS.githubToken,
    });
  });

  afterAll(async () => {
    await sim.close();
  });

  it('walks 3,001 commits 100 at a time, each once and in order', async () => {
    const oids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await octokit.graphql(
        `query($after: String) { repository(owner: "${owner}", name: "${repo}") {
          defaultBranchRef { target { ... on Commit {
            history(first: 100, after: $after) {
              totalCount pageInfo { hasNextPage endCursor } nodes { oid } } } } } } }`,
        { after },
      );
      const history = page.repository.defaultBranchRef.target.history;
      expect(history.totalCount).toBe(3001);
      oids.push(...history.nodes.map((c: { oid: string }) => c.oid));
      if (!history.pageInfo.hasNextPage) break;
      after = history.pageInfo.endCursor;
    }
    expect(oids).toHaveLength(3001);
    expect(oids.slice(0, 3)).toEqual([
      sha('c', 1500),
      sha('b', 1500),
      sha('c', 1499),
    ]);
    expect(oids.at(-1)).toBe(sha('a', 0));
    expect(new Set(oids).size).toBe(3001);
  });
});

describe('GitHub GraphQL API: issues', () => {
  let sim: Simulator;
  let octokit: Octokit;

  /**
   * Issue 3 of payments-api: approved by a label, the label removed and added again, mentioned by
   * PR 1 (which closes it), linked to PR 2 in the Development sidebar and unlinked, and mentioned
   * by a PR of another repository. Issue 4 is old; issue 5 is open and labelled `bug`.
   */
  const document: ScenarioDocument = {
    now: '2026-11-20T12:00:00Z',
    people: [{ login: 'alice' }, { login: 'bob' }, { login: 'grace' }],
    repositories: [
      {
        name: 'northwind/payments-api',
        pullRequests: [
          {
            number: 1,
            title: 'Round card fees half-even',
            body: 'Closes #3',
            author: 'alice',
            createdAt: '2026-11-02T09:00:00Z',
            mergedAt: '2026-11-02T12:00:00Z',
          },
          {
            number: 2,
            title: 'Cache exchange rates',
            author: 'alice',
            createdAt: '2026-11-03T09:00:00Z',
          },
        ],
        issues: [
          {
            number: 3,
            title: 'Round card fees half-even',
            body: '## Justification\nScheme rules require it.',
            author: 'alice',
            createdAt: '2026-10-30T09:00:00Z',
            closedAt: '2026-11-02T12:00:00Z',
            labels: [
              {
                label: 'change-approved',
                actor: 'grace',
                at: '2026-11-01T10:00:00Z',
              },
              {
                label: 'change-approved',
                actor: 'bob',
                at: '2026-11-01T11:00:00Z',
                action: 'removed',
              },
              {
                label: 'change-approved',
                actor: 'grace',
                at: '2026-11-01T12:00:00Z',
              },
            ],
            referencedBy: [
              { pullRequest: 1, closes: true },
              {
                pullRequest: 2,
                connected: true,
                by: 'grace',
                at: '2026-11-03T10:00:00Z',
                disconnectedAt: '2026-11-04T10:00:00Z',
              },
              { pullRequest: 1, repository: 'northwind/web-app' },
            ],
          },
          {
            number: 4,
            title: 'Retire the old ledger export',
            author: 'bob',
            createdAt: '2026-09-01T09:00:00Z',
          },
          {
            number: 5,
            title: 'Fees are off by a cent',
            author: 'bob',
            createdAt: '2026-10-01T09:00:00Z',
            labels: [
              { label: 'bug', actor: 'bob', at: '2026-10-01T09:00:00Z' },
            ],
          },
        ],
      },
      {
        name: 'northwind/web-app',
        pullRequests: [
          {
            number: 1,
            title: 'Show card fees',
            body: 'Needs northwind/payments-api#3',
            author: 'bob',
            createdAt: '2026-11-05T09:00:00Z',
          },
        ],
      },
    ],
  };

  const TIMELINE = `
    __typename
    ... on LabeledEvent { id createdAt actor { login } label { name } }
    ... on UnlabeledEvent { id createdAt actor { login } label { name } }
    ... on CrossReferencedEvent {
      createdAt isCrossRepository willCloseTarget actor { login }
      source { __typename ... on PullRequest { number repository { nameWithOwner } } }
      target { __typename ... on Issue { number } }
    }
    ... on ConnectedEvent {
      createdAt isCrossRepository actor { login }
      source { __typename ... on PullRequest { number } }
      subject { __typename ... on Issue { number } }
    }
    ... on DisconnectedEvent {
      createdAt source { ... on PullRequest { number } }
    }
  `;

  beforeAll(async () => {
    sim = createSimulator({
      organisation: buildOrganisation(scenarioSchema.parse(document)),
    });
    const base = await sim.listen();
    octokit = new Octokit({
      baseUrl: `${base}/api/v3`,
      auth: DEMO_CREDENTIALS.githubToken,
    });
  });

  afterAll(async () => {
    await sim.close();
  });

  it('reads an issue by number with its body, author and labels, and its timeline in GitHub’s event types', async () => {
    const { repository }: any = await octokit.graphql(
      `query { repository(owner: "northwind", name: "payments-api") {
        issue(number: 3) {
          __typename number title body url state closed closedAt createdAt updatedAt
          author { __typename login }
          labels(first: 10) { nodes { name } }
          timelineItems(first: 100) { totalCount nodes { ${TIMELINE} } }
        }
      } }`,
    );
    const issue = repository.issue;
    expect(issue).toMatchObject({
      __typename: 'Issue',
      number: 3,
      body: '## Justification\nScheme rules require it.',
      url: 'https://github.example/northwind/payments-api/issues/3',
      state: 'CLOSED',
      closed: true,
      closedAt: '2026-11-02T12:00:00Z',
      createdAt: '2026-10-30T09:00:00Z',
      // The newest event: the mention from the other repository.
      updatedAt: '2026-11-05T09:00:00Z',
      author: { __typename: 'User', login: 'alice' },
      labels: { nodes: [{ name: 'change-approved' }] },
    });
    const items = issue.timelineItems.nodes;
    expect(issue.timelineItems.totalCount).toBe(7);
    expect(
      items.map((item: any) => [
        item.__typename,
        item.createdAt,
        item.actor?.login,
      ]),
    ).toEqual([
      ['LabeledEvent', '2026-11-01T10:00:00Z', 'grace'],
      ['UnlabeledEvent', '2026-11-01T11:00:00Z', 'bob'],
      ['LabeledEvent', '2026-11-01T12:00:00Z', 'grace'],
      ['CrossReferencedEvent', '2026-11-02T09:00:00Z', 'alice'],
      ['ConnectedEvent', '2026-11-03T10:00:00Z', 'grace'],
      ['DisconnectedEvent', '2026-11-04T10:00:00Z', undefined],
      ['CrossReferencedEvent', '2026-11-05T09:00:00Z', 'bob'],
    ]);
    expect(items[0].label).toEqual({ name: 'change-approved' });
    // Node ids are GitHub's global ids, distinct per event and the same on every reading.
    expect(new Set([items[0].id, items[1].id, items[2].id]).size).toBe(3);
    expect(items[3]).toMatchObject({
      isCrossRepository: false,
      willCloseTarget: true,
      source: {
        __typename: 'PullRequest',
        number: 1,
        repository: { nameWithOwner: 'northwind/payments-api' },
      },
      target: { __typename: 'Issue', number: 3 },
    });
    expect(items[4]).toMatchObject({
      isCrossRepository: false,
      source: { __typename: 'PullRequest', number: 2 },
      subject: { __typename: 'Issue', number: 3 },
    });
    expect(items[6]).toMatchObject({
      isCrossRepository: true,
      willCloseTarget: false,
      source: {
        number: 1,
        repository: { nameWithOwner: 'northwind/web-app' },
      },
    });
  });

  it('filters the timeline by item type and time, and pages it', async () => {
    const read = async (args: string) =>
      (
        (await octokit.graphql(
          `query($after: String) { repository(owner: "northwind", name: "payments-api") {
            issue(number: 3) { timelineItems(${args}, after: $after) {
              totalCount pageInfo { hasNextPage endCursor } nodes { __typename ... on LabeledEvent { createdAt } }
            } }
          } }`,
          { after: null },
        )) as any
      ).repository.issue.timelineItems;

    const labels = await read(
      'first: 100, itemTypes: [LABELED_EVENT, UNLABELED_EVENT]',
    );
    expect(labels.nodes.map((n: any) => n.__typename)).toEqual([
      'LabeledEvent',
      'UnlabeledEvent',
      'LabeledEvent',
    ]);
    const since = await read(
      'first: 100, since: "2026-11-01T12:00:00Z", itemTypes: [LABELED_EVENT]',
    );
    expect(since.nodes).toEqual([
      { __typename: 'LabeledEvent', createdAt: '2026-11-01T12:00:00Z' },
    ]);

    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (
        (await octokit.graphql(
          `query($after: String) { repository(owner: "northwind", name: "payments-api") {
            issue(number: 3) { timelineItems(first: 3, after: $after) {
              pageInfo { hasNextPage endCursor } nodes { __typename }
            } }
          } }`,
          { after },
        )) as any
      ).repository.issue.timelineItems;
      seen.push(...page.nodes.map((n: any) => n.__typename));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(7);
  });

  it('reads several issues by number under aliases, a pull request’s number or an unknown one being NOT_FOUND beside the others', async () => {
    const failure = await failureOf(
      octokit.graphql(
        `query { r0: repository(owner: "northwind", name: "payments-api") {
          i0: issue(number: 3) { number }
          i1: issue(number: 1) { number }
          i2: issue(number: 99) { number }
          i3: issue(number: 5) { number }
        } }`,
      ),
    );
    expect(failure.errors).toEqual([
      expect.objectContaining({
        type: 'NOT_FOUND',
        path: ['r0', 'i1'],
        message: 'Could not resolve to an Issue with the number of 1.',
      }),
      expect.objectContaining({ type: 'NOT_FOUND', path: ['r0', 'i2'] }),
    ]);
    expect(failure.data).toEqual({
      r0: { i0: { number: 3 }, i1: null, i2: null, i3: { number: 5 } },
    });
  });

  it('lists the issues updated at or after a time, most recently updated first, and filters by state and label', async () => {
    const numbers = async (args: string) =>
      (
        (await octokit.graphql(
          `query { repository(owner: "northwind", name: "payments-api") {
            issues(first: 100, ${args}) { totalCount nodes { number updatedAt } }
          } }`,
        )) as any
      ).repository.issues.nodes.map((n: { number: number }) => n.number);

    expect(await numbers('')).toEqual([4, 5, 3]);
    expect(
      await numbers(
        'filterBy: { since: "2026-10-01T09:00:00Z" }, orderBy: { field: UPDATED_AT, direction: DESC }',
      ),
    ).toEqual([3, 5]);
    expect(
      await numbers('filterBy: { since: "2026-11-05T09:00:01Z" }'),
    ).toEqual([]);
    expect(await numbers('states: [OPEN]')).toEqual([4, 5]);
    expect(await numbers('filterBy: { states: [CLOSED] }')).toEqual([3]);
    expect(await numbers('labels: ["bug"]')).toEqual([5]);
    expect(await numbers('filterBy: { createdBy: "alice" }')).toEqual([3]);
  });
});
