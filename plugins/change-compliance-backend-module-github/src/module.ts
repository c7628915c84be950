import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { changeComplianceProvidersExtensionPoint } from '@change-compliance/plugin-change-compliance-node';
import { GithubClients } from './GithubClients';
import { GithubEvidenceProvider } from './GithubEvidenceProvider';
import { githubIssuesFromConfig } from './issues/githubIssuesFromConfig';
import { syncScheduleFromConfig } from './sync/syncSchedule';
import { subscribeToGithubWebhooks } from './webhooks/githubWebhooks';

/**
 * Feeds Change Compliance with evidence from GitHub, read with the portal's own
 * `integrations.github` credentials: every repository on a schedule, and one repository within
 * seconds of a GitHub webhook about it when the events backend receives GitHub webhooks. Where
 * the policy lists repositories whose issues are tickets, GitHub Issues is a ticket system too.
 *
 * @public
 */
export const changeComplianceModuleGithub = createBackendModule({
  pluginId: 'change-compliance',
  moduleId: 'github',
  register(env) {
    env.registerInit({
      deps: {
        providers: changeComplianceProvidersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        // Always there: the backend provides the events service by default. Without the events
        // backend and its GitHub module, nothing is ever published to the topics subscribed to.
        events: eventsServiceRef,
      },
      async init({ providers, config, logger, scheduler, events }) {
        const github = config.getOptionalConfig('changeCompliance.github');
        const clients = GithubClients.fromConfig(config, { logger });
        const host = clients.defaultHost(github?.getOptionalString('host'));
        const provider = new GithubEvidenceProvider({
          clients,
          host,
          windowDays:
            config.getOptionalNumber('changeCompliance.windowDays') ?? 180,
          logger,
          scheduler,
          schedule: syncScheduleFromConfig(github, { minutes: 30 }),
        });
        providers.addSourceControlProvider(provider);
        providers.addDeploymentSource(provider);
        const githubIssues = githubIssuesFromConfig({
          config,
          clients,
          host,
          logger,
          scheduler,
        });
        if (githubIssues) providers.addTicketSystem(githubIssues);
        await subscribeToGithubWebhooks({ events, provider, logger });
      },
    });
  },
});
