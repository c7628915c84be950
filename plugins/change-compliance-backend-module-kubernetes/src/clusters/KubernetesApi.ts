import http from 'node:http';
import https from 'node:https';
import { KubernetesCluster } from './readClusters';
import { Pod, podListSchema } from './podList';

/** Pods per request; the API server pages longer lists with a `continue` token. */
const PAGE_SIZE = 500;

const TIMEOUT_MS = 30_000;

/**
 * A reader of the Kubernetes API's pods. Plain HTTPS with node's client rather than
 * `@kubernetes/client-node`: one list call is all this module makes, and that library brings a
 * generated model of the whole API and its own dependency tree for it. Node's client (unlike
 * `fetch`) takes the cluster's CA and `skipTLSVerify` per request.
 */
export class KubernetesApi {
  /** The pods a label selector picks, in one namespace or in all, every page of them. */
  async listPods(
    cluster: KubernetesCluster,
    options: { labelSelector: string; namespace?: string },
  ): Promise<Pod[]> {
    const path = options.namespace
      ? `/api/v1/namespaces/${encodeURIComponent(options.namespace)}/pods`
      : '/api/v1/pods';
    const pods: Pod[] = [];
    let token: string | undefined;
    do {
      const query = new URLSearchParams({
        labelSelector: options.labelSelector,
        limit: String(PAGE_SIZE),
        ...(token ? { continue: token } : {}),
      });
      const body = await this.get(cluster, `${path}?${query}`);
      const parsed = podListSchema.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(
          `cluster ${
            cluster.name
          } answered ${path} with something other than a PodList (${issue.path.join(
            '.',
          )}: ${issue.message})`,
        );
      }
      pods.push(...parsed.data.items);
      token = parsed.data.metadata?.continue || undefined;
    } while (token);
    return pods;
  }

  private get(cluster: KubernetesCluster, pathAndQuery: string) {
    const url = new URL(`${cluster.url}${pathAndQuery}`);
    const client = url.protocol === 'https:' ? https : http;
    return new Promise<unknown>((resolve, reject) => {
      const request = client.get(
        url,
        {
          headers: {
            accept: 'application/json',
            authorization: `Bearer ${cluster.serviceAccountToken}`,
          },
          timeout: TIMEOUT_MS,
          ...(url.protocol === 'https:'
            ? {
                rejectUnauthorized: !cluster.skipTLSVerify,
                ...(cluster.ca ? { ca: cluster.ca } : {}),
              }
            : {}),
        },
        response => {
          const chunks: Buffer[] = [];
          response.on('data', chunk => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const status = response.statusCode ?? 0;
            if (status !== 200) {
              // The API server's errors are Status objects; their message says what is wrong.
              let message = text.slice(0, 200);
              try {
                message = JSON.parse(text).message ?? message;
              } catch {
                // not JSON: a proxy's page
              }
              reject(
                new Error(
                  `cluster ${cluster.name} answered ${url.pathname} with ${status}: ${message}`,
                ),
              );
              return;
            }
            try {
              resolve(JSON.parse(text));
            } catch {
              reject(
                new Error(
                  `cluster ${cluster.name} answered ${url.pathname} with a body that is not JSON`,
                ),
              );
            }
          });
          response.on('error', reject);
        },
      );
      request.on('timeout', () =>
        request.destroy(
          new Error(`cluster ${cluster.name} did not answer in time`),
        ),
      );
      request.on('error', reject);
    });
  }
}
