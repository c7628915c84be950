import crypto from 'node:crypto';
import {
  ARGOCD_DEMO_CREDENTIALS,
  ArgoCdCredentials,
  MOUNTS,
  SimulatorCredentials,
} from '@internal/upstream-simulator';

/**
 * What every upstream of the portal accepts in a whole-portal test: GitHub, Jira, ServiceNow,
 * GitLab, each Argo CD instance and the Kubernetes cluster. Spread into `createSimulator`.
 */
export interface UpstreamCredentials {
  credentials: SimulatorCredentials;
  gitlabToken: string;
  argoCdCredentials: ArgoCdCredentials;
  kubernetesToken: string;
}

/**
 * A value of its own for every credential, so that a test can look for each in what the portal
 * logs and answers, and so that a portal still reading app-config.yaml's demo values (an upstream
 * the test forgot to point at its simulator) is refused rather than served.
 */
export function randomUpstreamCredentials(): UpstreamCredentials {
  return {
    credentials: {
      githubToken: `ghs_${randomText(36)}`,
      jira: { email: 'portal@northwind.example', apiToken: randomText(24) },
      serviceNow: { username: 'portal', password: randomText(20) },
    },
    gitlabToken: `glpat-${randomText(20)}`,
    // The demo organisation's applications live on these instances; only their secrets change.
    argoCdCredentials: Object.fromEntries(
      Object.keys(ARGOCD_DEMO_CREDENTIALS).map(name => [
        name,
        { token: randomText(32), username: 'portal', password: randomText(20) },
      ]),
    ),
    kubernetesToken: randomText(40),
  };
}

/**
 * Config over app-config.yaml that points every upstream the portal reads at the simulator at
 * `upstream` with `secrets`. Lists in app-config.yaml (integrations, Argo CD instances, clusters)
 * are replaced as a whole by these, so none of the demo's :7100 entries remains. Each Argo CD
 * instance but the first signs in with a user name and password, the other way the module reads.
 */
export function upstreamConfig(
  upstream: string,
  secrets: UpstreamCredentials,
): object {
  const host = new URL(upstream).host;
  // Only a name that tells the two integrations apart: requests go to apiBaseUrl.
  const gitlabHost = `gitlab.${host}`;
  const { credentials } = secrets;
  return {
    integrations: {
      github: [
        {
          host,
          apiBaseUrl: `${upstream}${MOUNTS.githubRest}`,
          token: credentials.githubToken,
        },
      ],
      gitlab: [
        {
          host: gitlabHost,
          apiBaseUrl: `${upstream}${MOUNTS.gitlab}`,
          baseUrl: `${upstream}${MOUNTS.gitlab.replace(/\/api\/v4$/, '')}`,
          token: secrets.gitlabToken,
        },
      ],
    },
    argocd: {
      appLocatorMethods: [
        {
          type: 'config',
          instances: Object.entries(secrets.argoCdCredentials).map(
            ([name, instance], index) => ({
              name,
              url: `${upstream}${MOUNTS.argoCd}/${name}`,
              ...(index === 0
                ? { token: instance.token }
                : { username: instance.username, password: instance.password }),
            }),
          ),
        },
      ],
    },
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: 'northwind-production',
              url: `${upstream}${MOUNTS.kubernetes}`,
              authProvider: 'serviceAccount',
              serviceAccountToken: secrets.kubernetesToken,
              skipTLSVerify: true,
              skipMetricsLookup: true,
            },
          ],
        },
      ],
    },
    changeCompliance: {
      github: { host },
      gitlab: { host: gitlabHost },
      // Attestations are read with the GitHub integration's token, from this host.
      provenance: { githubAttestations: { host } },
      jira: {
        baseUrl: `${upstream}${MOUNTS.jira}`,
        email: credentials.jira.email,
        apiToken: credentials.jira.apiToken,
      },
      servicenow: {
        instanceUrl: `${upstream}${MOUNTS.serviceNow}`,
        auth: {
          type: 'basic',
          username: credentials.serviceNow.username,
          password: credentials.serviceNow.password,
        },
      },
    },
  };
}

/**
 * Every secret in `secrets` by name, with the forms a client sends it in (Basic credentials), for
 * a test that looks for them in logs and answers.
 */
export function secretValues(
  secrets: UpstreamCredentials,
): Record<string, string> {
  const { credentials } = secrets;
  return {
    'GitHub token': credentials.githubToken,
    'Jira API token': credentials.jira.apiToken,
    'Jira Basic credentials': base64(
      `${credentials.jira.email}:${credentials.jira.apiToken}`,
    ),
    'ServiceNow password': credentials.serviceNow.password,
    'ServiceNow Basic credentials': base64(
      `${credentials.serviceNow.username}:${credentials.serviceNow.password}`,
    ),
    'GitLab token': secrets.gitlabToken,
    ...Object.fromEntries(
      Object.entries(secrets.argoCdCredentials).flatMap(([name, instance]) => [
        [`Argo CD ${name} token`, instance.token],
        [`Argo CD ${name} password`, instance.password],
      ]),
    ),
    'Kubernetes service account token': secrets.kubernetesToken,
  };
}

export function randomText(length: number): string {
  return crypto.randomBytes(length).toString('base64url').slice(0, length);
}

function base64(text: string): string {
  return Buffer.from(text).toString('base64');
}
