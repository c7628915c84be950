import {
  EvidenceSink,
  TicketSystem,
  daysBefore,
} from '@change-compliance/plugin-change-compliance-node';
import { SyncSummary, syncRound } from '../sync/syncRound';
import { ScheduledSyncOptions, scheduleSync } from '../sync/syncSchedule';
import {
  GITHUB_ISSUES_SYSTEM,
  issueEvidence,
  storeIssueEvidence,
} from './issueEvidence';
import { IssueRepositorySync } from './IssueRepositorySync';
import { readIssuesByNumber } from './readIssues';
import { TicketRepositories, TicketRepository } from './ticketRepositories';

/** The label whose adding approves a change, unless `changeCompliance.githubIssues.approvalLabel` says otherwise. */
export const DEFAULT_APPROVAL_LABEL = 'change-approved';

/**
 * GitHub Issues as a ticket system, for teams without Jira: the issues of the repositories the
 * policy lists are tickets, read with the portal's GitHub credentials. Once connected, it syncs
 * those repositories' issues on the Backstage scheduler, and fetches the issues that newly synced
 * changes reference when the evaluation asks, a hundred per request.
 */
export class GithubIssuesTicketSystem implements TicketSystem {
  readonly id = GITHUB_ISSUES_SYSTEM;
  private sink?: EvidenceSink;

  constructor(
    private readonly options: ScheduledSyncOptions & {
      repositories: TicketRepositories;
      approvalLabel: string;
    },
  ) {}

  async connect(sink: EvidenceSink): Promise<void> {
    this.sink = sink;
    await scheduleSync({
      id: 'change-compliance-github-issues-sync',
      scheduler: this.options.scheduler,
      schedule: this.options.schedule,
      sync: () => this.syncAll(),
    });
  }

  /**
   * Syncs the issues of every listed repository, as a round; one failing repository stops none,
   * and a spent rate limit leaves the rest for the next round.
   */
  async syncAll(): Promise<SyncSummary> {
    const sink = this.connectedSink();
    const { repositories, clients } = this.options;
    const listed = new Map(repositories.list().map(r => [r.slug, r]));
    // A ticket of one listed repository may be referenced from any other listed one.
    const serviceRefs = (await sink.listServices())
      .filter(s => s.repositorySlug && repositories.has(s.repositorySlug))
      .map(s => s.entityRef);
    const now = this.options.now ?? (() => new Date());
    return syncRound({
      sink,
      provider: this.id,
      name: 'GitHub Issues sync',
      repositories: [...listed.keys()],
      round: true,
      now,
      logger: this.options.logger,
      syncOne: async slug => {
        const repository = listed.get(slug)!;
        return new IssueRepositorySync({
          octokit: await clients.forRepository(repository.host, slug),
          sink,
          repository,
          repositories,
          approvalLabel: this.options.approvalLabel,
          serviceRefs,
          windowStart: daysBefore(now(), this.options.windowDays),
          now,
        }).run();
      },
    });
  }

  /**
   * Fetches the issues among `keys` (`owner/name#12` of a listed repository; other keys are other
   * systems' tickets) into the store now. The issues of one owner share a credential, so they are
   * read together: a hundred per request, across that owner's repositories.
   */
  async fetchTickets(keys: string[]): Promise<void> {
    const sink = this.connectedSink();
    const { repositories, clients, approvalLabel } = this.options;
    const byOwner = new Map<string, Map<TicketRepository, Set<number>>>();
    for (const key of keys) {
      const issue = repositories.issueOf(key);
      if (!issue) continue;
      const { repository, number } = issue;
      const owner = `${repository.host}/${repository.owner.toLowerCase()}`;
      const wanted = byOwner.get(owner) ?? new Map();
      wanted.set(repository, (wanted.get(repository) ?? new Set()).add(number));
      byOwner.set(owner, wanted);
    }
    for (const wanted of byOwner.values()) {
      const listed = [...wanted];
      const [first] = listed[0];
      const found = await readIssuesByNumber(
        await clients.forRepository(first.host, first.slug),
        listed.map(([repository, numbers]) => ({
          repository,
          numbers: [...numbers],
        })),
      );
      await storeIssueEvidence(
        sink,
        found.map(({ repository: index, issue }) => {
          const [repository] = listed[index];
          return issueEvidence(issue, {
            key: repositories.keyOf(repository, issue.number),
            repository: repository.slug,
            approvalLabel,
          });
        }),
      );
    }
  }

  private connectedSink(): EvidenceSink {
    if (!this.sink) {
      throw new Error('The GitHub Issues ticket system is not connected');
    }
    return this.sink;
  }
}
