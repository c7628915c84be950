import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { changeComplianceProvidersExtensionPoint } from '@change-compliance/plugin-change-compliance-node';
import { GithubClients } from './GithubClients';
import { GithubEvidenceProvider } from './GithubEvidenceProvider';

/**
 * Feeds Change Compliance with evidence from GitHub, read with the portal's own
 * `integrations.github` credentials.
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
      },
      async init({ providers, config, logger, scheduler }) {
        const github = config.getOptionalConfig('changeCompliance.github');
        const clients = GithubClients.fromConfig(config);
        const provider = new GithubEvidenceProvider({
          clients,
          host: clients.defaultHost(github?.getOptionalString('host')),
          windowDays:
            config.getOptionalNumber('changeCompliance.windowDays') ?? 180,
          logger,
          scheduler,
          schedule: github?.has('schedule')
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                github.getConfig('schedule'),
              )
            : {
                frequency: { minutes: 15 },
                timeout: { minutes: 30 },
                // After the catalog has read its locations, so that the first sync finds the services.
                initialDelay: { seconds: 40 },
              },
        });
        providers.addSourceControlProvider(provider);
        providers.addDeploymentSource(provider);
      },
    });
  },
});
