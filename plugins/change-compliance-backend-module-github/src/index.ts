/**
 * Change Compliance evidence from GitHub: merged PRs with their reviews and commits, branch
 * history, deployments and branch protection.
 *
 * @packageDocumentation
 */

export { changeComplianceModuleGithub as default } from './module';
export { GithubEvidenceProvider } from './GithubEvidenceProvider';
export { GithubClients } from './GithubClients';
