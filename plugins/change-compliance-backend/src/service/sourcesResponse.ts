import { SourcesResponse } from '@change-compliance/plugin-change-compliance-common';
import { EvidenceStore } from '../database/EvidenceStore';

/**
 * When each evidence source last synced, how far, its last error, and each provider's round of
 * syncs: whether the evidence is complete (testing step 2).
 */
export async function sourcesResponse(
  store: EvidenceStore,
): Promise<SourcesResponse> {
  const [sources, rounds] = await Promise.all([
    store.listSourceStatus(),
    store.listSyncRounds(),
  ]);
  return { sources, rounds };
}
