import { LoggerService } from '@backstage/backend-plugin-api';
import { inParallel } from '@change-compliance/plugin-change-compliance-node';
import { JiraApi } from '../client/JiraApi';
import { JiraIssue } from '../client/shapes';
import { IssueEvidence, issueEvidence } from '../evidence/issueEvidence';
import { ApprovalStatuses } from '../evidence/transitionApprovals';
import { isoFromJira } from '../time';
import { resolveFieldIds } from './fieldIds';
import { remembered } from './remembered';

/** Fields every ticket needs besides the mapped ones: emergency markers and the sync's cursor. */
const TICKET_FIELDS = ['issuetype', 'priority', 'updated'];

/** How many issues have their remote links (or a long changelog) read at the same time. */
const ISSUES_IN_PARALLEL = 8;

/** What one search read: how many issues, and the latest `updated` among them. */
export interface ReadOutcome {
  issues: number;
  latestUpdate?: string;
}

/**
 * Reads the issues a JQL query selects as evidence, a page of up to a hundred at a time: each
 * page's search brings the issues' fields and changelogs; the changelogs Jira cut short are read
 * whole, and each issue's remote links are read (Jira has no way to read those in bulk).
 */
export class IssueReader {
  /** Asked once: the mapping and Jira's fields do not change while the backend runs. */
  private readonly mappedFieldIds = remembered(() =>
    resolveFieldIds(
      this.options.mappedFields,
      this.options.api,
      this.options.logger,
    ),
  );

  constructor(
    private readonly options: {
      api: JiraApi;
      /** Where people open tickets: `<siteUrl>/browse/<key>`. */
      siteUrl: string;
      statuses: ApprovalStatuses;
      /** The fields the policy's `ticketFieldMapping.jira` names, by id or display name. */
      mappedFields: string[];
      logger: LoggerService;
    },
  ) {}

  /** Reads every page, handing each page's evidence to `write` before the next is asked for. */
  async read(
    jql: string,
    write: (evidence: IssueEvidence[]) => Promise<void>,
  ): Promise<ReadOutcome> {
    const fieldIds = await this.mappedFieldIds();
    const fields = [...new Set([...fieldIds.values(), ...TICKET_FIELDS])];
    const seen = new Set<string>();
    let latestUpdate: string | undefined;
    let next: string | undefined;
    do {
      const page = await this.options.api.search({ jql, fields, next });
      // A list that grew between pages repeats an issue at the next page's start.
      const issues = page.issues.filter(issue => !seen.has(issue.key));
      issues.forEach(issue => seen.add(issue.key));
      await write(
        await inParallel(issues, ISSUES_IN_PARALLEL, issue =>
          this.evidenceOf(issue, fieldIds),
        ),
      );
      for (const issue of issues) {
        const updated = issue.fields.updated;
        if (typeof updated !== 'string') continue;
        const at = isoFromJira(updated);
        if (!latestUpdate || at > latestUpdate) latestUpdate = at;
      }
      next = page.next;
    } while (next);
    return { issues: seen.size, latestUpdate };
  }

  private async evidenceOf(
    issue: JiraIssue,
    fieldIds: Map<string, string>,
  ): Promise<IssueEvidence> {
    const { api } = this.options;
    const expanded = issue.changelog?.histories;
    const complete =
      expanded !== undefined &&
      (issue.changelog?.total ?? expanded.length) <= expanded.length;
    const [histories, remoteLinks] = await Promise.all([
      complete ? expanded : api.changelog(issue.key),
      api.remoteLinks(issue.key),
    ]);
    return issueEvidence({
      issue,
      histories,
      remoteLinks,
      fieldIds,
      siteUrl: this.options.siteUrl,
      statuses: this.options.statuses,
    });
  }
}
