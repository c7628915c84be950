export { EntityChangeComplianceContent } from './EntityChangeComplianceContent';
