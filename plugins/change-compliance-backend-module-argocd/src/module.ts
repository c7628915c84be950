import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { changeComplianceProvidersExtensionPoint } from '@change-compliance/plugin-change-compliance-node';
import { ArgoCdDeploymentSource } from './ArgoCdDeploymentSource';
import { catalogTargets } from './catalog/catalogTargets';
import { ArgoCdClient } from './client/ArgoCdClient';
import { readArgoCdConfig } from './config/readArgoCdConfig';

/**
 * Feeds Change Compliance with deployments from Argo CD: the synced revisions of the applications
 * the catalog's `argocd/app-name` annotations name, from the instances of the portal's `argocd`
 * section (the community Argo CD plugins' configuration). Without an instance configured the
 * module registers nothing.
 *
 * @public
 */
export const changeComplianceModuleArgoCd = createBackendModule({
  pluginId: 'change-compliance',
  moduleId: 'argocd',
  register(env) {
    env.registerInit({
      deps: {
        providers: changeComplianceProvidersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
      },
      async init({ providers, config, logger, scheduler, catalog, auth }) {
        const settings = readArgoCdConfig(config);
        if (!settings) {
          logger.info(
            'argocd.appLocatorMethods configures no Argo CD instance; no Argo CD deployments are read',
          );
          return;
        }
        providers.addDeploymentSource(
          new ArgoCdDeploymentSource({
            clients: settings.instances.map(
              instance => new ArgoCdClient({ instance }),
            ),
            targets: catalogTargets({ catalog, auth }),
            environments: settings.environments,
            automatedSyncAccount: settings.automatedSyncAccount,
            logger,
            scheduler,
            schedule: settings.schedule,
          }),
        );
        logger.info(
          `Argo CD deployments are read from ${settings.instances
            .map(i => i.name)
            .join(', ')}`,
        );
      },
    });
  },
});
