import { ApprovalEvidence } from '@change-compliance/plugin-change-compliance-node';
import { actorOf } from '../mapping';
import { iso } from '../sync/readRepositoryEvidence';
import { GraphqlTimelineItem } from './queries';

/** The source of the approvals an issue's approval label records. */
export const LABEL_APPROVAL_SOURCE = 'github-issue-label';

/**
 * The approvals an issue's approval label records. Adding the label is the approval, by whoever
 * added it, when they added it: GitHub keeps both on the timeline, and nobody can backdate them.
 * Removing it is a rejection at that time, so the engine's rule that a later rejection voids an
 * earlier approval applies; adding it again is a new approval. Whether the person may approve
 * changes is the policy's `approverGroups`, judged by the engine against the catalog, not here:
 * a repository's triage permission is enough to label an issue.
 */
export function labelApprovals(
  ticketKey: string,
  timeline: GraphqlTimelineItem[],
  approvalLabel: string,
): ApprovalEvidence[] {
  const label = approvalLabel.toLowerCase();
  return timeline.flatMap(item => {
    if (
      (item.__typename !== 'LabeledEvent' &&
        item.__typename !== 'UnlabeledEvent') ||
      // GitHub label names are unique in a repository without regard to case.
      item.label.name.toLowerCase() !== label
    ) {
      return [];
    }
    return [
      {
        // The event's node id: global, and the same at every reading.
        id: item.id,
        source: LABEL_APPROVAL_SOURCE,
        approver: actorOf(item.actor),
        approvedAt: iso(item.createdAt),
        state: item.__typename === 'LabeledEvent' ? 'approved' : 'rejected',
        scope: { ticketKey },
      },
    ];
  });
}
