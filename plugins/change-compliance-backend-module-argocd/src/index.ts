/**
 * Change Compliance deployments from Argo CD: every synced revision of the catalog's Argo CD
 * applications, from one or several instances.
 *
 * @packageDocumentation
 */

export { changeComplianceModuleArgoCd as default } from './module';
export { ArgoCdDeploymentSource } from './ArgoCdDeploymentSource';
export type {
  ArgoCdDeploymentSourceOptions,
  ArgoCdSyncSummary,
} from './ArgoCdDeploymentSource';
export { ArgoCdClient } from './client/ArgoCdClient';
export { readArgoCdConfig } from './config/readArgoCdConfig';
export type { ArgoCdInstance, ArgoCdSettings } from './config/readArgoCdConfig';
export { argoCdTarget, ARGOCD_ANNOTATIONS } from './catalog/argoCdAnnotations';
export type { ArgoCdTarget } from './catalog/argoCdAnnotations';
