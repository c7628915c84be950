import {
  ArtifactException,
  RunningArtifactView,
} from '@change-compliance/plugin-change-compliance-common';
import { EvidenceStore } from '../database/EvidenceStore';
import { matchesAnyGlob } from '../engine/paths';
import { ChangePolicy } from '../policy/ChangePolicy';

/**
 * What runs for a service now, each image joined by digest to the production deployment that
 * shipped it; a running digest that no successful production deployment of the service carries
 * is an "unknown artifact in production": something runs that no change record explains. It is an
 * exception of its own, not a deployment's verdict: there is no deployment to judge.
 */
export async function runningArtifactsOf(
  store: EvidenceStore,
  policy: ChangePolicy,
  entityRef: string,
): Promise<{
  runningArtifacts: RunningArtifactView[];
  artifactExceptions: ArtifactException[];
}> {
  const running = (await store.listRunningArtifacts(entityRef)).filter(
    a => a.running,
  );
  if (running.length === 0) {
    return { runningArtifacts: [], artifactExceptions: [] };
  }
  const shipped = new Map<string, string>();
  for (const d of await store.listDeploymentsWithDigests(
    entityRef,
    running.map(a => a.digest),
  )) {
    if (
      d.status === 'success' &&
      matchesAnyGlob(d.environment, policy.productionEnvironments)
    ) {
      // Oldest first: the latest deployment of the digest is the one that put it there.
      shipped.set(d.imageDigest, d.id);
    }
  }
  const runningArtifacts = running.map(a => ({
    cluster: a.cluster,
    namespace: a.namespace,
    workload: a.workload,
    container: a.container,
    image: a.image,
    digest: a.digest,
    firstSeenAt: a.firstSeenAt,
    lastSeenAt: a.lastSeenAt,
    ...(shipped.has(a.digest) ? { deploymentId: shipped.get(a.digest) } : {}),
  }));
  const artifactExceptions = runningArtifacts
    .filter(a => !a.deploymentId)
    .map(
      (a): ArtifactException => ({
        kind: 'unknown-artifact-in-production',
        digest: a.digest,
        image: a.image,
        cluster: a.cluster,
        namespace: a.namespace,
        workload: a.workload,
        firstSeenAt: a.firstSeenAt,
        lastSeenAt: a.lastSeenAt,
        reason: `Unknown artifact in production: ${a.image} (${a.digest}) runs in ${a.cluster}/${a.namespace} ${a.workload} since ${a.firstSeenAt}, and no production deployment of ${entityRef} carries that digest.`,
      }),
    );
  return { runningArtifacts, artifactExceptions };
}
