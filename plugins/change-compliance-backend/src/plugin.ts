import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { changeCompliancePermissions } from '@change-compliance/plugin-change-compliance-common';
import { changeComplianceProvidersExtensionPoint } from '@change-compliance/plugin-change-compliance-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { registerActions } from './actions/registerActions';
import { catalogAuditCatalog } from './audit/AuditCatalog';
import { AuditWorkspace } from './audit/AuditWorkspace';
import { KnexAuditStore } from './audit/KnexAuditStore';
import {
  reevaluateCatalog,
  reevaluateEntities,
  refreshServices,
} from './evaluation/reevaluateCatalog';
import { ownedServices } from './evaluation/ownedServices';
import { KnexEvidenceStore } from './database/KnexEvidenceStore';
import { readPolicy } from './policy/readPolicy';
import { ProviderRegistry } from './providers/ProviderRegistry';
import { StoreEvidenceSink } from './providers/StoreEvidenceSink';
import { ServiceEvaluationQueue } from './evaluation/ServiceEvaluationQueue';
import { RememberedAnswers } from './service/RememberedAnswers';
import { RememberedPermissions } from './service/RememberedPermissions';
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
        actionsRegistry: actionsRegistryServiceRef,
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
      },
      async init({
        actionsRegistry,
        auditor,
        auth,
        catalog,
        config,
        database,
        httpAuth,
        permissions: portalPermissions,
        httpRouter,
        logger,
        permissionsRegistry,
        scheduler,
      }) {
        // First, so that a bad policy stops the start before anything is served or written.
        const policy = readPolicy(config);
        permissionsRegistry.addPermissions(changeCompliancePermissions);

        const store = await KnexEvidenceStore.create({ database });
        const permissions = new RememberedPermissions(portalPermissions, {
          seconds:
            config.getOptionalNumber(
              'changeCompliance.permissionDecisionSeconds',
            ) ?? 10,
        });
        // Evidence older than the observed window is not synced, so the first deployment in the
        // data starts its change set here.
        const windowDays =
          config.getOptionalNumber('changeCompliance.windowDays') ?? 180;

        const evaluation = {
          catalog,
          auth,
          store,
          policy,
          logger,
          windowDays,
          fetchTickets: (keys: string[]) =>
            providers.fetchTickets(keys, (system, error) =>
              logger.warn(
                `Ticket system ${system} could not fetch referenced tickets; its next sync reads them`,
                error,
              ),
            ),
        };

        const evaluationQueue = new ServiceEvaluationQueue({
          logger,
          evaluate: (entityRef, cause) =>
            reevaluateEntities({
              ...evaluation,
              now: new Date(),
              entityRefs: [entityRef],
              cause,
            }),
        });

        httpRouter.use(
          await createRouter({
            store,
            providers,
            policy,
            httpAuth,
            permissions,
            answers: new RememberedAnswers(store, {
              megabytes:
                config.getOptionalNumber(
                  'changeCompliance.rememberedAnswersMegabytes',
                ) ?? 32,
            }),
            // Answered at once; the service is evaluated right after (ServiceEvaluationQueue).
            onDeploymentRecorded: async (entityRef, cause) =>
              evaluationQueue.request(entityRef, cause),
            ownedServices: groupRef =>
              ownedServices({ catalog, auth, groupRef }),
            audit: {
              auditor,
              workspace: new AuditWorkspace({
                store: await KnexAuditStore.create({ database }),
                evidence: store,
                catalog: catalogAuditCatalog({ catalog, auth }),
                policy,
              }),
            },
          }),
        );
        registerActions({ actionsRegistry, store, permissions });

        // Providers start syncing once the store is ready; what they write is evaluated again.
        await providers.connectAll(
          new StoreEvidenceSink(
            store,
            (entityRefs, cause) =>
              reevaluateEntities({
                ...evaluation,
                now: new Date(),
                entityRefs,
                cause,
              }),
            // Read from the catalog each time: a provider's first sync may come before the first
            // scheduled evaluation has filled the store's list of services.
            async () => {
              await refreshServices(evaluation);
              return store.listServices();
            },
          ),
        );

        // Time alone changes verdicts (an emergency window closes), and catalog entities come
        // and go: re-evaluate every service on the scheduler. Global scope: with several
        // replicas on one database, one of them runs it at a time.
        await scheduler.scheduleTask({
          id: 'change-compliance-reevaluate',
          scope: 'global',
          ...(config.has('changeCompliance.schedule')
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                config.getConfig('changeCompliance.schedule'),
              )
            : {
                frequency: { minutes: 30 },
                timeout: { minutes: 15 },
                initialDelay: { seconds: 30 },
              }),
          fn: async () => {
            const result = await reevaluateCatalog({
              ...evaluation,
              now: new Date(),
            });
            logger.info(
              `Re-evaluated ${result.services} services: ${result.evaluated} deployments, ${result.changed} verdict changes`,
            );
          },
        });
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
