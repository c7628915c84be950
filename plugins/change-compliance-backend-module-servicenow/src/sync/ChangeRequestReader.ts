import { z } from 'zod';
import {
  ApprovalEvidence,
  TicketEvidence,
} from '@change-compliance/plugin-change-compliance-node';
import { ChangeNumbers } from '../changeNumbers';
import { TableApiClient } from '../client/TableApiClient';
import { approvalOf } from '../evidence/approvalOf';
import { cancellationOf } from '../evidence/cancellationOf';
import { ticketOf } from '../evidence/ticketOf';
import {
  APPROVAL_FIELDS,
  approvalRecord,
  ApprovalRecord,
} from '../records/approvalRecord';
import {
  CHANGE_REQUEST_FIELDS,
  changeRequestRecord,
  ChangeRequestRecord,
} from '../records/changeRequestRecord';
import { USER_FIELDS, userRecord, UserRecord } from '../records/userRecord';

/**
 * Values per `IN` list: 100 numbers or sys_ids keep a request's URL near 3 KB, well inside what
 * instances and the proxies in front of them accept.
 */
export const VALUES_PER_REQUEST = 100;

export interface ChangeRequestEvidence {
  tickets: TicketEvidence[];
  approvals: ApprovalEvidence[];
  /** The approval records read for them, as ServiceNow gave them. */
  approvalRecords: ApprovalRecord[];
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

/**
 * Reads change requests and what goes with them, in batches: their approval records
 * (`sysapproval IN` a hundred changes a request) and the `sys_user`s of the requesters and
 * approvers (a hundred a request), and turns them into tickets and approvals.
 */
export class ChangeRequestReader {
  constructor(
    private readonly client: TableApiClient,
    private readonly options: { numbers: ChangeNumbers; pageSize: number },
  ) {}

  /** The change requests with these numbers, a hundred a request; unknown numbers are absent. */
  async byNumbers(numbers: string[]): Promise<ChangeRequestRecord[]> {
    const found: ChangeRequestRecord[] = [];
    for (const part of chunks(numbers, VALUES_PER_REQUEST)) {
      found.push(
        ...(await this.client.list('change_request', changeRequestRecord, {
          query: `numberIN${part.join(',')}^ORDERBYnumber`,
          fields: CHANGE_REQUEST_FIELDS,
          limit: part.length,
        })),
      );
    }
    return found;
  }

  /** Tickets of these change requests, with every approval record of each. */
  async evidenceOf(
    changes: ChangeRequestRecord[],
  ): Promise<ChangeRequestEvidence> {
    const numberBySysId = new Map(
      changes.map(c => [c.sys_id.value, c.number.value]),
    );
    const approvals: ApprovalRecord[] = [];
    for (const part of chunks([...numberBySysId.keys()], VALUES_PER_REQUEST)) {
      approvals.push(
        ...(await this.pages(
          'sysapproval_approver',
          approvalRecord,
          APPROVAL_FIELDS,
          `sysapprovalIN${part.join(',')}^ORDERBYsys_id`,
        )),
      );
    }
    const users = await this.users([
      ...changes.flatMap(c => [c.requested_by?.value, c.closed_by?.value]),
      ...approvals.map(a => a.approver.value),
    ]);
    return {
      approvalRecords: approvals,
      tickets: changes.map(c =>
        ticketOf(
          c,
          users.get(c.requested_by?.value ?? ''),
          this.client.instanceUrl,
        ),
      ),
      approvals: [
        ...approvals.flatMap(
          a =>
            approvalOf(
              a,
              users.get(a.approver.value),
              numberBySysId.get(a.sysapproval.value) ?? a.sysapproval.display,
            ) ?? [],
        ),
        ...changes.flatMap(
          c => cancellationOf(c, users.get(c.closed_by?.value ?? '')) ?? [],
        ),
      ],
    };
  }

  /**
   * Approvals of approval records read on their own (updated since the last sync), of change
   * requests in this system's numbering: the task's display value is its number.
   */
  async approvalsOf(records: ApprovalRecord[]): Promise<ApprovalEvidence[]> {
    const ofChanges = records.filter(r =>
      this.options.numbers.matches(r.sysapproval.display),
    );
    const users = await this.users(ofChanges.map(r => r.approver.value));
    return ofChanges.flatMap(
      r =>
        approvalOf(
          r,
          users.get(r.approver.value),
          r.sysapproval.display.toUpperCase(),
        ) ?? [],
    );
  }

  private async users(
    sysIds: (string | undefined)[],
  ): Promise<Map<string, UserRecord>> {
    const wanted = [
      ...new Set(sysIds.filter((id): id is string => Boolean(id))),
    ];
    const users = new Map<string, UserRecord>();
    for (const part of chunks(wanted, VALUES_PER_REQUEST)) {
      for (const user of await this.client.list('sys_user', userRecord, {
        query: `sys_idIN${part.join(',')}`,
        fields: USER_FIELDS,
        limit: part.length,
      })) {
        users.set(user.sys_id.value, user);
      }
    }
    return users;
  }

  /** Every record of a query, a page at a time by offset (for lists that do not move). */
  private async pages<T>(
    table: string,
    schema: z.ZodType<T>,
    fields: readonly string[],
    query: string,
  ): Promise<T[]> {
    const all: T[] = [];
    for (let offset = 0; ; offset += this.options.pageSize) {
      const page = await this.client.list(table, schema, {
        query,
        fields,
        limit: this.options.pageSize,
        offset,
      });
      all.push(...page);
      if (page.length < this.options.pageSize) return all;
    }
  }
}
