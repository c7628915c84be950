import { Request, Response } from 'express';

/**
 * The service account token the simulated cluster accepts, as the portal's Kubernetes
 * configuration passes it (`serviceAccountToken`). It guards nothing real.
 */
export const KUBERNETES_DEMO_TOKEN = 'k8s-simulator-service-account-token';

export function kubernetesAuthorised(req: Request, token: string): boolean {
  return req.header('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1] === token;
}

/** The API server's answer to a missing or wrong token: a `Status`, as every error of it is. */
export function kubernetesUnauthorised(res: Response): void {
  res.status(401).json(status(401, 'Unauthorized', 'Unauthorized'));
}

/** A `v1 Status` object, the shape of every error the Kubernetes API answers. */
export function status(code: number, reason: string, message: string) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  };
}
