import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the Change Compliance plugins. */
  changeCompliance?: {
    /**
     * Entity refs of the groups whose members may draw audit samples and export evidence
     * packages, used by the portal's permission policy. Default: group:default/auditors.
     */
    auditorGroups?: string[];

    /**
     * How many days of history the product observes; the first deployment in the data takes
     * the changes since then as its change set. Default 180.
     */
    windowDays?: number;

    /**
     * How many seconds the API remembers the permission policy's decision for a caller and a
     * permission, instead of asking the permission backend on every request. Default 10; 0 asks
     * every time.
     */
    permissionDecisionSeconds?: number;

    /**
     * Memory, in megabytes, for the API's answers about a service (summary, deployment pages),
     * each given again while the service's evidence is unchanged. Every request still checks
     * that it is. Default 32; 0 computes every answer anew.
     */
    rememberedAnswersMegabytes?: number;

    /**
     * How often every service is evaluated again (Backstage scheduler format). Default: every
     * 30 minutes, with a 15-minute timeout.
     */
    schedule?: {
      frequency: { cron: string } | string | HumanDuration;
      timeout: string | HumanDuration;
      initialDelay?: string | HumanDuration;
    };

    /**
     * The change management policy the checks apply. Every key is optional and defaults to the
     * strict choice; the backend refuses to start on an invalid policy, naming the key.
     */
    policy?: {
      /** Environment names, or globs, that are production. Default: [production]. */
      productionEnvironments?: string[];
      /**
       * Projects whose references are tickets. Jira (and any other system with keys like PAY-123):
       * { system: jira, key: PAY, url: https://acme.atlassian.net }. ServiceNow change requests
       * (CHG0012345): { system: servicenow, key: CHG }. GitHub Issues (#12 in the same repository,
       * acme/payments#12 anywhere): { system: github-issues, key: PAYMENTS, repositories:
       * [acme/payments] }. A key inside a link counts only when the link goes to the project's url.
       */
      ticketProjects?: Array<{
        system: string;
        key: string;
        url?: string;
        repositories?: string[];
      }>;
      /**
       * Fields every linked ticket must have filled. Default: all of description, requester,
       * justification, implementationPlan, rollbackPlan.
       */
      requiredTicketFields?: Array<
        | 'description'
        | 'requester'
        | 'justification'
        | 'implementationPlan'
        | 'rollbackPlan'
      >;
      /**
       * Per ticket system, the system's field holding each required field, e.g.
       * jira: { justification: customfield_10101 }. Added to the built-in mappings. For
       * github-issues the fields are the issue body's Markdown sections by heading, compared
       * without regard to case, and `author` (who opened the issue); built in: description
       * `Description`, justification `Justification`, implementationPlan `Implementation plan`,
       * rollbackPlan `Rollback plan`, requester `author`.
       */
      ticketFieldMapping?: {
        [system: string]: {
          description?: string;
          requester?: string;
          justification?: string;
          implementationPlan?: string;
          rollbackPlan?: string;
        };
      };
      /** Texts that do not count as a filled ticket field (TBD, N/A, ...). */
      placeholderTexts?: string[];
      /** Approvals a PR needs. Default 1; at least 1. */
      minApprovals?: number;
      /** Keep approvals valid across later merges from the base branch. Default false. */
      allowStaleApprovalAfterBaseMerge?: boolean;
      /** Who counts as a qualified reviewer. */
      qualifiedReviewers?: {
        /** Members of the service's owning group. Default true. */
        owningGroup?: boolean;
        /** Code owners of every changed path. Default true. */
        codeOwners?: boolean;
        /** Members of these groups (entity refs). */
        groups?: string[];
      };
      /** Groups (entity refs) whose members are authorised change approvers, e.g. a CAB. */
      approverGroups?: string[];
      /** Count GitHub deployment reviews by required reviewers as formal approvals. Default false. */
      acceptEnvironmentReviewers?: boolean;
      /** What makes a change an emergency change, and how long approval may come late. */
      emergency?: {
        /** PR labels. Default: [emergency, hotfix]. */
        labels?: string[];
        ticketTypes?: string[];
        ticketPriorities?: string[];
        /** Default 72 hours. An ISO 8601 duration or a duration object, e.g. { hours: 72 }. */
        retroWindow?: string | HumanDuration;
      };
      /** Branches (globs) production artefacts may come from; $default = the default branch. */
      productionBranches?: string[];
      /** Accounts that are bots although their type does not say so. */
      botAccounts?: string[];
      /** Accounts whose direct commits are automated changes (e.g. a release bot). */
      automationAccounts?: string[];
      /** Paths (globs) that need no ticket, review or approval when nothing else changed. */
      exemptPaths?: string[];
      /** Audit sample size: default 25, within 25 to 40. */
      sample?: { min?: number; max?: number; default?: number };
    };
  };
}
