import { JiraChangelogEntry, JiraIssue, Organisation } from '../../model';

/**
 * The model's Jira issues in Jira Cloud's REST shapes. v2 and v3 differ only in rich text:
 * v3 sends the description and multi-line text custom fields as Atlassian Document Format.
 */
export type JiraApiVersion = 2 | 3;

/** Names of the custom fields the model uses; any other id is shown as `Custom field <id>`. */
const CUSTOM_FIELD_NAMES: Record<string, string> = {
  customfield_10101: 'Business justification',
  customfield_10102: 'Implementation plan',
  customfield_10103: 'Rollback plan',
};

export function customFieldName(id: string): string {
  return CUSTOM_FIELD_NAMES[id] ?? `Custom field ${id}`;
}

/** The system fields an issue carries, with their display names and schema types. */
const SYSTEM_FIELDS: {
  id: string;
  name: string;
  type: string;
  items?: string;
}[] = [
  { id: 'summary', name: 'Summary', type: 'string' },
  { id: 'description', name: 'Description', type: 'string' },
  { id: 'issuetype', name: 'Issue Type', type: 'issuetype' },
  { id: 'priority', name: 'Priority', type: 'priority' },
  { id: 'status', name: 'Status', type: 'status' },
  { id: 'resolution', name: 'Resolution', type: 'resolution' },
  { id: 'resolutiondate', name: 'Resolved', type: 'datetime' },
  { id: 'reporter', name: 'Reporter', type: 'user' },
  { id: 'creator', name: 'Creator', type: 'user' },
  { id: 'assignee', name: 'Assignee', type: 'user' },
  { id: 'created', name: 'Created', type: 'datetime' },
  { id: 'updated', name: 'Updated', type: 'datetime' },
  { id: 'labels', name: 'Labels', type: 'array', items: 'string' },
  { id: 'project', name: 'Project', type: 'project' },
];

/** `2026-06-01T10:00:00.000Z` → `2026-06-01T10:00:00.000+0000`, Jira's timestamp format. */
export function jiraTime(iso: string): string {
  return new Date(iso).toISOString().replace('Z', '+0000');
}

/** Plain text as an ADF document: a paragraph per blank-line-separated block, hard breaks within. */
export function toAdf(text: string) {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map(block => block.trim())
    .filter(block => block.length > 0);
  return {
    type: 'doc',
    version: 1,
    content: paragraphs.map(block => ({
      type: 'paragraph',
      content: block
        .split('\n')
        .flatMap((line, i) => [
          ...(i > 0 ? [{ type: 'hardBreak' }] : []),
          { type: 'text', text: line },
        ]),
    })),
  };
}

const richText = (text: string | null, version: JiraApiVersion) =>
  text === null || version === 2 ? text : toAdf(text);

// Jira's default ids for its built-in statuses, priorities and issue types; others are numbered
// after them in the order the organisation first uses them.
const STATUS_IDS: Record<string, number> = {
  Open: 1,
  'In Progress': 3,
  Reopened: 4,
  Resolved: 5,
  Closed: 6,
  'To Do': 10000,
  Done: 10001,
};
const PRIORITY_IDS: Record<string, number> = {
  Highest: 1,
  High: 2,
  Medium: 3,
  Low: 4,
  Lowest: 5,
};
const ISSUE_TYPE_IDS: Record<string, number> = {
  Epic: 10000,
  Story: 10001,
  Task: 10002,
  'Sub-task': 10003,
  Bug: 10004,
};

function idFor(
  known: Record<string, number>,
  all: string[],
  name: string,
  from: number,
) {
  if (known[name] !== undefined) return String(known[name]);
  const others = [...new Set([...all, name])].filter(
    n => known[n] === undefined,
  );
  return String(from + others.indexOf(name));
}

const DONE_STATUSES = [
  'done',
  'closed',
  'resolved',
  'released',
  'cancelled',
  'canceled',
  'rejected',
];
const TO_DO_STATUSES = [
  'to do',
  'open',
  'backlog',
  'new',
  'selected for development',
];

/** Jira's three status categories; an unrecognised status name counts as in progress. */
function statusCategory(status: string, base: string) {
  const name = status.toLowerCase();
  let category: [number, string, string, string] = [
    4,
    'indeterminate',
    'yellow',
    'In Progress',
  ];
  if (DONE_STATUSES.includes(name)) category = [3, 'done', 'green', 'Done'];
  else if (TO_DO_STATUSES.includes(name))
    category = [2, 'new', 'blue-gray', 'To Do'];
  const [id, key, colorName, categoryName] = category;
  return {
    self: `${base}/statuscategory/${id}`,
    id,
    key,
    colorName,
    name: categoryName,
  };
}

const HIERARCHY_LEVELS: Record<string, number> = { Epic: 1, 'Sub-task': -1 };

export class JiraRenderer {
  constructor(
    private readonly organisation: Organisation,
    /** `<simulator>/jira/rest/api/<version>` */
    private readonly base: string,
    private readonly version: JiraApiVersion,
  ) {}

  user(accountId: string | undefined) {
    if (!accountId) return null;
    const person = this.organisation.people.find(
      p => p.jiraAccountId === accountId,
    );
    return {
      self: `${this.base}/user?accountId=${encodeURIComponent(accountId)}`,
      accountId,
      // A departed user: Jira still shows the account, inactive, under its id.
      emailAddress: person?.email,
      displayName: person?.name ?? accountId,
      active: person !== undefined,
      timeZone: 'UTC',
      accountType: 'atlassian',
      avatarUrls: Object.fromEntries(
        ['16x16', '24x24', '32x32', '48x48'].map(size => [
          size,
          `https://avatar.example/${encodeURIComponent(accountId)}/${size}.png`,
        ]),
      ),
    };
  }

  status(name: string) {
    // Statuses an issue has passed through count too, so that changelog ids stay stable.
    const all = this.organisation.jira.issues.flatMap(issue => [
      issue.status,
      ...issue.changelog.flatMap(entry =>
        entry.items
          .filter(item => item.field === 'status')
          .flatMap(item => [item.fromString, item.toString])
          .filter((status): status is string => status !== null),
      ),
    ]);
    const id = idFor(STATUS_IDS, all, name, 10100);
    return {
      self: `${this.base}/status/${id}`,
      description: '',
      name,
      id,
      statusCategory: statusCategory(name, this.base),
    };
  }

  customFieldIds(): string[] {
    const ids = new Set<string>();
    for (const issue of this.organisation.jira.issues) {
      Object.keys(issue.customFields).forEach(id => ids.add(id));
    }
    return [...ids].sort();
  }

  /** `GET /field`: the system fields and every custom field the organisation's issues carry. */
  fields() {
    const system = SYSTEM_FIELDS.map(field => ({
      id: field.id,
      key: field.id,
      name: field.name,
      custom: false,
      orderable: true,
      navigable: true,
      searchable: true,
      clauseNames: [field.id],
      schema: {
        type: field.type,
        ...(field.items ? { items: field.items } : {}),
        system: field.id,
      },
    }));
    const custom = this.customFieldIds().map(id => {
      const number = Number(id.replace('customfield_', ''));
      return {
        id,
        key: id,
        name: customFieldName(id),
        untranslatedName: customFieldName(id),
        custom: true,
        orderable: true,
        navigable: true,
        searchable: true,
        clauseNames: [`cf[${number}]`, customFieldName(id)],
        schema: {
          type: 'string',
          custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textarea',
          customId: number,
        },
      };
    });
    return [...system, ...custom];
  }

  names(): Record<string, string> {
    return Object.fromEntries(
      this.fields().map(field => [field.id, field.name]),
    );
  }

  /** Every field of the issue, by field id. */
  private allFields(issue: JiraIssue): Record<string, unknown> {
    const { organisation, base } = this;
    const project = organisation.jira.projects.find(
      p => p.key === issue.projectKey,
    );
    const issueTypeId = idFor(
      ISSUE_TYPE_IDS,
      organisation.jira.issues.map(i => i.issueType),
      issue.issueType,
      10100,
    );
    const priorityId = idFor(
      PRIORITY_IDS,
      organisation.jira.issues.map(i => i.priority),
      issue.priority,
      10000,
    );
    const status = this.status(issue.status);
    // The model keeps no resolution; a done issue is shown resolved as "Done", at the last change
    // into its status (or its last update when the changelog does not say).
    const done = status.statusCategory.key === 'done';
    const resolvedAt = [...issue.changelog]
      .reverse()
      .find(entry =>
        entry.items.some(
          item => item.field === 'status' && item.toString === issue.status,
        ),
      )?.created;
    const fields: Record<string, unknown> = {
      summary: issue.summary,
      description: richText(issue.description, this.version),
      issuetype: {
        self: `${base}/issuetype/${issueTypeId}`,
        id: issueTypeId,
        description: '',
        name: issue.issueType,
        iconUrl: `${this.base}/universal_avatar/view/type/issuetype/avatar/${issueTypeId}`,
        subtask: issue.issueType === 'Sub-task',
        hierarchyLevel: HIERARCHY_LEVELS[issue.issueType] ?? 0,
      },
      priority: {
        self: `${base}/priority/${priorityId}`,
        id: priorityId,
        name: issue.priority,
        iconUrl: `${
          this.base
        }/images/icons/priorities/${issue.priority.toLowerCase()}.svg`,
      },
      status,
      resolution: done
        ? {
            self: `${base}/resolution/10000`,
            id: '10000',
            description: '',
            name: 'Done',
          }
        : null,
      resolutiondate: done ? jiraTime(resolvedAt ?? issue.updated) : null,
      reporter: this.user(issue.reporterAccountId),
      creator: this.user(issue.reporterAccountId),
      assignee: this.user(issue.assigneeAccountId),
      created: jiraTime(issue.created),
      updated: jiraTime(issue.updated),
      labels: issue.labels,
      project: {
        self: `${base}/project/${project?.id ?? issue.projectKey}`,
        id: project?.id ?? issue.projectKey,
        key: issue.projectKey,
        name: project?.name ?? issue.projectKey,
        projectTypeKey: 'software',
        simplified: false,
      },
    };
    // The fields every real issue carries, empty here: clients meet them as they meet them on
    // Jira (an empty comment page, no votes, no links) and must not trip over them.
    Object.assign(fields, {
      environment: null,
      duedate: null,
      lastViewed: null,
      timespent: null,
      timeoriginalestimate: null,
      timeestimate: null,
      aggregatetimespent: null,
      aggregatetimeoriginalestimate: null,
      aggregatetimeestimate: null,
      timetracking: {},
      progress: { progress: 0, total: 0 },
      aggregateprogress: { progress: 0, total: 0 },
      workratio: -1,
      votes: {
        self: `${base}/issue/${issue.key}/votes`,
        votes: 0,
        hasVoted: false,
      },
      watches: {
        self: `${base}/issue/${issue.key}/watchers`,
        watchCount: 1,
        isWatching: false,
      },
      fixVersions: [],
      versions: [],
      components: [],
      issuelinks: [],
      subtasks: [],
      attachment: [],
      comment: { comments: [], maxResults: 0, total: 0, startAt: 0 },
      worklog: { startAt: 0, maxResults: 20, total: 0, worklogs: [] },
    });
    for (const [id, value] of Object.entries(issue.customFields)) {
      fields[id] = richText(value, this.version);
    }
    return fields;
  }

  /**
   * One issue as `GET /issue/{key}` or a search returns it. `fields` is Jira's list: ids, `*all`,
   * `*navigable` (every field here is navigable), and `-id` to leave one out; unknown ids are
   * ignored, as Jira does. `expand` may hold `changelog` and `names`; other expansions are ignored.
   */
  issue(issue: JiraIssue, fields: string[], expand: string[]) {
    const all = this.allFields(issue);
    const wanted = new Set<string>();
    for (const field of fields) {
      if (field === '*all' || field === '*navigable')
        Object.keys(all).forEach(f => wanted.add(f));
      else if (!field.startsWith('-') && field in all) wanted.add(field);
    }
    for (const field of fields) {
      if (field.startsWith('-')) wanted.delete(field.slice(1));
    }
    const body: Record<string, unknown> = {
      expand:
        'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
      id: issue.id,
      self: `${this.base}/issue/${issue.id}`,
      key: issue.key,
      fields: Object.fromEntries(
        Object.entries(all).filter(([id]) => wanted.has(id)),
      ),
    };
    if (expand.includes('changelog')) {
      // Cloud expands at most the 100 most recent histories, newest first; the rest are only on
      // `/issue/{key}/changelog`.
      const histories = [...issue.changelog]
        .sort((a, b) => Date.parse(b.created) - Date.parse(a.created))
        .slice(0, 100)
        .map(entry => this.history(entry));
      body.changelog = {
        startAt: 0,
        maxResults: histories.length,
        total: issue.changelog.length,
        histories,
      };
    }
    if (expand.includes('names')) {
      const names = this.names();
      body.names = Object.fromEntries(
        Object.keys(body.fields as object).map(id => [id, names[id] ?? id]),
      );
    }
    return body;
  }

  /** One changelog history; `from`/`to` carry ids where the model lets us know them. */
  history(entry: JiraChangelogEntry) {
    const people = this.organisation.people;
    const accountIdOf = (name: string | null) =>
      name === null
        ? null
        : people.find(p => p.name === name)?.jiraAccountId ?? null;
    return {
      id: entry.id,
      author: this.user(entry.authorAccountId),
      created: jiraTime(entry.created),
      items: entry.items.map(item => {
        const custom = item.field.startsWith('customfield_');
        const system = SYSTEM_FIELDS.some(f => f.id === item.field);
        let from: string | null = null;
        let to: string | null = null;
        if (item.field === 'status') {
          from =
            item.fromString === null ? null : this.status(item.fromString).id;
          to = item.toString === null ? null : this.status(item.toString).id;
        } else if (item.field === 'assignee' || item.field === 'reporter') {
          from = accountIdOf(item.fromString);
          to = accountIdOf(item.toString);
        }
        return {
          field: custom ? customFieldName(item.field) : item.field,
          fieldtype: custom || !system ? 'custom' : 'jira',
          ...(custom || system ? { fieldId: item.field } : {}),
          from,
          fromString: item.fromString,
          to,
          toString: item.toString,
        };
      }),
    };
  }

  remoteLinks(issue: JiraIssue) {
    return issue.remoteLinks.map(link => ({
      id: link.id,
      self: `${this.base}/issue/${issue.key}/remotelink/${link.id}`,
      application: {},
      object: {
        url: link.url,
        title: link.title,
        icon: {},
        status: { icon: {} },
      },
    }));
  }
}
