/**
 * Change Compliance frontend plugin, legacy frontend system. For the new frontend system see
 * `./alpha`.
 *
 * @packageDocumentation
 */

export {
  changeCompliancePlugin,
  ChangeComplianceAuditPage,
  EntityChangeComplianceContent,
  EntityChangeComplianceOverviewCard,
  EntityGroupChangeComplianceContent,
} from './plugin';
export { auditWorkspaceRouteRef } from './routes';
export { isChangeComplianceAvailable } from './isChangeComplianceAvailable';
export { changeComplianceApiRef } from './api';
export type { ChangeComplianceApi } from './api';
