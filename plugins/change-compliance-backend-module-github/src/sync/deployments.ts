import {
  DeploymentRecord,
  ServiceRecord,
} from '@change-compliance/plugin-change-compliance-node';
import { actorOf } from '../mapping';
import { GraphqlDeployment, iso } from './readRepositoryEvidence';

export const PROVIDER_ID = 'github';

/** How evidence names a GitHub deployment (`github/<id>`), e.g. in an approval's scope. */
export function deploymentIdOf(deployment: GraphqlDeployment): string {
  return `${PROVIDER_ID}/${deployment.databaseId}`;
}

function parsedPayload(payload: string | null): Record<string, unknown> {
  if (!payload) return {};
  try {
    const parsed = JSON.parse(payload);
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    // A payload is free text to GitHub; one that is not JSON names no service and no ticket.
    return {};
  }
}

/**
 * The service a deployment is of: the repository's only service, or, in a monorepo, the one the
 * deployment's payload names (`payload.service`, the catalog entity's name).
 */
function serviceOf(
  services: ServiceRecord[],
  payload: Record<string, unknown>,
): ServiceRecord | undefined {
  if (services.length === 1) return services[0];
  const named = payload.service;
  return typeof named === 'string'
    ? services.find(s => s.entityRef.split('/').pop() === named)
    : undefined;
}

/**
 * The image a deployment shipped, when its payload names one as pipelines record it:
 * `image: "<repository>:<tag>@sha256:<hex>"` (or `<repository>@sha256:<hex>`).
 */
function imageOf(
  payload: Record<string, unknown>,
): { imageDigest: string; imageTag?: string } | undefined {
  const image = payload.image;
  if (typeof image !== 'string') return undefined;
  const match = image.match(/^([^@\s]+?)?@([a-z0-9]+:[0-9a-f]{32,})$/);
  if (!match) return undefined;
  return {
    imageDigest: match[2],
    ...(match[1] && /:[^/]+$/.test(match[1]) ? { imageTag: match[1] } : {}),
  };
}

/**
 * A GitHub deployment as the evidence's deployment record, or `undefined` for a deployment of no
 * catalog service. It went live when its first `success` status was created; a deployment with
 * none has the state of its latest status (`pending` before any).
 */
export function deploymentOf(
  deployment: GraphqlDeployment,
  services: ServiceRecord[],
): DeploymentRecord | undefined {
  const payload = parsedPayload(deployment.payload);
  const service = serviceOf(services, payload);
  if (!service) return undefined;
  const success = deployment.statuses.nodes
    .filter(s => s.state === 'SUCCESS')
    .sort((a, b) => iso(a.createdAt).localeCompare(iso(b.createdAt)))[0];
  return {
    source: PROVIDER_ID,
    externalId: String(deployment.databaseId),
    serviceRef: service.entityRef,
    environment: deployment.environment ?? '',
    commitSha: deployment.commitOid,
    deployedAt: iso(success?.createdAt ?? deployment.createdAt),
    ...(deployment.creator
      ? { actor: { login: actorOf(deployment.creator).login } }
      : {}),
    ...(success?.logUrl ? { pipelineRunUrl: success.logUrl } : {}),
    ...(deployment.ref ? { ref: deployment.ref.name } : {}),
    ...imageOf(payload),
    status: success
      ? 'success'
      : deployment.latestStatus?.state.toLowerCase() ?? 'pending',
    ticketKeys: Array.isArray(payload.tickets)
      ? payload.tickets.filter((t): t is string => typeof t === 'string')
      : [],
  };
}
