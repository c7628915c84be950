import { Octokit } from '@octokit/rest';
import { PAGE } from '../sync/queries';
import { Page } from '../sync/readRepositoryEvidence';
import {
  GraphqlIssue,
  GraphqlTimelineItem,
  issuesByNumber,
  MORE_TIMELINE,
  UPDATED_ISSUES,
} from './queries';

/** A repository whose issues are read: `owner/name` split. */
export interface IssueRepositoryName {
  owner: string;
  name: string;
}

interface GraphqlErrorAnswer {
  name?: string;
  errors?: { type?: string }[];
  data?: unknown;
}

/**
 * A query whose aliases may name what does not exist: GitHub answers each missing issue (or a
 * number that is a pull request's) with a `NOT_FOUND` error beside the others' data, which
 * Octokit throws. That answer is used; any other error is thrown on.
 */
async function graphqlAllowingMissing<T>(
  octokit: Octokit,
  query: string,
  variables: Record<string, unknown>,
): Promise<T> {
  try {
    return await octokit.graphql<T>(query, variables);
  } catch (error) {
    const answer = error as GraphqlErrorAnswer;
    if (
      answer.name === 'GraphqlResponseError' &&
      answer.data &&
      answer.errors?.every(e => e.type === 'NOT_FOUND')
    ) {
      return answer.data as T;
    }
    throw error;
  }
}

/** The events beyond an issue's first page of them, read for that issue alone. */
async function completeTimeline(
  octokit: Octokit,
  repository: IssueRepositoryName,
  issue: GraphqlIssue,
): Promise<GraphqlIssue> {
  let page = issue.timelineItems;
  const nodes = [...page.nodes];
  while (page.pageInfo.hasNextPage) {
    const answer: {
      repository: {
        issue: { timelineItems: Page<GraphqlTimelineItem> } | null;
      };
    } = await octokit.graphql(MORE_TIMELINE, {
      ...repository,
      number: issue.number,
      after: page.pageInfo.endCursor,
    });
    if (!answer.repository.issue) break;
    page = answer.repository.issue.timelineItems;
    nodes.push(...page.nodes);
  }
  return { ...issue, timelineItems: { pageInfo: page.pageInfo, nodes } };
}

/**
 * Issues by number, each with its whole timeline: a hundred per request, across the repositories
 * given (one owner's, so that one credential reads them all). The answer holds the issues that
 * exist, by repository index and number.
 */
export async function readIssuesByNumber(
  octokit: Octokit,
  wanted: { repository: IssueRepositoryName; numbers: number[] }[],
): Promise<{ repository: number; issue: GraphqlIssue }[]> {
  const pairs = wanted.flatMap((w, repository) =>
    [...new Set(w.numbers)].map(number => ({ repository, number })),
  );
  const found: { repository: number; issue: GraphqlIssue }[] = [];
  for (let start = 0; start < pairs.length; start += PAGE) {
    const groups = new Map<number, number[]>();
    for (const { repository, number } of pairs.slice(start, start + PAGE)) {
      groups.set(repository, [...(groups.get(repository) ?? []), number]);
    }
    const batch = [...groups];
    // Issues are numbered across the request, repository after repository: `r<r>.i<i>`.
    const variables: Record<string, unknown> = {};
    const aliases: { repository: number; path: [string, string] }[] = [];
    batch.forEach(([repository, numbers], r) => {
      variables[`o${r}`] = wanted[repository].repository.owner;
      variables[`n${r}`] = wanted[repository].repository.name;
      for (const number of numbers) {
        const i = aliases.length;
        variables[`i${i}`] = number;
        aliases.push({ repository, path: [`r${r}`, `i${i}`] });
      }
    });
    const answer = await graphqlAllowingMissing<
      Record<string, Record<string, GraphqlIssue | null> | null>
    >(
      octokit,
      issuesByNumber(batch.map(([, numbers]) => numbers.length)),
      variables,
    );
    for (const { repository, path } of aliases) {
      const issue = answer[path[0]]?.[path[1]];
      if (!issue) continue;
      found.push({
        repository,
        issue: await completeTimeline(
          octokit,
          wanted[repository].repository,
          issue,
        ),
      });
    }
  }
  return found;
}

/**
 * A repository's issues updated at or after `since`, most recently updated first, each with its
 * whole timeline: as many requests as pages, one when nothing changed.
 */
export async function readUpdatedIssues(
  octokit: Octokit,
  repository: IssueRepositoryName,
  since: string,
): Promise<GraphqlIssue[]> {
  const issues: GraphqlIssue[] = [];
  let after: string | null = null;
  for (;;) {
    const answer: { repository: { issues: Page<GraphqlIssue> } } =
      await octokit.graphql(UPDATED_ISSUES, { ...repository, since, after });
    for (const issue of answer.repository.issues.nodes) {
      issues.push(await completeTimeline(octokit, repository, issue));
    }
    if (!answer.repository.issues.pageInfo.hasNextPage) return issues;
    after = answer.repository.issues.pageInfo.endCursor;
  }
}
