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
import { RateLimitExhaustedError } from './client/requestPolicy';
import { GithubClients } from './GithubClients';
import { PROVIDER_ID, RepositorySync } from './sync/RepositorySync';
import { daysBefore } from './time';
import { RepositoryTurns } from './webhooks/RepositoryTurns';

/**
 * How long the catalog's list of repositories answers webhooks before it is read again. An
 * organisation webhook reports on every repository, most of which no service names: without it,
 * each delivery would read the catalog.
 */
const LISTING_MAX_AGE_MS = 60_000;

/** What one round of syncs did: the repositories synced, and those whose sync failed. */
export interface SyncSummary {
  repositories: number;
  failed: string[];
}

/**
 * GitHub as a source of changes, reviews, branch history, deployments and branch protection. Once
 * connected, it syncs every repository the catalog's services name, on the Backstage scheduler,
 * and a single repository when a webhook says it changed.
 */
export class GithubEvidenceProvider implements EvidenceProvider {
  readonly id = PROVIDER_ID;
  private sink?: EvidenceSink;
  private listing?: {
    listedAt: number;
    repositories: Promise<Map<string, ServiceRecord[]>>;
  };
  private readonly turns = new RepositoryTurns();

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
  async syncAll(): Promise<SyncSummary> {
    return this.syncEach(await this.repositories(0), { round: true });
  }

  /**
   * Syncs one repository, named as GitHub spells its `full_name` (GitHub matches names without
   * regard to case, and so does this), for a webhook about it. A repository no catalog service
   * names is not synced: `repositories` is 0.
   */
  async syncRepository(fullName: string): Promise<SyncSummary> {
    const wanted = fullName.toLowerCase();
    const all = await this.repositories(LISTING_MAX_AGE_MS);
    return this.syncEach(
      new Map([...all].filter(([slug]) => slug.toLowerCase() === wanted)),
    );
  }

  /**
   * Syncs the repositories one after the other. A round (every repository, as the schedule syncs
   * them) records its progress as it goes, for `GET /sources`.
   */
  private async syncEach(
    repositories: Map<string, ServiceRecord[]>,
    options: { round?: boolean } = {},
  ): Promise<SyncSummary> {
    const sink = this.connectedSink();
    const now = this.options.now ?? (() => new Date());
    const progress = {
      provider: this.id,
      startedAt: now().toISOString(),
      total: repositories.size,
      done: 0,
      failed: 0,
      itemsSynced: 0,
    };
    const report = async (finished = false) => {
      if (!options.round) return;
      await sink.recordRoundProgress({
        ...progress,
        ...(finished ? { finishedAt: now().toISOString() } : {}),
      });
    };
    await report();
    const failed: string[] = [];
    let budgetSpent: RateLimitExhaustedError | undefined;
    for (const [slug, services] of repositories) {
      // The token's budget is shared by every repository: once it is spent, the rest wait for
      // the next round instead of each asking GitHub to refuse it.
      if (budgetSpent) {
        failed.push(slug);
        continue;
      }
      progress.done += 1;
      try {
        // A sync already waiting for its turn is shared; its items count once, for its caller.
        let items = 0;
        await this.turns.inTurn(slug, async () => {
          items = await this.syncOne(sink, slug, services);
        });
        progress.itemsSynced += items;
        await report();
      } catch (error) {
        failed.push(slug);
        progress.failed += 1;
        await report();
        if (error instanceof RateLimitExhaustedError) {
          budgetSpent = error;
          this.options.logger.info(
            `GitHub sync paused at ${slug}: ${error.message}; the remaining repositories sync next round`,
          );
        } else {
          this.options.logger.warn(
            `GitHub sync of ${slug} failed; it resumes from its last cursor next time`,
            error as Error,
          );
        }
      }
    }
    await report(true);
    return { repositories: repositories.size, failed };
  }

  private async syncOne(
    sink: EvidenceSink,
    slug: string,
    services: ServiceRecord[],
  ): Promise<number> {
    const now = this.options.now ?? (() => new Date());
    return new RepositorySync({
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
  }

  /**
   * The repositories catalog services name, with the services in each, read from the catalog
   * when the last reading is older than `maxAgeMs`. Callers at the same time share one reading.
   */
  private repositories(
    maxAgeMs: number,
  ): Promise<Map<string, ServiceRecord[]>> {
    const sink = this.connectedSink();
    const now = Date.now();
    if (!this.listing || now - this.listing.listedAt >= maxAgeMs) {
      const repositories = sink.listServices().then(byRepository);
      const listing = { listedAt: now, repositories };
      this.listing = listing;
      // A failed reading is not kept: the next caller reads again.
      repositories.catch(() => {
        if (this.listing === listing) this.listing = undefined;
      });
    }
    return this.listing.repositories;
  }

  private connectedSink(): EvidenceSink {
    if (!this.sink) throw new Error('The GitHub provider is not connected');
    return this.sink;
  }
}

function byRepository(services: ServiceRecord[]): Map<string, ServiceRecord[]> {
  const repositories = new Map<string, ServiceRecord[]>();
  for (const service of services) {
    if (!service.repositorySlug) continue;
    repositories.set(service.repositorySlug, [
      ...(repositories.get(service.repositorySlug) ?? []),
      service,
    ]);
  }
  return repositories;
}
