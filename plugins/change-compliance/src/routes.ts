import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * Where the legacy app mounts the auditor's workspace (`ChangeComplianceAuditPage`); other
 * plugins link to it through this ref.
 *
 * @public
 */
export const auditWorkspaceRouteRef = createRouteRef({
  id: 'change-compliance:audit-workspace',
});
