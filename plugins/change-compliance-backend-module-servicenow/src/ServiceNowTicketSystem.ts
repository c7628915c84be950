import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  EvidenceSink,
  SyncOutcome,
  TicketSystem,
} from '@change-compliance/plugin-change-compliance-node';
import { ChangeNumbers } from './changeNumbers';
import { TableApiClient } from './client/TableApiClient';
import { SERVICENOW_SYSTEM } from './evidence/ticketOf';
import { ChangeRequestReader } from './sync/ChangeRequestReader';
import { ChangeRequestSync } from './sync/ChangeRequestSync';

/** The id under which the sync is scheduled. */
export const SERVICENOW_SYNC_TASK = 'change-compliance-servicenow-sync';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A number asked for and not found is not asked for again this soon: every evaluation of a
 * service whose PR names a mistyped number would otherwise ask. A change request created since is
 * read by the next scheduled sync anyway.
 */
const NOT_FOUND_MEMORY_MS = 10 * 60_000;

export interface ServiceNowTicketSystemOptions {
  client: TableApiClient;
  /** The prefix of change request numbers, `CHG`. */
  numberPrefix: string;
  /** Records per request. */
  pageSize: number;
  windowDays: number;
  logger: LoggerService;
  scheduler?: SchedulerService;
  schedule?: SchedulerServiceTaskScheduleDefinition;
  now?: () => Date;
}

/**
 * ServiceNow as a ticket system: change requests are tickets, keyed by number, and their approval
 * records are approvals of them. Once connected it syncs the change requests and approvals
 * updated since its last sync on the scheduler, and reads the change requests that changes about
 * to be evaluated name, at once, when the backend asks.
 */
export class ServiceNowTicketSystem implements TicketSystem {
  readonly id = SERVICENOW_SYSTEM;
  private sink?: EvidenceSink;
  private readonly numbers: ChangeNumbers;
  private readonly reader: ChangeRequestReader;
  private readonly notFound = new Map<string, number>();

  constructor(private readonly options: ServiceNowTicketSystemOptions) {
    this.numbers = new ChangeNumbers(options.numberPrefix);
    this.reader = new ChangeRequestReader(options.client, {
      numbers: this.numbers,
      pageSize: options.pageSize,
    });
  }

  async connect(sink: EvidenceSink): Promise<void> {
    this.sink = sink;
    const { scheduler, schedule } = this.options;
    if (!scheduler || !schedule) return;
    // Global: with several replicas, one syncs at a time; the cursor is in the shared store.
    await scheduler.scheduleTask({
      id: SERVICENOW_SYNC_TASK,
      scope: 'global',
      ...schedule,
      fn: async () => {
        await this.sync();
      },
    });
  }

  /** One sync of what changed since the last one; its outcome is also kept in the sync state. */
  async sync(): Promise<SyncOutcome> {
    const now = this.now();
    const outcome = await new ChangeRequestSync({
      client: this.options.client,
      reader: this.reader,
      sink: this.connectedSink(),
      scope: this.options.client.instanceUrl,
      numberPrefix: this.numbers.prefix,
      pageSize: this.options.pageSize,
      windowStart: new Date(
        now.getTime() - this.options.windowDays * DAY_MS,
      ).toISOString(),
      now: () => this.now(),
    }).run();
    if (outcome.result === 'failure') {
      this.options.logger.warn(
        `ServiceNow sync failed; it resumes from its last cursor next time: ${outcome.error}`,
      );
    } else {
      this.options.logger.info(
        `ServiceNow sync stored ${outcome.itemsSynced} change requests and approvals`,
      );
    }
    return outcome;
  }

  /**
   * Reads the change requests among `keys` (numbers with this system's prefix; other systems' keys
   * are ignored) with their approvals, a hundred numbers a request.
   */
  async fetchTickets(keys: string[]): Promise<void> {
    const sink = this.connectedSink();
    const now = this.now().getTime();
    const numbers = this.numbers
      .pick(keys)
      .filter(n => (this.notFound.get(n) ?? 0) <= now);
    if (numbers.length === 0) return;
    const changes = await this.reader.byNumbers(numbers);
    const found = new Set(changes.map(c => c.number.value.toUpperCase()));
    for (const number of numbers) {
      if (found.has(number)) this.notFound.delete(number);
      else this.notFound.set(number, now + NOT_FOUND_MEMORY_MS);
    }
    if (changes.length === 0) return;
    const { tickets, approvals } = await this.reader.evidenceOf(changes);
    await sink.upsertTickets(tickets);
    if (approvals.length > 0) await sink.upsertApprovals(approvals);
    this.options.logger.debug(
      `ServiceNow: read ${tickets.length} of ${numbers.length} referenced change requests`,
    );
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private connectedSink(): EvidenceSink {
    if (!this.sink)
      throw new Error('The ServiceNow ticket system is not connected');
    return this.sink;
  }
}
