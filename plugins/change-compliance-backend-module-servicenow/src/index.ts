/**
 * Change Compliance evidence from ServiceNow: change requests as tickets, and their approval
 * records as approvals.
 *
 * @packageDocumentation
 */

export { changeComplianceModuleServiceNow as default } from './module';
export { ServiceNowTicketSystem } from './ServiceNowTicketSystem';
export type { ServiceNowTicketSystemOptions } from './ServiceNowTicketSystem';
export { TableApiClient } from './client/TableApiClient';
export { basicCredentials } from './client/credentials';
export { OAuthCredentials } from './client/OAuthCredentials';
export type { OAuthOptions } from './client/OAuthCredentials';
export type { ServiceNowCredentials } from './client/credentials';
