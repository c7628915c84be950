import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  changeCompliance?: {
    /** ServiceNow change requests as tickets, with their approvals. Absent: the module stays idle. */
    servicenow?: {
      /**
       * The instance's base URL, e.g. `https://acme.service-now.com`; a path is kept
       * (`http://localhost:7100/servicenow` for the demo's simulator).
       */
      instanceUrl: string;
      /**
       * How the module signs in. It only reads `change_request`, `sysapproval_approver` and
       * `sys_user` through the Table API: give the account read access to those three tables.
       */
      auth:
        | {
            type: 'basic';
            username: string;
            /** @visibility secret */
            password: string;
          }
        | {
            /** An OAuth application registry entry of the instance (`/oauth_token.do`). */
            type: 'oauth';
            clientId: string;
            /** @visibility secret */
            clientSecret: string;
            /**
             * `client_credentials` (default; the instance must allow that grant) or `password`
             * (then `username` and `password` are those of the integration user).
             */
            grantType?: 'client_credentials' | 'password';
            username?: string;
            /** @visibility secret */
            password?: string;
          };
      /**
       * The prefix of change request numbers, as in the policy's `{ system: servicenow, key: CHG }`.
       * Default `CHG`.
       */
      numberPrefix?: string;
      /** Records per Table API request; default 1,000 (at most 10,000). */
      pageSize?: number;
      /** How often to sync; default every 15 minutes. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
