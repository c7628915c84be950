import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /**
   * The Kubernetes plugin's configuration, as far as this module reads it; declared here so that
   * the token is treated as the secret it is even in a portal without the Kubernetes plugin.
   */
  kubernetes?: {
    clusterLocatorMethods?: Array<{
      type: string;
      clusters?: Array<{
        name: string;
        url: string;
        authProvider: string;
        /** @visibility secret */
        serviceAccountToken?: string;
        skipTLSVerify?: boolean;
        /** @visibility secret */
        caData?: string;
      }>;
    }>;
  };
  changeCompliance?: {
    /**
     * What production runs, read from the clusters of the portal's own Kubernetes configuration
     * (`kubernetes.clusterLocatorMethods`, `type: config`, `authProvider: serviceAccount`). The
     * module reads them whenever that configuration has such clusters.
     */
    kubernetes?: {
      /**
       * The names of the clusters that run production. Default: every configured cluster. Name
       * them when the portal also shows staging clusters: an image running there is not
       * production's.
       */
      clusters?: string[];
      /** How often to sweep the clusters; default every 10 minutes. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    /** Build provenance of deployed and running images. Absent: none is read. */
    provenance?: {
      /**
       * GitHub's artifact attestations (`actions/attest-build-provenance`), read with the
       * portal's `integrations.github` credentials from each service's repository.
       */
      githubAttestations?: {
        /** The `integrations.github` host of the services' repositories; default `github.com`. */
        host?: string;
        /**
         * Public keys that sign build provenance (PEM, SPKI). A statement signed by one of them is
         * verified; without keys, statements are read unverified (see artifact.traceable).
         */
        publicKeys?: Array<{
          /** The id bundles name the key by (`verificationMaterial.publicKey.hint`). */
          keyId: string;
          publicKey: string;
        }>;
        /** How often to read; default every 15 minutes. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
