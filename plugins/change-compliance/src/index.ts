/**
 * Change Compliance frontend plugin, legacy frontend system. For the new frontend system see
 * `./alpha`.
 *
 * @packageDocumentation
 */

export {
  changeCompliancePlugin,
  EntityChangeComplianceContent,
  EntityGroupChangeComplianceContent,
} from './plugin';
export { isChangeComplianceAvailable } from './isChangeComplianceAvailable';
export { changeComplianceApiRef } from './api';
export type { ChangeComplianceApi } from './api';
