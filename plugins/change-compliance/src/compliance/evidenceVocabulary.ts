/**
 * The evidence's upstream ids in the words an auditor asks for it: the backend stores provider ids
 * (`jira-transition`, `customfield_10101`), the auditor asks "where was it approved?" and "is the
 * justification filled?". An id without a name here is shown as it is, so nothing new is hidden.
 */

const APPROVAL_SOURCES: Record<string, string> = {
  'jira-transition': 'Jira workflow',
  'servicenow-approval': 'ServiceNow approval',
  'github-deployment-review': 'GitHub deployment review',
  'github-issue-label': 'GitHub issue label',
};

const TICKET_SYSTEMS: Record<string, string> = {
  jira: 'Jira',
  servicenow: 'ServiceNow',
  'github-issues': 'GitHub Issues',
};

/** The logical fields the policy requires of a ticket (the control's step 4). */
const TICKET_FIELDS: Record<string, string> = {
  description: 'Description',
  requester: 'Requester',
  justification: 'Justification',
  implementationPlan: 'Implementation plan',
  rollbackPlan: 'Rollback plan',
};

function named(names: Record<string, string>, id: string): string {
  return Object.prototype.hasOwnProperty.call(names, id) ? names[id] : id;
}

export function approvalSourceLabel(source: string): string {
  return named(APPROVAL_SOURCES, source);
}

export function ticketSystemLabel(system: string): string {
  return named(TICKET_SYSTEMS, system);
}

export function ticketFieldLabel(field: string): string {
  return named(TICKET_FIELDS, field);
}

/** The evidence providers of `GET /sources` (the backend modules' ids). */
const SOURCE_PROVIDERS: Record<string, string> = {
  github: 'GitHub',
  gitlab: 'GitLab',
  argocd: 'Argo CD',
  jira: 'Jira',
  servicenow: 'ServiceNow',
};

export function sourceProviderLabel(provider: string): string {
  return named(SOURCE_PROVIDERS, provider);
}
