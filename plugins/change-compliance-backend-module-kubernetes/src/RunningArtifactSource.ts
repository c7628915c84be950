import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  ArtifactSource,
  EvidenceSink,
  SyncOutcome,
} from '@change-compliance/plugin-change-compliance-node';
import { KubernetesApi } from './clusters/KubernetesApi';
import { KubernetesService } from './clusters/kubernetesServices';
import { KubernetesCluster } from './clusters/readClusters';
import { runningContainers } from './clusters/runningContainers';

/** The id under which the sweeps are scheduled. */
export const KUBERNETES_SYNC_TASK = 'change-compliance-kubernetes-sync';

export const KUBERNETES_PROVIDER_ID = 'kubernetes';

export interface RunningArtifactSourceOptions {
  clusters: KubernetesCluster[];
  /** The catalog services that name their pods (see kubernetesServiceOf). */
  services: () => Promise<KubernetesService[]>;
  api?: KubernetesApi;
  logger: LoggerService;
  scheduler?: SchedulerService;
  schedule?: SchedulerServiceTaskScheduleDefinition;
  now?: () => Date;
}

/**
 * What production runs, from the portal's Kubernetes clusters: on each sweep, every judged
 * service's pods (found as the Kubernetes plugin finds them) and the image digest of each of their
 * containers, recorded as the service's running artefacts. What the sweep no longer sees is kept
 * as no longer running. A cluster that cannot be read keeps what was recorded of it and its
 * failure shows in `GET /sources`; the other clusters are swept all the same.
 */
export class RunningArtifactSource implements ArtifactSource {
  readonly id = KUBERNETES_PROVIDER_ID;
  private sink?: EvidenceSink;
  private readonly api: KubernetesApi;

  constructor(private readonly options: RunningArtifactSourceOptions) {
    this.api = options.api ?? new KubernetesApi();
  }

  async connect(sink: EvidenceSink): Promise<void> {
    this.sink = sink;
    const { scheduler, schedule } = this.options;
    if (!scheduler || !schedule) return;
    await scheduler.scheduleTask({
      id: KUBERNETES_SYNC_TASK,
      scope: 'global',
      ...schedule,
      fn: async () => {
        await this.syncAll();
      },
    });
  }

  /** One sweep of every cluster; resolves with each cluster's outcome. */
  async syncAll(): Promise<SyncOutcome[]> {
    const sink = this.sink;
    if (!sink) throw new Error('The Kubernetes source is not connected');
    // Only the services the product judges: their running artefacts are joined to deployments.
    const judged = new Set((await sink.listServices()).map(s => s.entityRef));
    const services = (await this.options.services()).filter(s =>
      judged.has(s.entityRef),
    );
    const outcomes: SyncOutcome[] = [];
    for (const cluster of this.options.clusters) {
      outcomes.push(await this.sweep(sink, cluster, services));
    }
    return outcomes;
  }

  private async sweep(
    sink: EvidenceSink,
    cluster: KubernetesCluster,
    services: KubernetesService[],
  ): Promise<SyncOutcome> {
    const startedAt = this.now().toISOString();
    let outcome: SyncOutcome;
    try {
      const observations = [];
      for (const service of services) {
        const pods = await this.api.listPods(cluster, {
          labelSelector: service.labelSelector,
          namespace: service.namespace,
        });
        observations.push(
          ...runningContainers(pods, {
            serviceRef: service.entityRef,
            cluster: cluster.name,
            observedAt: startedAt,
          }),
        );
      }
      await sink.recordRunningArtifacts(
        {
          cluster: cluster.name,
          serviceRefs: services.map(s => s.entityRef),
          observedAt: startedAt,
        },
        observations,
      );
      outcome = {
        provider: this.id,
        scope: cluster.name,
        startedAt,
        finishedAt: this.now().toISOString(),
        result: 'success',
        cursor: startedAt,
        itemsSynced: observations.length,
      };
      this.options.logger.info(
        `Kubernetes cluster ${cluster.name}: ${observations.length} running containers of ${services.length} services`,
      );
    } catch (error) {
      const message = (error as Error).message;
      outcome = {
        provider: this.id,
        scope: cluster.name,
        startedAt,
        finishedAt: this.now().toISOString(),
        result: 'failure',
        error: message,
      };
      this.options.logger.warn(
        `Kubernetes cluster ${cluster.name} could not be swept; what was recorded of it stays: ${message}`,
      );
    }
    await sink.recordSync(outcome);
    return outcome;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
