import { Config } from '@backstage/config';

/** A cluster as the portal's Kubernetes plugin is configured to reach it. */
export interface KubernetesCluster {
  /** `kubernetes.clusterLocatorMethods[].clusters[].name` */
  name: string;
  /** The API server's base URL; a path is kept (a proxy's prefix). */
  url: string;
  /** The service account token (`authProvider: serviceAccount`). */
  serviceAccountToken: string;
  skipTLSVerify: boolean;
  /** The cluster's CA certificate (PEM), when the configuration gives `caData` (base64). */
  ca?: string;
}

/**
 * The clusters of the portal's own Kubernetes configuration (`kubernetes.clusterLocatorMethods`,
 * entries of `type: config`) that this module can read: those signed into with a service account
 * token, the only way that needs no user. Others are returned apart, with the reason, for the log.
 * `only` keeps the clusters with these names (`changeCompliance.kubernetes.clusters`): the ones
 * that run production.
 */
export function readClusters(
  root: Config,
  only?: string[],
): { clusters: KubernetesCluster[]; skipped: string[] } {
  const clusters: KubernetesCluster[] = [];
  const skipped: string[] = [];
  const methods =
    root.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  for (const method of methods) {
    if (method.getString('type') !== 'config') continue;
    for (const cluster of method.getOptionalConfigArray('clusters') ?? []) {
      const name = cluster.getString('name');
      if (only && !only.includes(name)) continue;
      const authProvider = cluster.getString('authProvider');
      const token = cluster.getOptionalString('serviceAccountToken');
      if (authProvider !== 'serviceAccount' || !token) {
        skipped.push(
          `${name}: authProvider ${authProvider}${
            token ? '' : ' without serviceAccountToken'
          } (only serviceAccount with a token is read)`,
        );
        continue;
      }
      const url = cluster.getString('url').replace(/\/+$/, '');
      if (!/^https?:\/\/[^/]/.test(url)) {
        throw new Error(
          `kubernetes cluster ${name}: url must be an http(s) URL; got '${url}'`,
        );
      }
      const caData = cluster.getOptionalString('caData');
      clusters.push({
        name,
        url,
        serviceAccountToken: token,
        skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
        ...(caData
          ? { ca: Buffer.from(caData, 'base64').toString('utf8') }
          : {}),
      });
    }
  }
  for (const name of only ?? []) {
    if (
      !clusters.some(c => c.name === name) &&
      !skipped.some(s => s.startsWith(`${name}:`))
    ) {
      throw new Error(
        `changeCompliance.kubernetes.clusters names ${name}, which kubernetes.clusterLocatorMethods does not configure`,
      );
    }
  }
  return { clusters, skipped };
}
