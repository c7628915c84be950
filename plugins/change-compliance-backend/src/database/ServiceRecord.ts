import type { ServiceRecord } from '@change-compliance/plugin-change-compliance-node';

export type { ServiceRecord };

/** A service as read back, with the time its row last changed (UTC ISO-8601). */
export interface StoredService extends ServiceRecord {
  updatedAt: string;
}
