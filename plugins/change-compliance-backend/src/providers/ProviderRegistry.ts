import {
  ArtifactSource,
  ChangeComplianceProvidersExtensionPoint,
  DeploymentSource,
  EvidenceSink,
  SourceControlProvider,
  TicketSystem,
} from '@change-compliance/plugin-change-compliance-node';

/**
 * Collects the providers that backend modules register through the extension point. Ids are
 * the natural keys of everything a provider writes, so two providers with one id are refused.
 */
export class ProviderRegistry
  implements ChangeComplianceProvidersExtensionPoint
{
  private readonly deploymentSources = new Map<string, DeploymentSource>();
  private readonly sourceControlProviders = new Map<
    string,
    SourceControlProvider
  >();
  private readonly ticketSystems = new Map<string, TicketSystem>();
  private readonly artifactSources = new Map<string, ArtifactSource>();

  addDeploymentSource(source: DeploymentSource): void {
    this.add(this.deploymentSources, 'deployment source', source);
  }

  addSourceControlProvider(provider: SourceControlProvider): void {
    this.add(this.sourceControlProviders, 'source-control provider', provider);
  }

  addTicketSystem(system: TicketSystem): void {
    this.add(this.ticketSystems, 'ticket system', system);
  }

  addArtifactSource(source: ArtifactSource): void {
    this.add(this.artifactSources, 'artifact source', source);
  }

  /**
   * Connects every provider to the sink, once the store is ready. A provider whose connect fails
   * stops the start, as a catalog entity provider's does: better no portal than evidence silently
   * missing.
   */
  async connectAll(sink: EvidenceSink): Promise<void> {
    const all = new Set([
      ...this.deploymentSources.values(),
      ...this.sourceControlProviders.values(),
      ...this.ticketSystems.values(),
      ...this.artifactSources.values(),
    ]);
    for (const provider of all) {
      await provider.connect(sink);
    }
  }

  /**
   * Asks every ticket system for these tickets at once. One system failing (its server down) keeps
   * no other from answering: the evaluation goes on with what the store has, and the failing
   * system's own sync reads the tickets later.
   */
  async fetchTickets(
    keys: string[],
    onError: (system: string, error: Error) => void,
  ): Promise<void> {
    if (keys.length === 0) return;
    await Promise.all(
      [...this.ticketSystems.values()].map(async system => {
        try {
          await system.fetchTickets?.(keys);
        } catch (error) {
          onError(system.id, error as Error);
        }
      }),
    );
  }

  /** The ids of every registered provider, by role. */
  describe() {
    return {
      deploymentSources: [...this.deploymentSources.keys()].sort(),
      sourceControl: [...this.sourceControlProviders.keys()].sort(),
      ticketSystems: [...this.ticketSystems.keys()].sort(),
      artifactSources: [...this.artifactSources.keys()].sort(),
    };
  }

  private add<T extends { id: string }>(
    into: Map<string, T>,
    role: string,
    provider: T,
  ) {
    if (!provider.id) {
      throw new Error(`A ${role} must have an id`);
    }
    if (into.has(provider.id)) {
      throw new Error(
        `Two ${role}s registered with the id '${provider.id}'; ids must be unique`,
      );
    }
    into.set(provider.id, provider);
  }
}
