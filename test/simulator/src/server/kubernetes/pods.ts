import crypto from 'node:crypto';
import express, { Request, Response } from 'express';
import { KubernetesPod } from '../../model';
import { SimulatorContext } from '../context';
import { status } from './credentials';
import { parseLabelSelector } from './labelSelector';

/** A stable uid, as the API server gives every object. */
function uid(text: string): string {
  const hex = crypto.createHash('sha1').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(
    12,
    16,
  )}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** A pod as `GET /api/v1/pods` renders it: the parts a reader of images uses, in the API's shape. */
function renderPod(pod: KubernetesPod) {
  return {
    metadata: {
      name: pod.name,
      namespace: pod.namespace,
      uid: uid(`${pod.namespace}/${pod.name}`),
      creationTimestamp: pod.startedAt.replace(/\.\d{3}Z$/, 'Z'),
      labels: pod.labels,
      ...(pod.ownerReplicaSet
        ? {
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                kind: 'ReplicaSet',
                name: pod.ownerReplicaSet,
                uid: uid(`${pod.namespace}/${pod.ownerReplicaSet}`),
                controller: true,
                blockOwnerDeletion: true,
              },
            ],
          }
        : {}),
    },
    spec: {
      containers: pod.containers.map(c => ({
        name: c.name,
        image: `${c.image.repository}:${c.image.tag}`,
        imagePullPolicy: 'IfNotPresent',
      })),
      restartPolicy: 'Always',
    },
    status: {
      phase: 'Running',
      startTime: pod.startedAt.replace(/\.\d{3}Z$/, 'Z'),
      containerStatuses: pod.containers.map(c => ({
        name: c.name,
        ready: true,
        started: true,
        restartCount: 0,
        state: {
          running: { startedAt: pod.startedAt.replace(/\.\d{3}Z$/, 'Z') },
        },
        image: `${c.image.repository}:${c.image.tag}`,
        // containerd's form: the repository the image was pulled from, at its digest.
        imageID: `${c.image.repository}@${c.image.digest}`,
      })),
    },
  };
}

/**
 * The part of the Kubernetes API a reader of running images uses: pods, across namespaces or in
 * one, filtered by `labelSelector`, as a `PodList`.
 */
export function kubernetesRouter(context: SimulatorContext): express.Router {
  const router = express.Router();

  const list = (req: Request, res: Response, namespace?: string) => {
    let selector;
    try {
      selector = parseLabelSelector(String(req.query.labelSelector ?? ''));
    } catch (error) {
      res
        .status(400)
        .json(
          status(
            400,
            'BadRequest',
            `unable to parse requirement: ${(error as Error).message}`,
          ),
        );
      return;
    }
    const pods = (context.organisation().kubernetes?.pods ?? []).filter(
      pod =>
        (!namespace || pod.namespace === namespace) &&
        selector.every(requirement => requirement(pod.labels)),
    );
    res.json({
      kind: 'PodList',
      apiVersion: 'v1',
      metadata: { resourceVersion: '1' },
      items: pods.map(renderPod),
    });
  };

  router.get('/api/v1/pods', (req, res) => list(req, res));
  router.get('/api/v1/namespaces/:namespace/pods', (req, res) =>
    list(req, res, req.params.namespace),
  );
  router.use((req, res) => {
    res
      .status(404)
      .json(
        status(
          404,
          'NotFound',
          `the server could not find the requested resource (${req.path})`,
        ),
      );
  });
  return router;
}
