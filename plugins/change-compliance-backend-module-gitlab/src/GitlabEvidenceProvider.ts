import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  EvidenceProvider,
  EvidenceSink,
  ServiceRecord,
  daysBefore,
} from '@change-compliance/plugin-change-compliance-node';
import { GitlabClient } from './client/GitlabClient';
import { PROVIDER_ID } from './mapping';
import { ProjectSync } from './sync/ProjectSync';

/** What one round of syncs did: the projects synced, and those whose sync failed. */
export interface SyncSummary {
  projects: number;
  failed: string[];
}

export interface GitlabEvidenceProviderOptions {
  /** A client of the GitLab the services' `gitlab.com/project-slug`s name. */
  client: GitlabClient;
  /** That GitLab's host, as `integrations.gitlab[].host` names it. */
  host: string;
  /** How many days back a first sync reads. */
  windowDays: number;
  logger: LoggerService;
  scheduler?: SchedulerService;
  schedule?: SchedulerServiceTaskScheduleDefinition;
  now?: () => Date;
}

/**
 * GitLab as a source of changes (merged merge requests with their approvals), branch history,
 * deployments and branch protection. Once connected, it syncs every project that a catalog
 * service names with `gitlab.com/project-slug`, one after the other, on the Backstage scheduler
 * (global: with several replicas one syncs at a time; the cursors are in the shared store).
 */
export class GitlabEvidenceProvider implements EvidenceProvider {
  readonly id = PROVIDER_ID;
  private sink?: EvidenceSink;

  constructor(private readonly options: GitlabEvidenceProviderOptions) {}

  async connect(sink: EvidenceSink): Promise<void> {
    this.sink = sink;
    const { scheduler, schedule } = this.options;
    if (!scheduler || !schedule) return;
    await scheduler.scheduleTask({
      id: 'change-compliance-gitlab-sync',
      scope: 'global',
      ...schedule,
      fn: async () => {
        await this.syncAll();
      },
    });
  }

  /** Syncs every GitLab project a catalog service names; one failing project stops none. */
  async syncAll(): Promise<SyncSummary> {
    const sink = this.connectedSink();
    const now = this.options.now ?? (() => new Date());
    const { logger } = this.options;
    const projects = onGitlab(await sink.listServices());
    const progress = {
      provider: this.id,
      startedAt: now().toISOString(),
      total: projects.size,
      done: 0,
      failed: 0,
      itemsSynced: 0,
    };
    await sink.recordRoundProgress(progress);
    const failed: string[] = [];
    for (const [slug, services] of projects) {
      progress.done += 1;
      try {
        progress.itemsSynced += await new ProjectSync({
          client: this.options.client,
          sink,
          host: this.options.host,
          slug,
          services,
          windowStart: daysBefore(now(), this.options.windowDays),
          now,
        }).run();
      } catch (error) {
        failed.push(slug);
        progress.failed += 1;
        logger.warn(
          `GitLab sync of ${slug} failed; it resumes from its last cursor next time`,
          error as Error,
        );
      }
      await sink.recordRoundProgress(progress);
    }
    await sink.recordRoundProgress({
      ...progress,
      finishedAt: now().toISOString(),
    });
    logger.info(
      `GitLab sync round finished: ${projects.size - failed.length} of ${
        projects.size
      } projects synced`,
    );
    return { projects: projects.size, failed };
  }

  private connectedSink(): EvidenceSink {
    if (!this.sink) throw new Error('The GitLab provider is not connected');
    return this.sink;
  }
}

/** The GitLab projects the services name, with the services in each. */
function onGitlab(services: ServiceRecord[]): Map<string, ServiceRecord[]> {
  const projects = new Map<string, ServiceRecord[]>();
  for (const service of services) {
    if (!service.repositorySlug || service.sourceControl !== PROVIDER_ID) {
      continue;
    }
    projects.set(service.repositorySlug, [
      ...(projects.get(service.repositorySlug) ?? []),
      service,
    ]);
  }
  return projects;
}
