import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { changeComplianceProvidersExtensionPoint } from '@change-compliance/plugin-change-compliance-node';
import { gitlabClientFromConfig } from './client/gitlabClientFromConfig';
import { GitlabEvidenceProvider } from './GitlabEvidenceProvider';

/**
 * Feeds Change Compliance with evidence from GitLab, read with the portal's own
 * `integrations.gitlab` token: every project a catalog service names with
 * `gitlab.com/project-slug`, on a schedule. GitLab is both a source-control provider (merge
 * requests, approvals, history, protection) and a deployment source (GitLab deployments).
 *
 * @public
 */
export const changeComplianceModuleGitlab = createBackendModule({
  pluginId: 'change-compliance',
  moduleId: 'gitlab',
  register(env) {
    env.registerInit({
      deps: {
        providers: changeComplianceProvidersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ providers, config, logger, scheduler }) {
        const section = config.getOptionalConfig('changeCompliance.gitlab');
        const { client, host } = gitlabClientFromConfig(
          config,
          section?.getOptionalString('host'),
        );
        const provider = new GitlabEvidenceProvider({
          client,
          host,
          windowDays:
            config.getOptionalNumber('changeCompliance.windowDays') ?? 180,
          logger,
          scheduler,
          schedule: section?.has('schedule')
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                section.getConfig('schedule'),
              )
            : {
                frequency: { minutes: 15 },
                timeout: { minutes: 30 },
                // After the catalog has read its locations, so that the services are there.
                initialDelay: { seconds: 40 },
              },
        });
        providers.addSourceControlProvider(provider);
        providers.addDeploymentSource(provider);
      },
    });
  },
});
