import { LoggerService } from '@backstage/backend-plugin-api';
import { Config, Version2Client, Version3Client } from 'jira.js';
import {
  DEFAULT_RETRY_POLICY,
  RetryPolicy,
} from '@change-compliance/plugin-change-compliance-node';
import { underRequestPolicy } from './requestPolicy';
import {
  JiraChangelog,
  JiraField,
  JiraHistory,
  JiraIssue,
  JiraRemoteLink,
  JiraUser,
} from './shapes';

/** Cloud (REST v3, rich text as ADF, Cloud's search) or Data Center (REST v2, offset search). */
export type JiraDeployment = 'cloud' | 'datacenter';

/** How the module signs in: an account's e-mail and API token, or a personal access token. */
export type JiraAuthentication =
  | { email: string; apiToken: string }
  | { personalAccessToken: string };

/** Jira's page size limit for searches and changelogs. */
export const PAGE_SIZE = 100;

/** One page of a search; `next` asks for the page after it. */
export interface SearchPage {
  issues: JiraIssue[];
  next?: string;
}

/**
 * The Jira reads this module makes, the same for Cloud and Data Center. Searches expand each
 * issue's changelog; `changelog` reads one issue's whole changelog, for the issues whose
 * expanded changelog Jira cut short.
 */
export interface JiraApi {
  search(query: {
    jql: string;
    fields: string[];
    next?: string;
  }): Promise<SearchPage>;
  changelog(issueKey: string): Promise<JiraHistory[]>;
  remoteLinks(issueKey: string): Promise<JiraRemoteLink[]>;
  /** The time zone Jira reads the JQL's dates in: the signed-in account's. */
  timeZone(): Promise<string | undefined>;
  fields(): Promise<JiraField[]>;
}

interface CloudSearchResult {
  issues?: JiraIssue[];
  nextPageToken?: string;
  isLast?: boolean;
}

interface OffsetSearchResult {
  startAt?: number;
  total?: number;
  issues?: JiraIssue[];
}

interface ChangelogPage {
  startAt?: number;
  total?: number;
  isLast?: boolean;
  values?: JiraHistory[];
}

/**
 * The module's Jira client: jira.js (Cloud's v3 client, or the v2 client Data Center speaks),
 * with every call made under the request policy.
 */
export function createJiraApi(options: {
  baseUrl: string;
  deployment: JiraDeployment;
  authentication: JiraAuthentication;
  logger?: LoggerService;
  requestPolicy?: Partial<RetryPolicy>;
}): JiraApi {
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.requestPolicy };
  const common = {
    host: options.baseUrl,
    baseRequestConfig: { timeout: policy.timeoutMs },
  };
  const auth = options.authentication;
  const config: Config =
    'personalAccessToken' in auth
      ? // A personal access token goes as `Authorization: Bearer`, which is what jira.js sends
        // for an OAuth 2.0 access token.
        {
          ...common,
          authentication: { oauth2: { accessToken: auth.personalAccessToken } },
        }
      : {
          ...common,
          authentication: {
            basic: { email: auth.email, apiToken: auth.apiToken },
          },
        };
  const call = <T>(what: string, request: () => Promise<T>) =>
    underRequestPolicy(what, request, policy, options.logger);

  if (options.deployment === 'cloud') {
    const client = new Version3Client(config);
    return {
      async search({ jql, fields, next }) {
        const page = await call('POST /rest/api/3/search/jql', () =>
          client.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost<CloudSearchResult>(
            {
              jql,
              fields,
              expand: 'changelog',
              maxResults: PAGE_SIZE,
              nextPageToken: next,
            },
          ),
        );
        return {
          issues: page.issues ?? [],
          next:
            page.isLast === false ||
            (page.isLast === undefined && page.nextPageToken)
              ? page.nextPageToken
              : undefined,
        };
      },
      async changelog(issueKey) {
        const histories: JiraHistory[] = [];
        for (let startAt = 0; ; ) {
          const page = await call(
            `GET /rest/api/3/issue/${issueKey}/changelog`,
            () =>
              client.issues.getChangeLogs<ChangelogPage>({
                issueIdOrKey: issueKey,
                startAt,
                maxResults: PAGE_SIZE,
              }),
          );
          const values = page.values ?? [];
          histories.push(...values);
          startAt += values.length;
          if (
            values.length === 0 ||
            page.isLast === true ||
            startAt >= (page.total ?? 0)
          ) {
            return histories;
          }
        }
      },
      ...sharedReads(client, 3, call),
    };
  }

  const client = new Version2Client(config);
  return {
    async search({ jql, fields, next }) {
      const startAt = next ? Number(next) : 0;
      const page = await call('POST /rest/api/2/search', () =>
        client.issueSearch.searchForIssuesUsingJqlPost<OffsetSearchResult>({
          jql,
          fields,
          expand: ['changelog'],
          startAt,
          maxResults: PAGE_SIZE,
          // An unknown key is a warning rather than a refusal of the whole batch.
          validateQuery: 'warn',
        }),
      );
      const issues = page.issues ?? [];
      const after = (page.startAt ?? startAt) + issues.length;
      return {
        issues,
        next:
          issues.length > 0 && after < (page.total ?? 0)
            ? String(after)
            : undefined,
      };
    },
    async changelog(issueKey) {
      // Data Center has no changelog resource; the issue expands its whole changelog.
      const issue = await call(`GET /rest/api/2/issue/${issueKey}`, () =>
        client.issues.getIssue<{ changelog?: JiraChangelog }>({
          issueIdOrKey: issueKey,
          fields: ['status'],
          expand: 'changelog',
        }),
      );
      return issue.changelog?.histories ?? [];
    },
    ...sharedReads(client, 2, call),
  };
}

/** The part of jira.js's v2 and v3 clients that the two share. */
interface SharedClient {
  issueRemoteLinks: {
    getRemoteIssueLinks<T>(parameters: { issueIdOrKey: string }): Promise<T>;
  };
  myself: { getCurrentUser<T>(): Promise<T> };
  issueFields: { getFields<T>(): Promise<T> };
}

/** The reads both versions make alike, each at its own version's path. */
function sharedReads(
  client: SharedClient,
  version: 2 | 3,
  call: <T>(what: string, request: () => Promise<T>) => Promise<T>,
): Pick<JiraApi, 'remoteLinks' | 'timeZone' | 'fields'> {
  const api = `/rest/api/${version}`;
  return {
    remoteLinks: issueKey =>
      call(`GET ${api}/issue/${issueKey}/remotelink`, () =>
        client.issueRemoteLinks.getRemoteIssueLinks<JiraRemoteLink[]>({
          issueIdOrKey: issueKey,
        }),
      ),
    async timeZone() {
      const me = await call(`GET ${api}/myself`, () =>
        client.myself.getCurrentUser<JiraUser & { timeZone?: string }>(),
      );
      return me.timeZone;
    },
    fields: () =>
      call(`GET ${api}/field`, () =>
        client.issueFields.getFields<JiraField[]>(),
      ),
  };
}
