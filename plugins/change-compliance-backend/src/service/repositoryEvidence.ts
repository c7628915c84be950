import { RepositoryEvidence } from '@change-compliance/plugin-change-compliance-common';
import { EvidenceStore } from '../database/EvidenceStore';
import { ChangePolicy } from '../policy/ChangePolicy';

/**
 * The repository a service's changes come from, its production branches and every recorded
 * change of its branches' protection (testing step 8's access-control evidence). Undefined when
 * the store knows no repository for the service.
 */
export async function repositoryEvidence(
  store: EvidenceStore,
  policy: ChangePolicy,
  entityRef: string,
): Promise<RepositoryEvidence | undefined> {
  const service = (await store.listServices()).find(
    s => s.entityRef === entityRef,
  );
  if (!service?.repositorySlug) return undefined;
  const [repository, protection] = await Promise.all([
    store.getRepository(service.repositorySlug),
    store.branchProtectionHistory(service.repositorySlug),
  ]);
  return {
    entityRef,
    repository: service.repositorySlug,
    defaultBranch: repository?.defaultBranch ?? null,
    productionBranches: policy.productionBranches,
    protection: protection.map(p => ({
      branch: p.branch,
      observedAt: p.observedAt,
      protected: p.protected,
      settings: p.settings,
    })),
  };
}
