import { minimatch } from 'minimatch';

/** Where an application deploys (`spec.destination`). */
export interface Destination {
  name?: string;
  server?: string;
  namespace?: string;
}

/** A rule naming the environment of an instance's, a cluster's or a namespace's deployments. */
export interface EnvironmentRule {
  instance?: string;
  /** Glob over the destination cluster's name or server URL. */
  cluster?: string;
  /** Glob over the destination namespace. */
  namespace?: string;
  environment: string;
}

/**
 * The environment of a sync: the first rule whose every given criterion matches the instance and
 * the destination; without one, the destination cluster's name, else its server URL. Argo CD
 * itself has no notion of environment, so this is the one place where the portal says which
 * clusters are which; the policy's production patterns then decide what is judged.
 */
export function environmentOf(
  instance: string,
  destination: Destination,
  rules: EnvironmentRule[],
): string {
  const glob = (pattern: string, value: string | undefined) =>
    value !== undefined && minimatch(value, pattern, { dot: true });
  const rule = rules.find(
    r =>
      (r.instance === undefined || r.instance === instance) &&
      (r.cluster === undefined ||
        glob(r.cluster, destination.name) ||
        glob(r.cluster, destination.server)) &&
      (r.namespace === undefined || glob(r.namespace, destination.namespace)),
  );
  return (
    rule?.environment ?? destination.name ?? destination.server ?? 'unknown'
  );
}
