import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { changeCompliancePermissions } from '@change-compliance/plugin-change-compliance-common';
import { changeComplianceProvidersExtensionPoint } from '@change-compliance/plugin-change-compliance-node';
import { KnexEvidenceStore } from './database/KnexEvidenceStore';
import { readPolicy } from './policy/readPolicy';
import { ProviderRegistry } from './providers/ProviderRegistry';
import { createRouter } from './service/router';

/**
 * The Change Compliance backend plugin: evidence store, evaluation and the REST API at
 * `/api/change-compliance`.
 *
 * @public
 */
export const changeCompliancePlugin = createBackendPlugin({
  pluginId: 'change-compliance',
  register(env) {
    const providers = new ProviderRegistry();
    env.registerExtensionPoint(
      changeComplianceProvidersExtensionPoint,
      providers,
    );

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({
        config,
        database,
        httpRouter,
        logger,
        permissionsRegistry,
      }) {
        // First, so that a bad policy stops the start before anything is served or written.
        const policy = readPolicy(config);
        permissionsRegistry.addPermissions(changeCompliancePermissions);

        const store = await KnexEvidenceStore.create({ database });
        httpRouter.use(await createRouter({ store, providers, policy }));
        // The health answer carries no evidence; load balancers call it without a token.
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });

        const registered = providers.describe();
        logger.info(
          `Change Compliance ready; providers: ${
            JSON.stringify(registered) ?? '{}'
          }`,
        );
      },
    });
  },
});
