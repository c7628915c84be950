/*
 * The GraphQL documents of the sync. One request brings a page of merged PRs with their reviews,
 * commits, files and labels, together with a page of branch history and of deployments: the REST
 * way would take a list call plus three calls per PR and one per deployment.
 */

const COMMIT_FIELDS = `
  oid
  message
  committedDate
  author { name email user { login } }
  committer { name email user { login } }
  parents(first: 5) { nodes { oid } }
`;

const REVIEW_FIELDS = `
  id
  author { __typename login }
  state
  commit { oid }
  submittedAt
`;

/**
 * Page sizes. GitHub allows 100 nodes per connection and 500,000 in a query: a page of 100 PRs with
 * 50 reviews, 50 commits (5 parents each), 100 files and 20 labels asks for about 50,000.
 */
export const PAGE = 100;
export const NESTED_PER_PAGE = 50;

const PULL_REQUEST_FIELDS = `
  number
  url
  title
  body
  headRefName
  baseRefName
  headRefOid
  mergedAt
  updatedAt
  author { __typename login }
  mergedBy { __typename login }
  mergeCommit { oid }
  labels(first: 20) { nodes { name } }
  reviews(first: ${NESTED_PER_PAGE}) {
    pageInfo { hasNextPage endCursor }
    nodes { ${REVIEW_FIELDS} }
  }
  commits(first: ${NESTED_PER_PAGE}) {
    pageInfo { hasNextPage endCursor }
    nodes { commit { ${COMMIT_FIELDS} } }
  }
  files(first: 100) {
    pageInfo { hasNextPage endCursor }
    nodes { path }
  }
`;

/** A branch commit with the merged PRs GitHub associates with it: no extra call per commit. */
const HISTORY_FIELDS = `
  ${COMMIT_FIELDS}
  associatedPullRequests(first: 5) { nodes { number merged } }
`;

const DEPLOYMENT_FIELDS = `
  databaseId
  createdAt
  environment
  commitOid
  payload
  creator { __typename login }
  ref { name }
  latestStatus { state }
  statuses(first: 20) {
    pageInfo { hasNextPage }
    nodes { state createdAt logUrl }
  }
`;

const PROTECTION_RULE_FIELDS = `
  pattern
  requiresApprovingReviews
  requiredApprovingReviewCount
  dismissesStaleReviews
  requiresCodeOwnerReviews
  isAdminEnforced
  allowsForcePushes
  allowsDeletions
  requiredStatusCheckContexts
`;

/**
 * Everything a sync reads about a repository, in one request: its branches, the protection rules
 * of its branches and deployment environments (GitHub allows six reviewers per environment),
 * the default branch's history since the cursor, merged PRs most recently updated first, and
 * deployments newest first. The four lists page independently: each later request asks again
 * only for the lists that have more (the others are left out with `@include`), so a sync takes as
 * many requests as its longest list has pages, and an idle repository one request.
 */
export const REPOSITORY_EVIDENCE = `
  query RepositoryEvidence(
    $owner: String!
    $name: String!
    $since: GitTimestamp!
    $withRepository: Boolean!
    $withHistory: Boolean!
    $historyAfter: String
    $withPullRequests: Boolean!
    $pullRequestsAfter: String
    $withDeployments: Boolean!
    $deploymentsAfter: String
  ) {
    repository(owner: $owner, name: $name) {
      defaultBranchRef {
        name
        target {
          ... on Commit {
            history(first: ${PAGE}, after: $historyAfter, since: $since) @include(if: $withHistory) {
              pageInfo { hasNextPage endCursor }
              nodes { ${HISTORY_FIELDS} }
            }
          }
        }
      }
      refs(refPrefix: "refs/heads/", first: ${PAGE}) @include(if: $withRepository) {
        pageInfo { hasNextPage endCursor }
        nodes { name target { oid } }
      }
      branchProtectionRules(first: ${PAGE}) @include(if: $withRepository) {
        nodes { ${PROTECTION_RULE_FIELDS} }
      }
      environments(first: ${PAGE}) @include(if: $withRepository) {
        nodes {
          name
          protectionRules(first: 10) {
            nodes {
              type
              preventSelfReview
              timeout
              reviewers(first: 10) {
                nodes {
                  __typename
                  ... on User { login }
                  ... on Team { combinedSlug }
                }
              }
            }
          }
        }
      }
      # GitHub reads CODEOWNERS from the first of these three places that has one.
      codeOwners: object(expression: "HEAD:.github/CODEOWNERS") @include(if: $withRepository) {
        ... on Blob { text }
      }
      rootCodeOwners: object(expression: "HEAD:CODEOWNERS") @include(if: $withRepository) {
        ... on Blob { text }
      }
      docsCodeOwners: object(expression: "HEAD:docs/CODEOWNERS") @include(if: $withRepository) {
        ... on Blob { text }
      }
      pullRequests(
        first: ${PAGE}
        after: $pullRequestsAfter
        states: [MERGED]
        orderBy: { field: UPDATED_AT, direction: DESC }
      ) @include(if: $withPullRequests) {
        pageInfo { hasNextPage endCursor }
        nodes { ${PULL_REQUEST_FIELDS} }
      }
      deployments(
        first: ${PAGE}
        after: $deploymentsAfter
        orderBy: { field: CREATED_AT, direction: DESC }
      ) @include(if: $withDeployments) {
        pageInfo { hasNextPage endCursor }
        nodes { ${DEPLOYMENT_FIELDS} }
      }
    }
  }
`;

/** Branches beyond the first page of `refs` (a repository with more than 100). */
export const MORE_BRANCHES = `
  query MoreBranches($owner: String!, $name: String!, $after: String) {
    repository(owner: $owner, name: $name) {
      refs(refPrefix: "refs/heads/", first: ${PAGE}, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { name target { oid } }
      }
    }
  }
`;

/** The history of another branch something was deployed from (a release branch). */
export const BRANCH_HISTORY = `
  query BranchHistory($owner: String!, $name: String!, $branch: String!, $since: GitTimestamp!, $after: String) {
    repository(owner: $owner, name: $name) {
      ref(qualifiedName: $branch) {
        target {
          ... on Commit {
            history(first: ${PAGE}, after: $after, since: $since) {
              pageInfo { hasNextPage endCursor }
              nodes { ${HISTORY_FIELDS} }
            }
          }
        }
      }
    }
  }
`;

/**
 * The deployment reviews of up to 100 workflow runs (the runs that deployed to an environment
 * with required reviewers), each run under its own alias (`r0`, `r1`, …) by its URL.
 */
export function deploymentReviewsOfRuns(count: number): string {
  const variables = Array.from(
    { length: count },
    (_, i) => `$r${i}: URI!`,
  ).join(', ');
  const fields = Array.from(
    { length: count },
    (_, i) => `r${i}: resource(url: $r${i}) {
      ... on WorkflowRun {
        deploymentReviews(first: 50) {
          nodes { databaseId state user { login } environments(first: 10) { nodes { name } } }
        }
      }
    }`,
  ).join('\n');
  return `query DeploymentReviews(${variables}) { ${fields} }`;
}

/** Up to 100 commits by id in one request, each under its own alias (`c0`, `c1`, …). */
export function commitsByOid(count: number): string {
  const variables = Array.from(
    { length: count },
    (_, i) => `$c${i}: GitObjectID!`,
  ).join(', ');
  const fields = Array.from(
    { length: count },
    (_, i) =>
      `c${i}: object(oid: $c${i}) { ... on Commit { ${COMMIT_FIELDS} } }`,
  ).join('\n');
  return `
    query CommitsByOid($owner: String!, $name: String!, ${variables}) {
      repository(owner: $owner, name: $name) { ${fields} }
    }
  `;
}

/** The rest of one PR's reviews, for a PR with more than fit in the page. */
export const MORE_REVIEWS = `
  query MoreReviews($owner: String!, $name: String!, $number: Int!, $after: String) {
    repository(owner: $owner, name: $name) {
      pullRequest(number: $number) {
        reviews(first: 100, after: $after) {
          pageInfo { hasNextPage endCursor }
          nodes { ${REVIEW_FIELDS} }
        }
      }
    }
  }
`;

/**
 * The rest of one PR's changed files. A partial list would be worse than none: a change whose
 * first hundred files are exempt or owned by the reviewer must not pass for the files unread.
 */
export const MORE_FILES = `
  query MoreFiles($owner: String!, $name: String!, $number: Int!, $after: String) {
    repository(owner: $owner, name: $name) {
      pullRequest(number: $number) {
        files(first: 100, after: $after) {
          pageInfo { hasNextPage endCursor }
          nodes { path }
        }
      }
    }
  }
`;

/** The rest of one PR's commits. */
export const MORE_COMMITS = `
  query MoreCommits($owner: String!, $name: String!, $number: Int!, $after: String) {
    repository(owner: $owner, name: $name) {
      pullRequest(number: $number) {
        commits(first: 100, after: $after) {
          pageInfo { hasNextPage endCursor }
          nodes { commit { ${COMMIT_FIELDS} } }
        }
      }
    }
  }
`;
