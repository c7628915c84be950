import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /**
   * The Argo CD instances, as the community Argo CD plugins configure them: a portal that shows
   * Argo CD already has this section, and the module reads it as it is.
   */
  argocd?: {
    /**
     * Signs in with these on instances that name no token or user of their own.
     * @visibility secret
     */
    username?: string;
    /** @visibility secret */
    password?: string;
    appLocatorMethods?: Array<{
      /** Only `config` locators are read: they list the instances. */
      type: string;
      instances?: Array<{
        /** What `argocd/instance-name` calls it; deployments from it have source `argocd:<name>`. */
        name: string;
        /** The instance's base URL, e.g. `https://argocd.example.com`. */
        url: string;
        /**
         * An Argo CD API token (an account with `applications, get`).
         * @visibility secret
         */
        token?: string;
        /** @visibility secret */
        username?: string;
        /** @visibility secret */
        password?: string;
      }>;
    }>;
  };
  changeCompliance?: {
    argocd?: {
      /** How often to read the applications' histories; default every 15 minutes. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * Which environment a sync deployed to, by where the application deploys: the first rule
       * whose every given criterion matches. Without a matching rule, the destination cluster's
       * name (`spec.destination.name`), else its server URL. The policy's
       * `productionEnvironments` then decide what is production.
       */
      environments?: Array<{
        /** The instance's name. */
        instance?: string;
        /** A glob over the destination cluster's name or server URL. */
        cluster?: string;
        /** A glob over the destination namespace. */
        namespace?: string;
        environment: string;
      }>;
      /**
       * The account recorded as the deployment's actor for syncs Argo CD's automated sync policy
       * started (marked as a bot); default `argocd-automated-sync`.
       */
      automatedSyncAccount?: string;
    };
  };
}
