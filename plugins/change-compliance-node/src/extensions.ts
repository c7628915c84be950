import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { EvidenceSink } from './sink';

/**
 * A provider of evidence. Like a catalog entity provider, it is connected once the backend is
 * ready, and from then on syncs on its own schedule (or on webhooks) into the sink.
 * @public
 */
export interface EvidenceProvider {
  /** Stable id, e.g. `github`; the source of every record it writes and its sync state's key. */
  readonly id: string;
  /** Called once at start, when the evidence store is ready. */
  connect(sink: EvidenceSink): Promise<void>;
}

/** A source of production deployment records (GitHub Deployments, Argo CD, a CI pipeline). @public */
export type DeploymentSource = EvidenceProvider;

/** A source-control host that knows changes, reviews and branch protection. @public */
export type SourceControlProvider = EvidenceProvider;

/** A ticket system (Jira, ServiceNow, GitHub Issues) that holds tickets and approvals. @public */
export type TicketSystem = EvidenceProvider;

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
