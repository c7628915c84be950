import { Actor } from '@change-compliance/plugin-change-compliance-node';
import { JiraChangeItem, JiraHistory } from '../client/shapes';
import { isoFromJira } from '../time';
import { ANONYMOUS, jiraActor } from './jiraActor';

/** One move of an issue from one status to another, as its changelog records it. */
export interface StatusTransition {
  /** The changelog history's id: Jira's own record of the move. */
  historyId: string;
  from: string | null;
  to: string;
  actor: Actor;
  at: string;
}

/**
 * Whether a changelog item records the workflow status. Cloud names the field by its id; Data
 * Center by name alone. A custom field that happens to be called "Status" is not the workflow.
 */
function isStatusItem(item: JiraChangeItem): boolean {
  if (item.fieldtype === 'custom') return false;
  return (item.fieldId ?? item.field).toLowerCase() === 'status';
}

/**
 * Every status change in a changelog, oldest first (Jira lists histories newest first in an
 * issue's expanded changelog and oldest first on the changelog resource; either may come here).
 */
export function statusTransitions(
  histories: JiraHistory[],
): StatusTransition[] {
  const transitions: StatusTransition[] = [];
  for (const history of histories) {
    for (const item of history.items ?? []) {
      if (!isStatusItem(item) || !item.toString) continue;
      transitions.push({
        historyId: history.id ?? history.created,
        from: item.fromString,
        to: item.toString,
        actor: history.author ? jiraActor(history.author) : ANONYMOUS,
        at: isoFromJira(history.created),
      });
    }
  }
  return transitions.sort(
    (a, b) =>
      Date.parse(a.at) - Date.parse(b.at) ||
      Number(a.historyId) - Number(b.historyId),
  );
}
