import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  changeCompliance?: {
    github?: {
      /**
       * The GitHub host of the catalog's `github.com/project-slug` annotations; default the first
       * `integrations.github` entry. Credentials always come from `integrations.github`.
       */
      host?: string;
      /** How often to sync; default every 15 minutes. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
