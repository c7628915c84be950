import { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { RetryPolicy } from '@change-compliance/plugin-change-compliance-node';
import { GitlabClient } from './GitlabClient';

/**
 * A client of the portal's GitLab, from its `integrations.gitlab` entry (host, `apiBaseUrl`,
 * token): the module has no credential of its own. `host` picks the entry; default the first.
 */
export function gitlabClientFromConfig(
  config: Config,
  host?: string,
  options: { retry?: Partial<RetryPolicy>; fetch?: typeof fetch } = {},
): { client: GitlabClient; host: string } {
  const integrations = ScmIntegrations.fromConfig(config).gitlab;
  const integration = host ? integrations.byHost(host) : integrations.list()[0];
  if (!integration) {
    throw new Error(
      host
        ? `No integrations.gitlab entry for host ${host}`
        : 'No integrations.gitlab entry',
    );
  }
  return {
    host: integration.config.host,
    client: new GitlabClient({
      apiBaseUrl: integration.config.apiBaseUrl.replace(/\/+$/, ''),
      token: integration.config.token,
      ...options,
    }),
  };
}
