import { LoggerService } from '@backstage/backend-plugin-api';
import { JiraApi } from '../client/JiraApi';

/** Jira's own fields a policy may map, by id. */
const SYSTEM_FIELD_IDS = new Set([
  'summary',
  'description',
  'environment',
  'reporter',
  'creator',
  'assignee',
  'priority',
  'labels',
  'components',
  'fixVersions',
  'versions',
  'duedate',
  'issuetype',
  'status',
  'resolution',
]);

function isFieldId(name: string): boolean {
  return SYSTEM_FIELD_IDS.has(name) || /^customfield_\d+$/.test(name);
}

/**
 * The field ids of the fields the policy's mapping names. A mapping may name a field by its id
 * (`description`, `customfield_10101`) or by its display name (`Rollback plan`), as a person
 * reads it on the screen; names are looked up in Jira's field list, read only when one is used.
 * A name Jira does not know maps to nothing, so the field counts as not filled.
 */
export async function resolveFieldIds(
  mapped: string[],
  api: JiraApi,
  logger: LoggerService,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const names = mapped.filter(name => !isFieldId(name));
  const byName = new Map<string, string>();
  if (names.length > 0) {
    for (const field of await api.fields()) {
      if (!byName.has(field.name)) byName.set(field.name, field.id);
      const lower = field.name.toLowerCase();
      if (!byName.has(lower)) byName.set(lower, field.id);
    }
  }
  for (const name of mapped) {
    if (isFieldId(name)) {
      ids.set(name, name);
      continue;
    }
    const id = byName.get(name) ?? byName.get(name.toLowerCase());
    if (id) {
      ids.set(name, id);
    } else {
      logger.warn(
        `Jira has no field named '${name}' (changeCompliance.policy.ticketFieldMapping.jira); tickets will show it empty`,
      );
    }
  }
  return ids;
}
