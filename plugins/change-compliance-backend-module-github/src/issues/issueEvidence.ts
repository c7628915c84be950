import {
  ApprovalEvidence,
  EvidenceSink,
  TicketEvidence,
} from '@change-compliance/plugin-change-compliance-node';
import { actorOf } from '../mapping';
import { iso } from '../sync/readRepositoryEvidence';
import { backLinks } from './backLinks';
import { issueSections } from './issueSections';
import { labelApprovals } from './labelApprovals';
import { GraphqlIssue } from './queries';

/** The ticket system whose tickets are GitHub issues: the policy's `ticketProjects[].system`. */
export const GITHUB_ISSUES_SYSTEM = 'github-issues';

/** Fields every issue has beside its body's sections; a heading of the same name gives way. */
const AUTHOR_FIELD = 'author';
const TITLE_FIELD = 'title';

/** What one issue tells: the ticket, and the approvals its approval label records. */
export interface IssueEvidence {
  ticket: TicketEvidence;
  approvals: ApprovalEvidence[];
}

/**
 * A GitHub issue, with its whole timeline read, as a ticket. `key` is `owner/name#n` as the
 * policy spells the repository (the engine keys tickets so). The fields are the body's sections
 * by heading, with `author` (the login of who opened it: the requester) and `title`; the status
 * history records the opening by the author, so that the requester is a person the catalog can
 * resolve.
 */
export function issueEvidence(
  issue: GraphqlIssue,
  options: { key: string; repository: string; approvalLabel: string },
): IssueEvidence {
  const timeline = issue.timelineItems.nodes;
  const author = actorOf(issue.author);
  const fields: TicketEvidence['fields'] = {};
  for (const [heading, text] of Object.entries(issueSections(issue.body))) {
    const folded = heading.toLowerCase();
    if (folded !== AUTHOR_FIELD && folded !== TITLE_FIELD)
      fields[heading] = text;
  }
  // A deleted account is GitHub's "ghost": nobody, so no requester.
  fields[AUTHOR_FIELD] = issue.author ? author.login : null;
  fields[TITLE_FIELD] = issue.title;
  return {
    ticket: {
      system: GITHUB_ISSUES_SYSTEM,
      key: options.key,
      url: issue.url,
      fields,
      statusHistory: [
        { from: null, to: 'open', actor: author, at: iso(issue.createdAt) },
      ],
      links: backLinks(issue, options.repository, timeline),
    },
    approvals: labelApprovals(options.key, timeline, options.approvalLabel),
  };
}

/** Writes issues' tickets and approvals; nothing at all when there is nothing. */
export async function storeIssueEvidence(
  sink: EvidenceSink,
  evidence: IssueEvidence[],
): Promise<void> {
  const approvals = evidence.flatMap(e => e.approvals);
  if (evidence.length > 0)
    await sink.upsertTickets(evidence.map(e => e.ticket));
  if (approvals.length > 0) await sink.upsertApprovals(approvals);
}
