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

/**
 * A source of what artefacts are: what production runs (a Kubernetes cluster's pods) or how an
 * image was built (attestations with build provenance). @public
 */
export type ArtifactSource = EvidenceProvider;

/**
 * A ticket system (Jira, ServiceNow, GitHub Issues) that holds tickets and approvals. It keeps its
 * tickets current on its own schedule, and fetches the tickets of new changes when asked.
 * @public
 */
export interface TicketSystem extends EvidenceProvider {
  /**
   * Fetches these tickets now, with their approvals, into the sink: changes about to be evaluated
   * reference them and the store does not have them yet. Keys of projects this system does not
   * hold are ignored. Without it, such tickets are read at the system's next scheduled sync.
   */
  fetchTickets?(keys: string[]): Promise<void>;
}

/** What a backend module may register with the Change Compliance backend. @public */
export interface ChangeComplianceProvidersExtensionPoint {
  addDeploymentSource(source: DeploymentSource): void;
  addSourceControlProvider(provider: SourceControlProvider): void;
  addTicketSystem(system: TicketSystem): void;
  addArtifactSource(source: ArtifactSource): void;
}

/** @public */
export const changeComplianceProvidersExtensionPoint =
  createExtensionPoint<ChangeComplianceProvidersExtensionPoint>({
    id: 'change-compliance.providers',
  });
