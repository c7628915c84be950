import {
  EvidenceSink,
  ServiceRecord,
} from '@change-compliance/plugin-change-compliance-node';
import { EvidenceStore } from '../database/EvidenceStore';

/**
 * The sink providers write into: the evidence store's write side, the services to sync, and a way
 * to have services evaluated again once their evidence changed.
 */
export class StoreEvidenceSink implements EvidenceSink {
  constructor(
    private readonly store: EvidenceStore,
    private readonly evaluate: (
      serviceRefs: string[],
      cause: string,
    ) => Promise<void>,
    /** The services to sync; by default the store's, kept in step with the catalog elsewhere. */
    private readonly services: () => Promise<ServiceRecord[]> = () =>
      store.listServices(),
  ) {}

  listServices() {
    return this.services();
  }
  upsertRepositories(...args: Parameters<EvidenceSink['upsertRepositories']>) {
    return this.store.upsertRepositories(...args);
  }
  upsertBranchHeads(...args: Parameters<EvidenceSink['upsertBranchHeads']>) {
    return this.store.upsertBranchHeads(...args);
  }
  upsertCommits(...args: Parameters<EvidenceSink['upsertCommits']>) {
    return this.store.upsertCommits(...args);
  }
  upsertCommitAssociations(
    ...args: Parameters<EvidenceSink['upsertCommitAssociations']>
  ) {
    return this.store.upsertCommitAssociations(...args);
  }
  upsertPullRequests(...args: Parameters<EvidenceSink['upsertPullRequests']>) {
    return this.store.upsertPullRequests(...args);
  }
  upsertTickets(...args: Parameters<EvidenceSink['upsertTickets']>) {
    return this.store.upsertTickets(...args);
  }
  upsertApprovals(...args: Parameters<EvidenceSink['upsertApprovals']>) {
    return this.store.upsertApprovals(...args);
  }
  upsertDeployments(...args: Parameters<EvidenceSink['upsertDeployments']>) {
    return this.store.upsertDeployments(...args);
  }
  recordBranchProtection(
    ...args: Parameters<EvidenceSink['recordBranchProtection']>
  ) {
    return this.store.recordBranchProtection(...args);
  }
  recordEnvironmentProtection(
    ...args: Parameters<EvidenceSink['recordEnvironmentProtection']>
  ) {
    return this.store.recordEnvironmentProtection(...args);
  }
  recordRunningArtifacts(
    ...args: Parameters<EvidenceSink['recordRunningArtifacts']>
  ) {
    return this.store.recordRunningArtifacts(...args);
  }
  listArtifactDigests() {
    return this.store.listArtifactDigests();
  }
  upsertProvenance(...args: Parameters<EvidenceSink['upsertProvenance']>) {
    return this.store.upsertProvenance(...args);
  }
  getSyncState(provider: string, scope: string) {
    return this.store.getSyncState(provider, scope);
  }
  recordSync(...args: Parameters<EvidenceSink['recordSync']>) {
    return this.store.recordSync(...args);
  }
  recordRoundProgress(
    ...args: Parameters<EvidenceSink['recordRoundProgress']>
  ) {
    return this.store.recordRoundProgress(...args);
  }
  requestEvaluation(serviceRefs: string[], cause: string) {
    return this.evaluate(serviceRefs, cause);
  }
}
