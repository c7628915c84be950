import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { changeComplianceProvidersExtensionPoint } from '@change-compliance/plugin-change-compliance-node';
import { TableApiClient } from './client/TableApiClient';
import { readServiceNowConfig } from './readServiceNowConfig';
import { ServiceNowTicketSystem } from './ServiceNowTicketSystem';

/**
 * Feeds Change Compliance with ServiceNow change requests as tickets, and their approval records
 * as approvals, read through the Table API with the credentials of `changeCompliance.servicenow`.
 * Without that configuration the module registers nothing.
 *
 * @public
 */
export const changeComplianceModuleServiceNow = createBackendModule({
  pluginId: 'change-compliance',
  moduleId: 'servicenow',
  register(env) {
    env.registerInit({
      deps: {
        providers: changeComplianceProvidersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ providers, config, logger, scheduler }) {
        const servicenow = readServiceNowConfig(config);
        if (!servicenow) {
          logger.info(
            'changeCompliance.servicenow is not configured; no ServiceNow change requests are read',
          );
          return;
        }
        providers.addTicketSystem(
          new ServiceNowTicketSystem({
            client: new TableApiClient({
              instanceUrl: servicenow.instanceUrl,
              credentials: servicenow.credentials,
            }),
            numberPrefix: servicenow.numberPrefix,
            pageSize: servicenow.pageSize,
            windowDays:
              config.getOptionalNumber('changeCompliance.windowDays') ?? 180,
            logger,
            scheduler,
            schedule: servicenow.schedule,
          }),
        );
      },
    });
  },
});
