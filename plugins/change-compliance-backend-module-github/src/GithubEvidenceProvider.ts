import {
  EvidenceProvider,
  EvidenceSink,
  ServiceRecord,
  daysBefore,
} from '@change-compliance/plugin-change-compliance-node';
import { PROVIDER_ID, RepositorySync } from './sync/RepositorySync';
import { SyncSummary, syncRound } from './sync/syncRound';
import { ScheduledSyncOptions, scheduleSync } from './sync/syncSchedule';
import { RepositoryTurns } from './webhooks/RepositoryTurns';

export type { SyncSummary };

/**
 * How long the catalog's list of repositories answers webhooks before it is read again. An
 * organisation webhook reports on every repository, most of which no service names: without it,
 * each delivery would read the catalog.
 */
const LISTING_MAX_AGE_MS = 60_000;

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
    private readonly options: ScheduledSyncOptions & {
      /** The GitHub host of the services' `github.com/project-slug`s. */
      host: string;
    },
  ) {}

  async connect(sink: EvidenceSink): Promise<void> {
    this.sink = sink;
    await scheduleSync({
      id: 'change-compliance-github-sync',
      scheduler: this.options.scheduler,
      schedule: this.options.schedule,
      sync: () => this.syncAll(),
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

  private async syncEach(
    repositories: Map<string, ServiceRecord[]>,
    options: { round?: boolean } = {},
  ): Promise<SyncSummary> {
    const sink = this.connectedSink();
    return syncRound({
      sink,
      provider: this.id,
      name: 'GitHub sync',
      repositories: [...repositories.keys()],
      round: options.round ?? false,
      now: this.options.now ?? (() => new Date()),
      logger: this.options.logger,
      syncOne: async slug => {
        // A sync already waiting for its turn is shared; its items count once, for its caller.
        let items = 0;
        await this.turns.inTurn(slug, async () => {
          items = await this.syncOne(sink, slug, repositories.get(slug)!);
        });
        return items;
      },
    });
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
    // Another host's repository (a GitLab project) is its own provider's to sync.
    if (
      !service.repositorySlug ||
      (service.sourceControl ?? 'github') !== 'github'
    ) {
      continue;
    }
    repositories.set(service.repositorySlug, [
      ...(repositories.get(service.repositorySlug) ?? []),
      service,
    ]);
  }
  return repositories;
}
