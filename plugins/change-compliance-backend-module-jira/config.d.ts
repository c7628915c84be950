import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  changeCompliance?: {
    /**
     * The Jira that holds the tickets of the policy's Jira projects
     * (`changeCompliance.policy.ticketProjects` with `system: jira`). Sign in with either `email`
     * and `apiToken`, or `personalAccessToken`.
     */
    jira?: {
      /**
       * The site: `https://acme.atlassian.net` (Cloud), or the Data Center base URL with its
       * context path. Tickets are linked as `<baseUrl>/browse/<key>`.
       */
      baseUrl: string;
      /**
       * `cloud` (REST v3, Cloud's search) or `datacenter` (REST v2). Default: `cloud` with
       * `email` and `apiToken`, `datacenter` with `personalAccessToken`.
       */
      deployment?: 'cloud' | 'datacenter';
      /** Jira Cloud: the account whose API token `apiToken` is. */
      email?: string;
      /**
       * Jira Cloud: an API token of the account `email`.
       * @visibility secret
       */
      apiToken?: string;
      /**
       * Jira Data Center (or a Cloud service account's bearer token): a personal access token.
       * @visibility secret
       */
      personalAccessToken?: string;
      /**
       * Workflow statuses that mean the change is approved: whoever moves an issue into one of
       * them approves it, at that moment (e.g. a CAB member moving it to `Approved`). Required.
       */
      approvedStatuses: string[];
      /** Workflow statuses that mean the change is rejected; a rejection voids earlier approvals. */
      rejectedStatuses?: string[];
      /** How often to read the issues updated since the last sync; default every 15 minutes. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
