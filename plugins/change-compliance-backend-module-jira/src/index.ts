/**
 * Change Compliance tickets and approvals from Jira Cloud or Data Center: each linked ticket's
 * required fields, its status history, the approvals its workflow records and its links back to
 * the change.
 *
 * @packageDocumentation
 */

export { changeComplianceModuleJira as default } from './module';
export { JiraTicketSystem } from './JiraTicketSystem';
export type { SyncSummary } from './JiraTicketSystem';
export { createJiraApi } from './client/JiraApi';
export type {
  JiraApi,
  JiraAuthentication,
  JiraDeployment,
} from './client/JiraApi';
export { readJiraSettings } from './config';
export type { JiraSettings } from './config';
