import {
  DeploymentDetail,
  DeploymentListItem,
} from '@change-compliance/plugin-change-compliance-common';
import { EvidenceStore } from '../database/EvidenceStore';
import { DeploymentWithVerdict, deploymentId } from '../database/records';

/** A deployment as lists show it: its artefact, time, actor, verdict and check statuses. */
export function toListItem(d: DeploymentWithVerdict): DeploymentListItem {
  return {
    id: deploymentId(d),
    environment: d.environment,
    commitSha: d.commitSha,
    imageDigest: d.imageDigest,
    imageTag: d.imageTag,
    deployedAt: d.deployedAt,
    actor: d.actor?.login,
    pipelineRunUrl: d.pipelineRunUrl,
    verdict: d.verdict,
    checks: d.checks,
  };
}

/**
 * One deployment with its checks, per-change results and verdict history: what
 * `GET /deployments/:source/:externalId` answers and what an evidence package keeps for each
 * sampled deployment. Undefined when the store does not know the deployment.
 */
export async function deploymentDetail(
  store: EvidenceStore,
  id: string,
): Promise<DeploymentDetail | undefined> {
  const deployment = await store.getDeployment(id);
  if (!deployment) return undefined;
  const [evaluation, history] = await Promise.all([
    store.getEvaluation(id),
    store.verdictHistory(id),
  ]);
  return {
    deployment: {
      ...toListItem({
        ...deployment,
        verdict: evaluation?.verdict,
        checks: Object.fromEntries(
          (evaluation?.checks ?? []).map(c => [c.checkId, c.status]),
        ),
      }),
      serviceRef: deployment.serviceRef,
      ref: deployment.ref,
      ticketKeys: deployment.ticketKeys,
      configVersion: deployment.configVersion,
    },
    checks: evaluation?.checks ?? [],
    changes: evaluation?.changes ?? [],
    history: history.map(h => ({
      verdict: h.verdict,
      previousVerdict: h.previousVerdict,
      cause: h.cause,
      evaluatedAt: h.evaluatedAt,
    })),
    evaluatedAt: evaluation?.evaluatedAt,
  };
}
