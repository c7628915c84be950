/*
 * The GraphQL documents that read GitHub issues as tickets: each issue with its body (the ticket's
 * fields), its author (the requester) and the events of its timeline that are evidence: labels
 * added and removed (approvals), and pull requests that mention it or are linked to it (the trace
 * back to the change).
 */
import { GraphqlActor } from '../mapping';
import { PAGE } from '../sync/queries';
import { Page } from '../sync/readRepositoryEvidence';

/** A pull request or an issue as a timeline event names it (`ReferencedSubject`). */
export type GraphqlSubject =
  | {
      __typename: 'PullRequest';
      number: number;
      repository: { nameWithOwner: string };
    }
  | { __typename: 'Issue' };

interface EventBase {
  id: string;
  createdAt: string;
}

interface LabelEvent extends EventBase {
  actor: GraphqlActor | null;
  label: { name: string };
}

interface LinkEvent extends EventBase {
  source: GraphqlSubject;
  subject: GraphqlSubject;
}

export type GraphqlTimelineItem =
  | ({ __typename: 'LabeledEvent' } & LabelEvent)
  | ({ __typename: 'UnlabeledEvent' } & LabelEvent)
  | ({ __typename: 'CrossReferencedEvent'; source: GraphqlSubject } & EventBase)
  | ({ __typename: 'ConnectedEvent' } & LinkEvent)
  | ({ __typename: 'DisconnectedEvent' } & LinkEvent);

export interface GraphqlIssue {
  number: number;
  title: string;
  body: string;
  url: string;
  createdAt: string;
  updatedAt: string;
  author: GraphqlActor | null;
  timelineItems: Page<GraphqlTimelineItem>;
}

/** The timeline events that are evidence; GitHub leaves out every other kind. */
const ITEM_TYPES =
  '[LABELED_EVENT, UNLABELED_EVENT, CROSS_REFERENCED_EVENT, CONNECTED_EVENT, DISCONNECTED_EVENT]';

const ACTOR = '{ __typename login }';
const SUBJECT =
  '{ __typename ... on PullRequest { number repository { nameWithOwner } } }';

const TIMELINE_FRAGMENT = `
  fragment IssueTimelineItem on IssueTimelineItems {
    __typename
    ... on LabeledEvent { id createdAt actor ${ACTOR} label { name } }
    ... on UnlabeledEvent { id createdAt actor ${ACTOR} label { name } }
    ... on CrossReferencedEvent { id createdAt source ${SUBJECT} }
    ... on ConnectedEvent { id createdAt source ${SUBJECT} subject ${SUBJECT} }
    ... on DisconnectedEvent { id createdAt source ${SUBJECT} subject ${SUBJECT} }
  }
`;

/**
 * An issue with the first page of its evidence events. A hundred issues at a time, each with up
 * to a hundred events, stay far below GitHub's 500,000 nodes a query; an issue with more events
 * has the rest read for it alone.
 */
const ISSUE_FRAGMENT = `
  fragment IssueEvidence on Issue {
    number
    title
    body
    url
    createdAt
    updatedAt
    author ${ACTOR}
    timelineItems(first: ${PAGE}, itemTypes: ${ITEM_TYPES}) {
      pageInfo { hasNextPage endCursor }
      nodes { ...IssueTimelineItem }
    }
  }
  ${TIMELINE_FRAGMENT}
`;

/**
 * Issues by number, across repositories, in one request: each repository under its own alias
 * (`r0`, `r1`, …, named by the variables `$o0`/`$n0`, …) and each issue under its own (`i0`,
 * `i1`, … numbered across the whole request, by the variables `$i0`, …). At most a hundred issues.
 */
export function issuesByNumber(issueCounts: number[]): string {
  const variables: string[] = [];
  const repositories: string[] = [];
  let issue = 0;
  issueCounts.forEach((count, r) => {
    variables.push(`$o${r}: String!`, `$n${r}: String!`);
    const issues: string[] = [];
    for (let n = 0; n < count; n++, issue++) {
      variables.push(`$i${issue}: Int!`);
      issues.push(`i${issue}: issue(number: $i${issue}) { ...IssueEvidence }`);
    }
    repositories.push(
      `r${r}: repository(owner: $o${r}, name: $n${r}) { ${issues.join(' ')} }`,
    );
  });
  return `
    query IssuesByNumber(${variables.join(', ')}) { ${repositories.join('\n')} }
    ${ISSUE_FRAGMENT}
  `;
}

/**
 * A repository's issues updated at or after `since`, most recently updated first. GitHub's
 * `filterBy.since` does the selection, so an idle repository costs one request with no issues.
 * Newest first, an issue updated while the pages are read moves to the front, already read: the
 * pages behind it shift by one and repeat an issue, rather than skip one; its new update is newer
 * than the cursor this sync leaves, so the next sync reads it.
 */
export const UPDATED_ISSUES = `
  query UpdatedIssues($owner: String!, $name: String!, $since: DateTime!, $after: String) {
    repository(owner: $owner, name: $name) {
      issues(
        first: ${PAGE}
        after: $after
        filterBy: { since: $since }
        orderBy: { field: UPDATED_AT, direction: DESC }
      ) {
        pageInfo { hasNextPage endCursor }
        nodes { ...IssueEvidence }
      }
    }
  }
  ${ISSUE_FRAGMENT}
`;

/** The rest of one issue's evidence events. */
export const MORE_TIMELINE = `
  query MoreIssueTimeline($owner: String!, $name: String!, $number: Int!, $after: String) {
    repository(owner: $owner, name: $name) {
      issue(number: $number) {
        timelineItems(first: ${PAGE}, after: $after, itemTypes: ${ITEM_TYPES}) {
          pageInfo { hasNextPage endCursor }
          nodes { ...IssueTimelineItem }
        }
      }
    }
  }
  ${TIMELINE_FRAGMENT}
`;
