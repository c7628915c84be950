import { Octokit } from '@octokit/rest';
import {
  sampleOrganisation,
  sampleSha,
} from '../../__testUtils__/sampleOrganisation';
import { Organisation } from '../../model';
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
