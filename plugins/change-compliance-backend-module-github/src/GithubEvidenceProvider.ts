import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  EvidenceProvider,
  EvidenceSink,
  ServiceRecord,
} from '@change-compliance/plugin-change-compliance-node';
import { GithubClients } from './GithubClients';
import { PROVIDER_ID, RepositorySync } from './sync/RepositorySync';
import { daysBefore } from './time';

/**
 * GitHub as a source of changes, reviews, branch history, deployments and branch protection. Once
 * connected, it syncs every repository the catalog's services name, on the Backstage scheduler.
 */
export class GithubEvidenceProvider implements EvidenceProvider {
  readonly id = PROVIDER_ID;
  private sink?: EvidenceSink;

  constructor(
    private readonly options: {
      clients: GithubClients;
      /** The GitHub host of the services' `github.com/project-slug`s. */
      host: string;
      windowDays: number;
      logger: LoggerService;
      scheduler?: SchedulerService;
      schedule?: SchedulerServiceTaskScheduleDefinition;
      now?: () => Date;
    },
  ) {}

  async connect(sink: EvidenceSink): Promise<void> {
    this.sink = sink;
    const { scheduler, schedule } = this.options;
    if (!scheduler || !schedule) return;
    // Global: with several replicas, one syncs at a time; the cursors are in the shared store.
    await scheduler.scheduleTask({
      id: 'change-compliance-github-sync',
      scope: 'global',
      ...schedule,
      fn: async () => {
        await this.syncAll();
      },
    });
  }

  /** Syncs every repository that a catalog service names; one failing repository stops none. */
  async syncAll(): Promise<{ repositories: number; failed: string[] }> {
    const sink = this.sink;
    if (!sink) throw new Error('The GitHub provider is not connected');
    const byRepository = new Map<string, ServiceRecord[]>();
    for (const service of await sink.listServices()) {
      if (!service.repositorySlug) continue;
      byRepository.set(service.repositorySlug, [
        ...(byRepository.get(service.repositorySlug) ?? []),
        service,
      ]);
    }
    const now = this.options.now ?? (() => new Date());
    const failed: string[] = [];
    for (const [slug, services] of byRepository) {
      try {
        await new RepositorySync({
          octokit: await this.options.clients.forRepository(
            this.options.host,
            slug,
          ),
          sink,
          host: this.options.host,
          slug,
          services,
          windowStart: daysBefore(now(), this.options.windowDays),
          now,
        }).run();
      } catch (error) {
        failed.push(slug);
        this.options.logger.warn(
          `GitHub sync of ${slug} failed; it resumes from its last cursor next time`,
          error as Error,
        );
      }
    }
    return { repositories: byRepository.size, failed };
  }
}
