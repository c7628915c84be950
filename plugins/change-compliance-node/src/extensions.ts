import { createExtensionPoint } from '@backstage/backend-plugin-api';

/**
 * A source of production deployment records (GitHub Deployments, Argo CD, a CI pipeline).
 * Its methods are defined with the evidence model; for now a provider only names itself.
 * @public
 */
export interface DeploymentSource {
  /** Stable id of the source, e.g. `github`; used as the source of every record it writes. */
  readonly id: string;
}

/** A source-control host that knows changes, reviews and branch protection. @public */
export interface SourceControlProvider {
  readonly id: string;
}

/** A ticket system (Jira, ServiceNow, GitHub Issues) that holds tickets and approvals. @public */
export interface TicketSystem {
  readonly id: string;
}

/** What a backend module may register with the Change Compliance backend. @public */
export interface ChangeComplianceProvidersExtensionPoint {
  addDeploymentSource(source: DeploymentSource): void;
  addSourceControlProvider(provider: SourceControlProvider): void;
  addTicketSystem(system: TicketSystem): void;
}

/** @public */
export const changeComplianceProvidersExtensionPoint =
  createExtensionPoint<ChangeComplianceProvidersExtensionPoint>({
    id: 'change-compliance.providers',
  });
