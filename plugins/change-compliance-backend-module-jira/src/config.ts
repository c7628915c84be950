import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { JiraAuthentication, JiraDeployment } from './client/JiraApi';
import { ApprovalStatuses } from './evidence/transitionApprovals';
import { JIRA_SYSTEM } from './evidence/issueEvidence';

const SECTION = 'changeCompliance.jira';

/**
 * The fields the policy maps for Jira unless `ticketFieldMapping.jira` says otherwise (the
 * policy's strict defaults, plugins/change-compliance-backend/src/policy/ChangePolicy.ts). Read
 * whatever the configuration says besides: an extra field costs nothing in a search.
 */
const DEFAULT_MAPPED_FIELDS = ['description', 'reporter'];

/** Everything the module needs to know, read and checked at start. */
export interface JiraSettings {
  /** The site: Cloud's `https://acme.atlassian.net`, or Data Center's base URL. */
  baseUrl: string;
  deployment: JiraDeployment;
  authentication: JiraAuthentication;
  statuses: ApprovalStatuses;
  /** The Jira projects of the policy's `ticketProjects`: the only ones whose issues are read. */
  projects: string[];
  /** The fields `ticketFieldMapping.jira` names, by id or display name. */
  mappedFields: string[];
  /** How far back the first sync of a project reads. */
  windowDays: number;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

function authenticationFrom(jira: Config): JiraAuthentication {
  const email = jira.getOptionalString('email');
  const apiToken = jira.getOptionalString('apiToken');
  const personalAccessToken = jira.getOptionalString('personalAccessToken');
  if (personalAccessToken && !email && !apiToken) {
    return { personalAccessToken };
  }
  if (email && apiToken && !personalAccessToken) return { email, apiToken };
  throw new Error(
    `${SECTION} needs either email and apiToken (an account's API token, Jira Cloud) or personalAccessToken (Jira Data Center), not both`,
  );
}

function statusList(jira: Config, key: string): string[] {
  return (jira.getOptionalStringArray(key) ?? [])
    .map(status => status.trim())
    .filter(Boolean);
}

/** Reads `changeCompliance.jira` and the parts of `changeCompliance.policy` it depends on. */
export function readJiraSettings(config: Config): JiraSettings {
  const jira = config.getConfig(SECTION);
  const baseUrl = jira.getString('baseUrl').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]/.test(baseUrl)) {
    throw new Error(
      `${SECTION}.baseUrl must be an http(s) URL such as https://acme.atlassian.net`,
    );
  }
  const authentication = authenticationFrom(jira);
  const deployment = (jira.getOptionalString('deployment') ??
    ('email' in authentication ? 'cloud' : 'datacenter')) as JiraDeployment;
  if (deployment !== 'cloud' && deployment !== 'datacenter') {
    throw new Error(`${SECTION}.deployment must be cloud or datacenter`);
  }

  const statuses = {
    approved: statusList(jira, 'approvedStatuses'),
    rejected: statusList(jira, 'rejectedStatuses'),
  };
  if (statuses.approved.length === 0) {
    throw new Error(
      `${SECTION}.approvedStatuses must name the workflow statuses that mean a change is approved, such as [Approved]`,
    );
  }
  const both = statuses.approved.filter(a =>
    statuses.rejected.some(r => r.toLowerCase() === a.toLowerCase()),
  );
  if (both.length > 0) {
    throw new Error(
      `${SECTION}: ${both.join(
        ', ',
      )} cannot be both an approved and a rejected status`,
    );
  }

  const projects = (
    config.getOptionalConfigArray('changeCompliance.policy.ticketProjects') ??
    []
  )
    .filter(project => project.getString('system') === JIRA_SYSTEM)
    .map(project => project.getString('key'));
  // Project keys go into JQL as they are: only Jira's own form is let through.
  const malformed = projects.filter(key => !/^[A-Z][A-Z0-9_]+$/.test(key));
  if (malformed.length > 0) {
    throw new Error(
      `changeCompliance.policy.ticketProjects: ${malformed.join(
        ', ',
      )} is not a Jira project key such as PAY`,
    );
  }
  const mapping = config.getOptionalConfig(
    `changeCompliance.policy.ticketFieldMapping.${JIRA_SYSTEM}`,
  );
  const mappedFields = [
    ...new Set([
      ...DEFAULT_MAPPED_FIELDS,
      ...(mapping?.keys() ?? []).map(key => mapping!.getString(key)),
    ]),
  ];

  return {
    baseUrl,
    deployment,
    authentication,
    statuses,
    projects,
    mappedFields,
    windowDays: config.getOptionalNumber('changeCompliance.windowDays') ?? 180,
    schedule: jira.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          jira.getConfig('schedule'),
        )
      : {
          frequency: { minutes: 15 },
          timeout: { minutes: 30 },
          initialDelay: { minutes: 1 },
        },
  };
}
