import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Reading the change evidence and verdicts of services. Engineers and team leads need it for
 * their own services; a policy may narrow it.
 * @public
 */
export const evidenceReadPermission = createPermission({
  name: 'change-compliance.evidence.read',
  attributes: { action: 'read' },
});

/**
 * Drawing an audit sample and exporting an evidence package. The package leaves the portal, so
 * this is the auditor's permission, not everyone's.
 * @public
 */
export const auditExportPermission = createPermission({
  name: 'change-compliance.audit.export',
  attributes: { action: 'create' },
});

/**
 * Recording deployment events from CI/CD pipelines. Meant for service principals (external
 * access tokens), not for people: a person could otherwise invent deployments.
 * @public
 */
export const deploymentIngestPermission = createPermission({
  name: 'change-compliance.deployment.ingest',
  attributes: { action: 'create' },
});

/** Every permission the plugin defines, for registration with the permission framework. @public */
export const changeCompliancePermissions = [
  evidenceReadPermission,
  auditExportPermission,
  deploymentIngestPermission,
];
