import { RunningArtifactObservation } from '@change-compliance/plugin-change-compliance-node';
import { Pod } from './podList';

/** The digest at the end of a container's `imageID` (`repo@sha256:…`, `docker-pullable://…`). */
const DIGEST = /@?([a-z0-9]+:[0-9a-f]{32,})$/;

/**
 * What runs a pod, as a person names it: a Deployment through its ReplicaSet (named
 * `<deployment>-<pod-template-hash>`), the controller that owns it otherwise, or the pod itself.
 */
export function workloadOf(pod: Pod): string {
  const owner =
    pod.metadata.ownerReferences?.find(o => o.controller) ??
    pod.metadata.ownerReferences?.[0];
  if (!owner) return `Pod/${pod.metadata.name}`;
  const hash = pod.metadata.labels?.['pod-template-hash'];
  if (owner.kind === 'ReplicaSet' && hash && owner.name.endsWith(`-${hash}`)) {
    return `Deployment/${owner.name.slice(0, -hash.length - 1)}`;
  }
  return `${owner.kind}/${owner.name}`;
}

/**
 * The containers of pods as running artefacts of a service. A container the node has not pulled
 * yet has no `imageID`: it runs nothing yet and is left out.
 */
export function runningContainers(
  pods: Pod[],
  at: { serviceRef: string; cluster: string; observedAt: string },
): RunningArtifactObservation[] {
  const out: RunningArtifactObservation[] = [];
  for (const pod of pods) {
    const workload = workloadOf(pod);
    for (const status of pod.status?.containerStatuses ?? []) {
      const digest = status.imageID.match(DIGEST)?.[1];
      if (!digest) continue;
      const named = pod.spec.containers.find(c => c.name === status.name);
      out.push({
        serviceRef: at.serviceRef,
        cluster: at.cluster,
        namespace: pod.metadata.namespace,
        workload,
        container: status.name,
        // The pod's own spelling: the status may show the image resolved to another tag.
        image: named?.image ?? status.image,
        digest,
        observedAt: at.observedAt,
      });
    }
  }
  return out;
}
