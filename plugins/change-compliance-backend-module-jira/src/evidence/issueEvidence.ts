import {
  ApprovalEvidence,
  TicketEvidence,
} from '@change-compliance/plugin-change-compliance-node';
import {
  JiraHistory,
  JiraIssue,
  JiraRemoteLink,
  JiraUser,
} from '../client/shapes';
import { fieldText } from './fieldText';
import { jiraActor } from './jiraActor';
import { statusTransitions } from './statusTransitions';
import { ApprovalStatuses, transitionApprovals } from './transitionApprovals';

/** The ticket system id: what the policy's `ticketProjects[].system` and field mapping name. */
export const JIRA_SYSTEM = 'jira';

/** What one issue tells: the ticket, and the approvals its workflow records. */
export interface IssueEvidence {
  ticket: TicketEvidence;
  approvals: ApprovalEvidence[];
}

function name(value: unknown): string | undefined {
  const text = (value as { name?: unknown } | null)?.name;
  return typeof text === 'string' ? text : undefined;
}

/**
 * One Jira issue as evidence. `fields` holds each field the policy's mapping names, under the
 * name the mapping uses (`description`, `customfield_10101`, or a field's display name), as text;
 * `fieldIds` says which of the issue's fields that is. The links back are the remote links' URLs
 * (a PR, a commit, a deployment).
 */
export function issueEvidence(options: {
  issue: JiraIssue;
  /** The whole changelog; the issue's own may have been cut short by Jira. */
  histories: JiraHistory[];
  remoteLinks: JiraRemoteLink[];
  /** Field name as the policy's mapping writes it, to the field's id. */
  fieldIds: Map<string, string>;
  /** The site, for the ticket's address: `<site>/browse/<key>`. */
  siteUrl: string;
  statuses: ApprovalStatuses;
}): IssueEvidence {
  const { issue } = options;
  const key = issue.key.toUpperCase();
  const transitions = statusTransitions(options.histories);
  const fields: TicketEvidence['fields'] = {};
  for (const [mappedName, id] of options.fieldIds) {
    fields[mappedName] = fieldText(issue.fields[id]);
  }
  const links = options.remoteLinks
    .map(link => link.object?.url?.trim())
    .filter((url): url is string => Boolean(url));
  const type = name(issue.fields.issuetype);
  const priority = name(issue.fields.priority);
  // The reporter asked for the change: their own approval of it does not count.
  const reporter = issue.fields.reporter as JiraUser | null | undefined;
  return {
    ticket: {
      system: JIRA_SYSTEM,
      key,
      url: `${options.siteUrl.replace(/\/+$/, '')}/browse/${key}`,
      ...(type ? { type } : {}),
      ...(priority ? { priority } : {}),
      fields,
      ...(reporter ? { requester: jiraActor(reporter) } : {}),
      statusHistory: transitions.map(({ historyId: _id, ...change }) => change),
      links: [...new Set(links)],
    },
    approvals: transitionApprovals(key, transitions, options.statuses),
  };
}
