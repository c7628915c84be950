import {
  EvidenceSink,
  recordedSync,
} from '@change-compliance/plugin-change-compliance-node';
import { Octokit } from '@octokit/rest';
import { iso } from '../sync/readRepositoryEvidence';
import {
  GITHUB_ISSUES_SYSTEM,
  issueEvidence,
  storeIssueEvidence,
} from './issueEvidence';
import { readUpdatedIssues } from './readIssues';
import { TicketRepositories, TicketRepository } from './ticketRepositories';

/** Where the last successful sync of a repository's issues left off. */
interface Cursor {
  /** `updatedAt` of the most recently updated issue stored: the next sync reads from here. */
  updatedSince?: string;
  /**
   * The issues stored with exactly that `updatedAt`. GitHub's `since` includes its own second, so
   * the next sync reads them again; they are not written again unless they changed since.
   */
  storedAtCursor?: number[];
}

export interface IssueRepositorySyncOptions {
  octokit: Octokit;
  sink: EvidenceSink;
  repository: TicketRepository;
  repositories: TicketRepositories;
  approvalLabel: string;
  /** The catalog services whose tickets these may be: evaluated again when tickets change. */
  serviceRefs: string[];
  /** Start of the observed window: nothing updated before it is read on a first sync. */
  windowStart: string;
  now: () => Date;
}

/**
 * One sync of one repository's issues into the evidence store, as tickets with the approvals
 * their approval label records: the issues updated since the last sync's cursor (since the
 * window's start on a first sync), in one request when nothing changed. The cursor moves only
 * when the whole sync succeeded.
 */
export class IssueRepositorySync {
  constructor(private readonly options: IssueRepositorySyncOptions) {}

  /** How many issues it stored. */
  async run(): Promise<number> {
    const { sink, repository, serviceRefs } = this.options;
    const { count } = await recordedSync<Cursor>({
      sink,
      provider: GITHUB_ISSUES_SYSTEM,
      scope: repository.slug,
      now: this.options.now,
      sync: cursor => this.sync(cursor),
    });
    if (count > 0 && serviceRefs.length > 0) {
      await sink.requestEvaluation(
        serviceRefs,
        `GitHub Issues sync of ${repository.slug}`,
      );
    }
    return count;
  }

  private async sync(
    cursor: Cursor,
  ): Promise<{ cursor: Cursor; count: number }> {
    const { octokit, sink, repository, repositories, approvalLabel } =
      this.options;
    const since = cursor.updatedSince ?? this.options.windowStart;
    const storedAtCursor = new Set(cursor.storedAtCursor ?? []);
    const issues = (await readUpdatedIssues(octokit, repository, since)).filter(
      issue =>
        !(iso(issue.updatedAt) === since && storedAtCursor.has(issue.number)),
    );
    const evidence = issues.map(issue =>
      issueEvidence(issue, {
        key: repositories.keyOf(repository, issue.number),
        repository: repository.slug,
        approvalLabel,
      }),
    );
    await storeIssueEvidence(sink, evidence);

    const newest = issues.reduce(
      (latest, issue) =>
        iso(issue.updatedAt) > latest ? iso(issue.updatedAt) : latest,
      since,
    );
    const atNewest = issues
      .filter(issue => iso(issue.updatedAt) === newest)
      .map(issue => issue.number);
    return {
      cursor: {
        updatedSince: newest,
        storedAtCursor: [
          ...new Set([
            ...(newest === since ? storedAtCursor : []),
            ...atNewest,
          ]),
        ].sort((a, b) => a - b),
      },
      count: issues.length,
    };
  }
}
