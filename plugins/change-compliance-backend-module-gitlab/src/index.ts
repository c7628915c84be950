/**
 * Change Compliance evidence from GitLab: merged merge requests with their approvals and commits,
 * branch history, deployments and branch protection with the project's approval settings.
 *
 * @packageDocumentation
 */

export { changeComplianceModuleGitlab as default } from './module';
export { GitlabEvidenceProvider } from './GitlabEvidenceProvider';
export type {
  GitlabEvidenceProviderOptions,
  SyncSummary,
} from './GitlabEvidenceProvider';
export { GitlabClient } from './client/GitlabClient';
export { gitlabClientFromConfig } from './client/gitlabClientFromConfig';
