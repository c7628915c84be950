import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { Octokit } from '@octokit/rest';
import {
  applyRequestPolicy,
  RequestPolicyOptions,
} from './client/requestPolicy';

/**
 * Octokit clients with the portal's own GitHub credentials (`integrations.github`: a token or a
 * GitHub App, github.com or Enterprise with `apiBaseUrl`). This module has no credential of its
 * own: whatever the portal may read, it reads, and nothing more.
 */
export class GithubClients {
  static fromConfig(
    config: Config,
    options: {
      logger?: LoggerService;
      requestPolicy?: Partial<RequestPolicyOptions>;
    } = {},
  ): GithubClients {
    const integrations = ScmIntegrations.fromConfig(config);
    return new GithubClients(
      integrations,
      DefaultGithubCredentialsProvider.fromIntegrations(integrations),
      options,
    );
  }

  constructor(
    private readonly integrations: ScmIntegrations,
    private readonly credentials: GithubCredentialsProvider,
    private readonly options: {
      logger?: LoggerService;
      requestPolicy?: Partial<RequestPolicyOptions>;
    } = {},
  ) {}

  /** The host a repository slug lives on: the configured one, else the first GitHub integration. */
  defaultHost(configured?: string): string {
    return (
      configured ??
      this.integrations.github.list()[0]?.config.host ??
      'github.com'
    );
  }

  async forRepository(host: string, slug: string): Promise<Octokit> {
    const integration = this.integrations.github.byHost(host);
    if (!integration) {
      throw new Error(`No integrations.github entry for host ${host}`);
    }
    const { token } = await this.credentials.getCredentials({
      url: `https://${host}/${slug}`,
    });
    return applyRequestPolicy(
      new Octokit({
        baseUrl: integration.config.apiBaseUrl ?? 'https://api.github.com',
        auth: token,
        userAgent: 'backstage-change-compliance',
      }),
      this.options.logger,
      this.options.requestPolicy,
    );
  }
}
