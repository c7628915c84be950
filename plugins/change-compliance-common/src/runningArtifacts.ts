/**
 * What production runs for a service, as the portal's Kubernetes clusters report it, and the
 * running images no deployment explains. Part of `GET /entities/:kind/:namespace/:name/summary`.
 */

/** An image running for a service now. @public */
export interface RunningArtifactView {
  cluster: string;
  namespace: string;
  /** `Deployment/payments-api`, or `Pod/<name>` for a pod nothing owns. */
  workload: string;
  container: string;
  image: string;
  digest: string;
  firstSeenAt: string;
  lastSeenAt: string;
  /** The production deployment that shipped this digest (`source/externalId`), if one did. */
  deploymentId?: string;
}

/**
 * An exception about what runs rather than about a deployment: an image digest running in
 * production that no production deployment of the service carries, so no change record explains
 * it. Kept apart from deployment verdicts and scores. @public
 */
export interface ArtifactException {
  kind: 'unknown-artifact-in-production';
  digest: string;
  image: string;
  cluster: string;
  namespace: string;
  workload: string;
  firstSeenAt: string;
  lastSeenAt: string;
  /** One sentence a person can act on. */
  reason: string;
}
