export { changeComplianceApiRef } from './ChangeComplianceApi';
export type { ChangeComplianceApi } from './ChangeComplianceApi';
