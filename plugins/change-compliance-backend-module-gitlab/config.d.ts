import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  changeCompliance?: {
    gitlab?: {
      /**
       * The GitLab host of the catalog's `gitlab.com/project-slug` annotations; default the first
       * `integrations.gitlab` entry. The token always comes from `integrations.gitlab`.
       */
      host?: string;
      /** How often to sync; default every 15 minutes. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
