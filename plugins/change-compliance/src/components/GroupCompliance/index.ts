export { EntityGroupChangeComplianceContent } from './EntityGroupChangeComplianceContent';
