import { z } from 'zod';
import {
  EvidenceSink,
  SyncOutcome,
} from '@change-compliance/plugin-change-compliance-node';
import { TableApiClient } from '../client/TableApiClient';
import { SERVICENOW_SYSTEM } from '../evidence/ticketOf';
import { approvalRecord, APPROVAL_FIELDS } from '../records/approvalRecord';
import {
  CHANGE_REQUEST_FIELDS,
  changeRequestRecord,
} from '../records/changeRequestRecord';
import {
  ChangeRequestEvidence,
  ChangeRequestReader,
} from './ChangeRequestReader';
import { updatedSince } from './updatedSince';
import { Watermark } from './Watermark';

const tableCursor = z.object({
  newest: z.string(),
  recent: z.record(
    z.string(),
    z.object({ at: z.string(), fingerprint: z.string() }),
  ),
});

/** Where the last successful sync left off, per table, as kept in the sync state. */
const syncCursor = z.object({
  changeRequests: tableCursor,
  approvals: tableCursor,
});
type SyncCursor = z.infer<typeof syncCursor>;

/**
 * The stored cursor; none for a first sync, or for one this version cannot read, which then reads
 * the whole window again (writing the same evidence again changes nothing).
 */
function readCursor(stored: string | null): SyncCursor | undefined {
  if (!stored) return undefined;
  try {
    const parsed = syncCursor.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export interface ChangeRequestSyncOptions {
  client: TableApiClient;
  reader: ChangeRequestReader;
  sink: EvidenceSink;
  /** The sync state's scope: the instance. */
  scope: string;
  numberPrefix: string;
  pageSize: number;
  /** Start of the observed window: a first sync reads what was updated since. */
  windowStart: string;
  now: () => Date;
}

/**
 * One sync of the instance: the change requests updated since the last sync, each with all its
 * approval records, and the approval records of change requests updated since (an approval can be
 * decided without its change being touched). Written a page at a time; the cursor moves only when
 * everything was read and written, so a sync that fails is read again from the same point, and
 * upserts make the second reading change nothing. When anything was written, every service is
 * evaluated again: any of them may reference the change.
 */
export class ChangeRequestSync {
  constructor(private readonly options: ChangeRequestSyncOptions) {}

  async run(): Promise<SyncOutcome> {
    const { sink, scope, now } = this.options;
    const startedAt = now().toISOString();
    let ended: Pick<SyncOutcome, 'result' | 'cursor' | 'itemsSynced' | 'error'>;
    try {
      const state = await sink.getSyncState(SERVICENOW_SYSTEM, scope);
      const { cursor, written } = await this.sync(readCursor(state.cursor));
      ended = {
        result: 'success',
        cursor: JSON.stringify(cursor),
        itemsSynced: written,
      };
    } catch (error) {
      ended = {
        result: 'failure',
        error: error instanceof Error ? error.message : String(error),
      };
    }
    const outcome: SyncOutcome = {
      provider: SERVICENOW_SYSTEM,
      scope,
      startedAt,
      finishedAt: now().toISOString(),
      ...ended,
    };
    await sink.recordSync(outcome);
    if (outcome.itemsSynced) {
      const services = await sink.listServices();
      await sink.requestEvaluation(
        services.map(s => s.entityRef),
        `ServiceNow sync of ${scope}`,
      );
    }
    return outcome;
  }

  private async sync(
    last: SyncCursor | undefined,
  ): Promise<{ cursor: SyncCursor; written: number }> {
    const { client, reader, numberPrefix, pageSize, windowStart } =
      this.options;
    const changes = last
      ? new Watermark(last.changeRequests)
      : Watermark.from(windowStart);
    const approvals = last
      ? new Watermark(last.approvals)
      : Watermark.from(windowStart);
    // Approval records read with their change are not read again below; what is below starts
    // where the last sync's approvals ended, wherever the changes take the watermark.
    const approvalsSince = approvals.since;
    let written = 0;

    for await (const page of updatedSince(client, 'change_request', {
      schema: changeRequestRecord,
      fields: CHANGE_REQUEST_FIELDS,
      filter: `numberSTARTSWITH${numberPrefix}`,
      since: changes.since,
      pageSize,
    })) {
      const fresh = page.filter(record => changes.isNew(record));
      if (fresh.length > 0) {
        const evidence = await reader.evidenceOf(fresh);
        for (const record of evidence.approvalRecords) approvals.isNew(record);
        written += await this.write(evidence);
      }
    }
    for await (const page of updatedSince(client, 'sysapproval_approver', {
      schema: approvalRecord,
      fields: APPROVAL_FIELDS,
      filter: 'source_table=change_request',
      since: approvalsSince,
      pageSize,
    })) {
      const fresh = page.filter(record => approvals.isNew(record));
      if (fresh.length > 0) {
        written += await this.write({
          tickets: [],
          approvals: await reader.approvalsOf(fresh),
          approvalRecords: fresh,
        });
      }
    }
    return {
      cursor: {
        changeRequests: changes.cursor(),
        approvals: approvals.cursor(),
      },
      written,
    };
  }

  private async write(evidence: ChangeRequestEvidence): Promise<number> {
    const { sink } = this.options;
    if (evidence.tickets.length > 0) await sink.upsertTickets(evidence.tickets);
    if (evidence.approvals.length > 0) {
      await sink.upsertApprovals(evidence.approvals);
    }
    return evidence.tickets.length + evidence.approvals.length;
  }
}
