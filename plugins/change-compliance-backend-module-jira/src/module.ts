import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { changeComplianceProvidersExtensionPoint } from '@change-compliance/plugin-change-compliance-node';
import { JiraTicketSystem } from './JiraTicketSystem';

/**
 * Feeds Change Compliance with tickets and approvals from Jira Cloud or Data Center
 * (`changeCompliance.jira`): the policy's Jira projects on a schedule, and the tickets of newly
 * synced changes as soon as the backend asks for them.
 *
 * @public
 */
export const changeComplianceModuleJira = createBackendModule({
  pluginId: 'change-compliance',
  moduleId: 'jira',
  register(env) {
    env.registerInit({
      deps: {
        providers: changeComplianceProvidersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ providers, config, logger, scheduler }) {
        providers.addTicketSystem(
          JiraTicketSystem.fromConfig(config, { logger, scheduler }),
        );
      },
    });
  },
});
