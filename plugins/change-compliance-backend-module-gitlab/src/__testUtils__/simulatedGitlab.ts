import { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { RetryPolicy } from '@change-compliance/plugin-change-compliance-node';
import { GITLAB_DEMO_TOKEN, MOUNTS } from '@internal/upstream-simulator';
import { gitlabClientFromConfig } from '../client/gitlabClientFromConfig';
import { GitlabEvidenceProvider } from '../GitlabEvidenceProvider';

const SILENT: LoggerService = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => SILENT,
};

/** The portal's `integrations` config with the simulator as its one GitLab. */
export function integrationsFor(simulatorUrl: string) {
  return {
    gitlab: [
      {
        host: `gitlab.${new URL(simulatorUrl).host}`,
        apiBaseUrl: `${simulatorUrl}${MOUNTS.gitlab}`,
        baseUrl: `${simulatorUrl}/gitlab`,
        token: GITLAB_DEMO_TOKEN,
      },
    ],
  };
}

/**
 * The module as a portal configures it, pointed at a running simulator: its GitLab as the one
 * `integrations.gitlab` entry, a 180-day window, a clock stopped at `now`, and retries that wait
 * milliseconds instead of seconds.
 */
export function providerForSimulator(
  simulatorUrl: string,
  now: string,
  retry: Partial<RetryPolicy> = {},
): GitlabEvidenceProvider {
  const { client, host } = gitlabClientFromConfig(
    new ConfigReader({ integrations: integrationsFor(simulatorUrl) }),
    undefined,
    { retry: { baseDelayMs: 5, ...retry } },
  );
  return new GitlabEvidenceProvider({
    client,
    host,
    windowDays: 180,
    logger: SILENT,
    now: () => new Date(now),
  });
}
