import crypto from 'node:crypto';
import { glideFromIso, isoFromGlide } from '../glideTime';
import { Cell } from '../records/cell';

/**
 * How far back each sync reads again before the newest update the last one saw. ServiceNow stamps
 * `sys_updated_on` when a transaction writes, which can become visible to readers a little later:
 * a record stamped just before the last sync's newest one may only have appeared since.
 */
const OVERLAP_MS = 5 * 60_000;

/** Where the sync of one table resumes: as stored in the sync state's cursor. */
export interface TableCursor {
  /** The newest `sys_updated_on` read so far (UTC `YYYY-MM-DD HH:mm:ss`). */
  newest: string;
  /** The records read again on the next sync, by sys_id: their update time and fingerprint. */
  recent: Record<string, { at: string; fingerprint: string }>;
}

/**
 * The progress of one table's sync. Each sync asks for the records updated since a little before
 * the newest one seen, and passes over those it has read before unchanged (same fingerprint): so
 * records that became visible late are found, and a sync with nothing new writes nothing.
 */
export class Watermark {
  private newest: string;
  private readonly recent: TableCursor['recent'];

  constructor(cursor: TableCursor) {
    this.newest = cursor.newest;
    this.recent = { ...cursor.recent };
  }

  /** A first sync: everything updated since the start of the observed window. */
  static from(windowStart: string): Watermark {
    return new Watermark({ newest: glideFromIso(windowStart), recent: {} });
  }

  /** The time to read from. */
  get since(): string {
    const newest = isoFromGlide(this.newest);
    return newest
      ? glideFromIso(new Date(Date.parse(newest) - OVERLAP_MS).toISOString())
      : this.newest;
  }

  /**
   * Notes a record read; false when the last sync read it exactly so, and it needs no writing.
   */
  isNew(record: { sys_id: Cell; sys_updated_on: Cell }): boolean {
    const id = record.sys_id.value;
    const at = record.sys_updated_on.value;
    const fingerprint = crypto
      .createHash('sha256')
      .update(JSON.stringify(record))
      .digest('base64url')
      .slice(0, 16);
    const known = this.recent[id];
    this.recent[id] = { at, fingerprint };
    if (at > this.newest) this.newest = at;
    return !(known && known.at === at && known.fingerprint === fingerprint);
  }

  cursor(): TableCursor {
    const since = this.since;
    return {
      newest: this.newest,
      recent: Object.fromEntries(
        Object.entries(this.recent).filter(([, seen]) => seen.at >= since),
      ),
    };
  }
}
