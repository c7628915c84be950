import crypto from 'node:crypto';
import {
  ContainerImage,
  Deployment,
  ImageAttestation,
  KubernetesPod,
  Organisation,
  Repository,
  repositorySlug,
} from '../model';
import { CatalogService } from './catalog';

/** The registry the demo organisation's images are pushed to. */
export const IMAGE_REGISTRY = 'registry.northwind.example';

/** The production cluster's name, as the portal's Kubernetes configuration names it. */
export const PRODUCTION_CLUSTER = 'northwind-production';

/** What was planted, for tests that look for it. */
export const PLANTED_MESSINESS = {
  provenanceMismatch: 'provenance-mismatch',
} as const;

const HOUR = 60 * 60 * 1000;

function digestOf(text: string): string {
  return `sha256:${crypto.createHash('sha256').update(text).digest('hex')}`;
}

/** A deterministic short id in the shape Kubernetes gives pods and replica sets. */
function suffix(text: string, length: number): string {
  return crypto
    .createHash('sha256')
    .update(text)
    .digest('hex')
    .slice(0, length);
}

/** The image a deployment of a commit ships: one per commit, as a pipeline builds it once. */
function imageOf(
  service: CatalogService,
  deployment: Deployment,
): ContainerImage {
  const repository = `${IMAGE_REGISTRY}/${service.name}`;
  return {
    repository,
    tag: `${deployment.ref.replace(
      /[^A-Za-z0-9_.-]/g,
      '-',
    )}-${deployment.sha.slice(0, 7)}`,
    digest: digestOf(`${repository}@${deployment.sha}`),
  };
}

const wentLive = (d: Deployment) =>
  d.statuses.find(s => s.state === 'success')?.createdAt;

/**
 * Images for the services that run on Kubernetes (`backstage.io/kubernetes-id`): every
 * deployment of theirs ships the image built from its commit, the deployment's payload names it
 * as pipelines record it, the repository's attestations hold the signed build provenance of each,
 * and the production cluster runs the latest one. Two things are planted on each such service, and
 * the answer key says so:
 *
 * - `provenance-mismatch`: one compliant production deployment whose image's provenance names the
 *   commit before the one deployed (an image rebuilt from an older checkout and re-tagged), so
 *   `artifact.traceable` fails for it;
 * - an unknown artefact: a debug pod running an image no deployment shipped.
 *
 * Deterministic from the history alone (no random draws), so nothing else of the organisation
 * changes.
 */
export function withKubernetesImages(
  organisation: Organisation,
  services: CatalogService[],
): Organisation {
  const running = services.filter(s => s.kubernetesId);
  if (running.length === 0) return organisation;
  const attestations: ImageAttestation[] = [];
  const pods: KubernetesPod[] = [];
  for (const service of running) {
    const repository = organisation.repositories.find(
      r => repositorySlug(r) === service.repository,
    );
    if (!repository) continue;
    const deployments = repository.deployments.filter(
      d => d.payload.service === service.name,
    );
    for (const deployment of deployments) {
      deployment.image = imageOf(service, deployment);
      deployment.payload = {
        ...deployment.payload,
        image: `${deployment.image.repository}:${deployment.image.tag}@${deployment.image.digest}`,
      };
    }
    const mismatched = plantProvenanceMismatch(
      organisation,
      repository,
      service,
      deployments,
    );
    const attested = new Set<string>();
    for (const deployment of deployments) {
      const image = deployment.image!;
      if (attested.has(image.digest)) continue;
      attested.add(image.digest);
      attestations.push({
        repository: service.repository,
        image,
        sourceCommit:
          deployment.id === mismatched?.deployment.id
            ? mismatched.builtFrom
            : deployment.sha,
        sourceRef: `refs/heads/${deployment.ref}`,
        builtAt: deployment.createdAt,
      });
    }
    pods.push(...podsOf(organisation, service, deployments));
  }
  return {
    ...organisation,
    attestations: [...(organisation.attestations ?? []), ...attestations],
    kubernetes: {
      cluster: PRODUCTION_CLUSTER,
      pods: [...(organisation.kubernetes?.pods ?? []), ...pods],
    },
  };
}

/**
 * Picks the compliant production deployment before the latest whose commit no other deployment
 * shipped, and records in the answer key that its image's provenance names another commit.
 */
function plantProvenanceMismatch(
  organisation: Organisation,
  repository: Repository,
  service: CatalogService,
  deployments: Deployment[],
): { deployment: Deployment; builtFrom: string } | undefined {
  const shipped = new Map<string, number>();
  for (const d of deployments)
    shipped.set(d.sha, (shipped.get(d.sha) ?? 0) + 1);
  const expected = new Map(
    organisation.expected
      .filter(e => e.repository === service.repository)
      .map(e => [e.deploymentId, e]),
  );
  const candidates = deployments
    .filter(
      d =>
        d.environment === 'production' &&
        wentLive(d) &&
        shipped.get(d.sha) === 1 &&
        expected.get(d.id)?.verdict === 'compliant',
    )
    .sort((a, b) => wentLive(a)!.localeCompare(wentLive(b)!));
  const deployment = candidates[candidates.length - 2];
  const parent = repository.commits.find(c => c.sha === deployment?.sha)
    ?.parents[0];
  if (!deployment || !parent) return undefined;
  const answer = expected.get(deployment.id)!;
  answer.checks['artifact.traceable'] = 'fail';
  answer.verdict = 'exception';
  answer.messiness = [
    ...answer.messiness,
    PLANTED_MESSINESS.provenanceMismatch,
  ];
  return { deployment, builtFrom: parent };
}

/**
 * The cluster runs what the latest production deployment shipped, in two replicas of its
 * Deployment, beside a debug pod someone started by hand with an image no deployment shipped, and
 * a cache that is not the service's (no `backstage.io/kubernetes-id` label).
 */
function podsOf(
  organisation: Organisation,
  service: CatalogService,
  deployments: Deployment[],
): KubernetesPod[] {
  const latest = deployments
    .filter(d => d.environment === 'production' && wentLive(d))
    .sort((a, b) => wentLive(a)!.localeCompare(wentLive(b)!))
    .pop();
  if (!latest?.image) return [];
  const namespace = service.owner.replace(/-team$/, '');
  const id = service.kubernetesId!;
  const hash = suffix(latest.image.digest, 10);
  const replicaSet = `${service.name}-${hash}`;
  const startedAt = wentLive(latest)!;
  const replicas: KubernetesPod[] = [0, 1].map(n => ({
    namespace,
    name: `${replicaSet}-${suffix(`${replicaSet}/${n}`, 5)}`,
    labels: {
      app: service.name,
      'backstage.io/kubernetes-id': id,
      'pod-template-hash': hash,
    },
    ownerReplicaSet: replicaSet,
    startedAt,
    containers: [{ name: 'app', image: latest.image! }],
  }));
  const debugImage: ContainerImage = {
    repository: `${IMAGE_REGISTRY}/${service.name}`,
    tag: 'debug',
    digest: digestOf(`${service.name}: built on a laptop`),
  };
  const debug: KubernetesPod = {
    namespace,
    name: `${service.name}-debug`,
    labels: { 'backstage.io/kubernetes-id': id },
    startedAt: new Date(Date.parse(organisation.now) - 30 * HOUR).toISOString(),
    containers: [{ name: 'app', image: debugImage }],
  };
  const cache: KubernetesPod = {
    namespace,
    name: `${service.name}-cache-0`,
    labels: { app: `${service.name}-cache` },
    startedAt,
    containers: [
      {
        name: 'redis',
        image: {
          repository: 'docker.io/library/redis',
          tag: '7.4',
          digest: digestOf('redis:7.4'),
        },
      },
    ],
  };
  return [...replicas, debug, cache];
}
