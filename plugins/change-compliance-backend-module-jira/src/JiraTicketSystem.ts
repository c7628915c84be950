import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  EvidenceSink,
  RetryPolicy,
  SyncOutcome,
  TicketSystem,
  daysBefore,
} from '@change-compliance/plugin-change-compliance-node';
import { createJiraApi, JiraApi } from './client/JiraApi';
import { JiraRequestError } from './client/requestPolicy';
import { readJiraSettings } from './config';
import { IssueEvidence, JIRA_SYSTEM } from './evidence/issueEvidence';
import { ApprovalStatuses } from './evidence/transitionApprovals';
import { IssueReader } from './sync/IssueReader';
import { remembered } from './sync/remembered';
import {
  heldKeys,
  keyBatches,
  keysJql,
  unknownKeys,
  updatedSinceJql,
} from './sync/queries';

/** What one round of project syncs did. */
export interface SyncSummary {
  projects: number;
  /** Issues read and written, over all projects. */
  tickets: number;
  failed: string[];
}

/**
 * Jira as the ticket system of the policy's Jira projects: their issues as tickets (the mapped
 * fields, the status history, the links back) and the workflow's approvals. Once connected, it
 * reads each project's issues updated since its last sync on the Backstage scheduler, and the
 * issues the backend asks for (those of changes synced since) at once.
 */
export class JiraTicketSystem implements TicketSystem {
  readonly id = JIRA_SYSTEM;
  private sink?: EvidenceSink;
  private readonly reader: IssueReader;
  /** The account's time zone, which JQL reads dates in; asked once. */
  private readonly accountTimeZone = remembered(() =>
    this.options.api.timeZone(),
  );

  /**
   * The ticket system as `changeCompliance.jira` and the policy's Jira projects and field
   * mapping configure it. Without a scheduler, nothing syncs by itself (tests, benchmarks).
   */
  static fromConfig(
    config: Config,
    options: {
      logger: LoggerService;
      scheduler?: SchedulerService;
      requestPolicy?: Partial<RetryPolicy>;
      now?: () => Date;
    },
  ): JiraTicketSystem {
    const { baseUrl, deployment, authentication, schedule, ...settings } =
      readJiraSettings(config);
    const { logger, scheduler, requestPolicy, now } = options;
    return new JiraTicketSystem({
      ...settings,
      // The credential stays with the client alone.
      api: createJiraApi({
        baseUrl,
        deployment,
        authentication,
        logger,
        requestPolicy,
      }),
      siteUrl: baseUrl,
      logger,
      scheduler,
      schedule: scheduler ? schedule : undefined,
      now,
    });
  }

  constructor(
    private readonly options: {
      api: JiraApi;
      /** Where people open tickets: `<siteUrl>/browse/<key>`. */
      siteUrl: string;
      statuses: ApprovalStatuses;
      /** The policy's Jira projects. */
      projects: string[];
      /** The fields the policy's `ticketFieldMapping.jira` names. */
      mappedFields: string[];
      windowDays: number;
      logger: LoggerService;
      scheduler?: SchedulerService;
      schedule?: SchedulerServiceTaskScheduleDefinition;
      now?: () => Date;
    },
  ) {
    this.reader = new IssueReader(options);
  }

  async connect(sink: EvidenceSink): Promise<void> {
    this.sink = sink;
    const { scheduler, schedule, projects, logger } = this.options;
    if (projects.length === 0) {
      logger.warn(
        'No Jira project in changeCompliance.policy.ticketProjects: no Jira ticket is read or counts',
      );
    }
    if (!scheduler || !schedule) return;
    // Global: with several replicas, one syncs at a time; the cursors are in the shared store.
    await scheduler.scheduleTask({
      id: 'change-compliance-jira-sync',
      scope: 'global',
      ...schedule,
      fn: async () => {
        await this.syncAll();
      },
    });
  }

  /**
   * Reads each project's issues updated since its last sync (the first time, since the start of
   * the observed window). One project failing stops none; its cursor stays where it was, so its
   * next sync reads the same issues again.
   */
  async syncAll(): Promise<SyncSummary> {
    const sink = this.connectedSink();
    const summary: SyncSummary = { projects: 0, tickets: 0, failed: [] };
    for (const project of this.options.projects) {
      summary.projects += 1;
      try {
        summary.tickets += await this.syncProject(sink, project);
      } catch (error) {
        summary.failed.push(project);
        this.options.logger.warn(
          `Jira sync of project ${project} failed; it resumes from its last cursor next time: ${
            (error as Error).message
          }`,
        );
      }
    }
    if (summary.tickets > 0) {
      const projects = new Set(this.options.projects);
      const services = (await sink.listServices()).filter(
        s => s.ticketProjectKey && projects.has(s.ticketProjectKey),
      );
      await sink.requestEvaluation(
        services.map(s => s.entityRef),
        `Jira sync of ${this.options.projects.join(', ')}`,
      );
    }
    return summary;
  }

  /**
   * Reads these issues now, a hundred per search, for changes about to be judged. Keys of other
   * systems and of projects the policy does not name are ignored; keys Jira does not know are
   * left out (the change's ticket does not exist), and the rest of their batch is read.
   */
  async fetchTickets(keys: string[]): Promise<void> {
    const sink = this.connectedSink();
    for (const batch of keyBatches(heldKeys(keys, this.options.projects))) {
      let wanted = batch;
      while (wanted.length > 0) {
        try {
          await this.reader.read(keysJql(wanted), evidence =>
            this.write(sink, evidence),
          );
          break;
        } catch (error) {
          const unknown =
            error instanceof JiraRequestError && error.status === 400
              ? unknownKeys(error.jiraMessages)
              : [];
          const rest = wanted.filter(key => !unknown.includes(key));
          if (rest.length === wanted.length) throw error;
          this.options.logger.debug(
            `Jira has no issue ${unknown.join(
              ', ',
            )}; reading the rest of the batch`,
          );
          wanted = rest;
        }
      }
    }
  }

  private async syncProject(
    sink: EvidenceSink,
    project: string,
  ): Promise<number> {
    const now = this.options.now ?? (() => new Date());
    const startedAt = now().toISOString();
    const record = (
      outcome: Omit<
        SyncOutcome,
        'provider' | 'scope' | 'startedAt' | 'finishedAt'
      >,
    ) =>
      sink.recordSync({
        provider: JIRA_SYSTEM,
        scope: project,
        startedAt,
        finishedAt: now().toISOString(),
        ...outcome,
      });
    const state = await sink.getSyncState(JIRA_SYSTEM, project);
    const since = state.cursor ?? daysBefore(now(), this.options.windowDays);
    try {
      const outcome = await this.reader.read(
        updatedSinceJql(project, since, await this.accountTimeZone()),
        evidence => this.write(sink, evidence),
      );
      const cursor = [outcome.latestUpdate, state.cursor]
        .filter((time): time is string => Boolean(time))
        .sort()
        .pop();
      await record({
        result: 'success',
        ...(cursor ? { cursor } : {}),
        itemsSynced: outcome.issues,
      });
      return outcome.issues;
    } catch (error) {
      await record({ result: 'failure', error: (error as Error).message });
      throw error;
    }
  }

  /**
   * Approvals before tickets: an evaluation that runs between the two writes sees a ticket only
   * with its approvals, never a ticket whose approvals are still missing (which would fail it).
   */
  private async write(sink: EvidenceSink, evidence: IssueEvidence[]) {
    await sink.upsertApprovals(evidence.flatMap(e => e.approvals));
    await sink.upsertTickets(evidence.map(e => e.ticket));
  }

  private connectedSink(): EvidenceSink {
    if (!this.sink) throw new Error('The Jira ticket system is not connected');
    return this.sink;
  }
}
