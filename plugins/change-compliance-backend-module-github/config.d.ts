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
    /**
     * GitHub Issues as a ticket system, for the repositories the policy lists under ticket
     * projects of system `github-issues` (`changeCompliance.policy.ticketProjects`).
     */
    githubIssues?: {
      /**
       * The label whose adding to an issue approves the change, by whoever added it, at that
       * time; its removal is a rejection. Default `change-approved`.
       */
      approvalLabel?: string;
      /** How often to sync the issues; default every 15 minutes. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
