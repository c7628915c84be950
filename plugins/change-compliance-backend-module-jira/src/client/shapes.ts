/*
 * The parts of Jira's REST answers this module reads, as Jira Cloud (v2, v3) and Data Center (v2)
 * send them. Every field is optional where one of them may leave it out: a Data Center user has a
 * `name` and no `accountId`, a Cloud user hides `emailAddress` unless the site allows it, and a
 * history written by an anonymous or deleted user has no `author`.
 */

export interface JiraUser {
  /** Cloud's account id. */
  accountId?: string;
  /** Data Center's username. */
  name?: string;
  /** Data Center's user key (`JIRAUSER10100`, or the username on older servers). */
  key?: string;
  emailAddress?: string;
  displayName?: string;
  /** Cloud: `atlassian` for people, `app` for apps and automation, `customer` for JSM. */
  accountType?: string;
  active?: boolean;
}

export interface JiraChangeItem {
  /** Field name as shown (a custom field's display name), or a system field's id. */
  field: string;
  /** Cloud only: the field's id. */
  fieldId?: string;
  fieldtype?: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface JiraHistory {
  id?: string;
  author?: JiraUser | null;
  /** Jira's timestamp, `2026-06-01T10:00:00.000+0000`. */
  created: string;
  items: JiraChangeItem[];
}

export interface JiraChangelog {
  startAt?: number;
  maxResults?: number;
  /** All the histories the issue has; more than `histories` holds when Jira cut the list. */
  total?: number;
  histories: JiraHistory[];
}

export interface JiraIssue {
  id: string;
  key: string;
  /** Field values by field id; rich text is a string (v2) or an ADF document (v3). */
  fields: Record<string, unknown>;
  changelog?: JiraChangelog;
}

export interface JiraRemoteLink {
  id?: number;
  globalId?: string;
  relationship?: string;
  object?: { url?: string; title?: string };
}

export interface JiraField {
  id: string;
  name: string;
  custom?: boolean;
}
