import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { changeComplianceProvidersExtensionPoint } from '@change-compliance/plugin-change-compliance-node';
import { catalogKubernetesServices } from './clusters/kubernetesServices';
import { readClusters } from './clusters/readClusters';
import { GithubAttestationSource } from './provenance/GithubAttestationSource';
import {
  readAttestationsConfig,
  readKubernetesConfig,
} from './readModuleConfig';
import { RunningArtifactSource } from './RunningArtifactSource';

/**
 * Feeds Change Compliance with what production runs and how it was built: the images running in
 * the clusters of the portal's Kubernetes configuration, for the catalog services that name their
 * pods (`backstage.io/kubernetes-id`), and the build provenance of images from GitHub's artifact
 * attestations (`changeCompliance.provenance.githubAttestations`). Each part registers only when
 * configured.
 *
 * @public
 */
export const changeComplianceModuleKubernetes = createBackendModule({
  pluginId: 'change-compliance',
  moduleId: 'kubernetes',
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
        const kubernetes = readKubernetesConfig(config);
        const { clusters, skipped } = readClusters(config, kubernetes.clusters);
        for (const reason of skipped) {
          logger.warn(`Kubernetes cluster not read: ${reason}`);
        }
        if (clusters.length > 0) {
          providers.addArtifactSource(
            new RunningArtifactSource({
              clusters,
              services: () => catalogKubernetesServices({ catalog, auth }),
              logger,
              scheduler,
              schedule: kubernetes.schedule,
            }),
          );
        } else {
          logger.info(
            'kubernetes.clusterLocatorMethods has no cluster to read; what production runs is not read',
          );
        }

        const attestations = readAttestationsConfig(config);
        if (
          attestations &&
          !ScmIntegrations.fromConfig(config).github.byHost(attestations.host)
        ) {
          // Not a stop: a portal whose GitHub integration moved keeps running, without provenance.
          logger.warn(
            `changeCompliance.provenance.githubAttestations.host ${attestations.host} has no integrations.github entry; no build provenance is read`,
          );
        } else if (attestations) {
          providers.addArtifactSource(
            GithubAttestationSource.fromConfig(config, {
              host: attestations.host,
              keys: attestations.keys,
              logger,
              scheduler,
              schedule: attestations.schedule,
            }),
          );
        }
      },
    });
  },
});
