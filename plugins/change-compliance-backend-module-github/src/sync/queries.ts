/*
 * The GraphQL documents of the sync. One request brings a page of merged PRs with their reviews,
 * commits, files and labels: the REST way would take a list call plus three calls per PR.
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

/** Page sizes: GitHub allows 100 nodes per connection; PRs are fewer so the nested ones fit. */
export const PULL_REQUESTS_PER_PAGE = 25;
export const NESTED_PER_PAGE = 50;

export const MERGED_PULL_REQUESTS = `
  query MergedPullRequests($owner: String!, $name: String!, $after: String) {
    repository(owner: $owner, name: $name) {
      pullRequests(
        first: ${PULL_REQUESTS_PER_PAGE}
        after: $after
        states: [MERGED]
        orderBy: { field: UPDATED_AT, direction: DESC }
      ) {
        pageInfo { hasNextPage endCursor }
        nodes {
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
          files(first: 100) { nodes { path } }
        }
      }
    }
  }
`;

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
