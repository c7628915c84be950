import {
  EnvironmentProtectionEvidence,
  RepositoryEvidence,
} from '@change-compliance/plugin-change-compliance-common';
import { EvidenceStore } from '../database/EvidenceStore';
import { EnvironmentProtectionSnapshot } from '../database/records';
import { matchesAnyGlob } from '../engine/paths';
import { ChangePolicy } from '../policy/ChangePolicy';

/**
 * The repository a service's changes come from, its production branches and every recorded
 * change of its branches' and deployment environments' protection (testing step 8's
 * access-control evidence). Undefined when the store knows no repository for the service.
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
  const [repository, protection, environmentProtection] = await Promise.all([
    store.getRepository(service.repositorySlug),
    store.branchProtectionHistory(service.repositorySlug),
    store.environmentProtectionHistory(service.repositorySlug),
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
    productionEnvironments: policy.productionEnvironments,
    environments: byEnvironment(
      environmentProtection,
      policy.productionEnvironments,
    ),
  };
}

/**
 * The snapshots grouped by environment, production environments first (the ones an auditor
 * looks at), then by name.
 */
function byEnvironment(
  snapshots: EnvironmentProtectionSnapshot[],
  productionEnvironments: string[],
): EnvironmentProtectionEvidence[] {
  const grouped = new Map<string, EnvironmentProtectionSnapshot[]>();
  for (const snapshot of snapshots) {
    const history = grouped.get(snapshot.environment) ?? [];
    history.push(snapshot);
    grouped.set(snapshot.environment, history);
  }
  return [...grouped.entries()]
    .map(([environment, history]) => ({
      environment,
      production: matchesAnyGlob(environment, productionEnvironments),
      history: history
        .sort((a, b) => a.observedAt.localeCompare(b.observedAt))
        .map(h => ({
          environment,
          observedAt: h.observedAt,
          settings: h.settings,
        })),
    }))
    .sort(
      (a, b) =>
        Number(b.production) - Number(a.production) ||
        a.environment.localeCompare(b.environment),
    );
}
