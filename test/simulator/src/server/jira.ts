import express, { Request, Response } from 'express';
import { JiraIssue } from '../model';
import { SimulatorContext } from './context';
import { JqlSyntaxError, JqlValueError, parseJql, runJql } from './jira/jql';
import { JiraApiVersion, JiraRenderer, jiraTime } from './jira/render';

/**
 * Jira Cloud's REST API, v2 and v3, read-only, over the organisation's Jira issues:
 *
 * - `GET /rest/api/{2|3}/issue/{issueIdOrKey}` (`fields`, `expand=changelog,names`)
 * - `GET /rest/api/{2|3}/issue/{issueIdOrKey}/changelog` (`startAt`, `maxResults`)
 * - `GET /rest/api/{2|3}/issue/{issueIdOrKey}/remotelink`
 * - `GET|POST /rest/api/{2|3}/search` (offset pagination with `total`, deprecated on Cloud)
 * - `GET|POST /rest/api/{2|3}/search/jql` (Cloud's enhanced search: `nextPageToken`, no total)
 * - `GET /rest/api/{2|3}/myself`, `/field`, `/serverInfo`
 *
 * Each version is its own sub-router so that the request log counts `/rest/api/2/search` and
 * `/rest/api/3/search` apart. JQL: see jira/jql.ts.
 */
export function jiraRouter(context: SimulatorContext): express.Router {
  const router = express.Router();
  for (const version of [2, 3] as const) {
    router.use(`/rest/api/${version}`, versionRouter(context, version));
  }
  router.use((req, res) => {
    res.status(404).json({
      errorMessages: [`null for uri: ${req.originalUrl}`],
      errors: {},
    });
  });
  return router;
}

const ISSUE_NOT_FOUND =
  'Issue does not exist or you do not have permission to see it.';

/** Jira's list parameters come as `a,b`, as repeated parameters, or as a JSON array in a body. */
function list(value: unknown): string[] | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const values = Array.isArray(value) ? value : [value];
  return values
    .flatMap(v => String(v).split(','))
    .map(v => v.trim())
    .filter(v => v.length > 0);
}

function integer(value: unknown, fallback: number): number {
  const n = Number(value);
  return value === undefined || value === '' || !Number.isFinite(n)
    ? fallback
    : Math.floor(n);
}

function versionRouter(
  context: SimulatorContext,
  version: JiraApiVersion,
): express.Router {
  const router = express.Router();
  const renderer = () =>
    new JiraRenderer(
      context.organisation(),
      `${context.baseUrl()}/jira/rest/api/${version}`,
      version,
    );
  const findIssue = (idOrKey: string): JiraIssue | undefined =>
    context
      .organisation()
      .jira.issues.find(
        i => i.key.toLowerCase() === idOrKey.toLowerCase() || i.id === idOrKey,
      );
  const notFound = (res: Response) =>
    res.status(404).json({ errorMessages: [ISSUE_NOT_FOUND], errors: {} });
  const badRequest = (res: Response, messages: string[]) =>
    res.status(400).json({ errorMessages: messages, errors: {} });

  router.get('/issue/:issueIdOrKey', (req, res) => {
    const issue = findIssue(req.params.issueIdOrKey);
    if (!issue) {
      notFound(res);
      return;
    }
    res.json(
      renderer().issue(
        issue,
        list(req.query.fields) ?? ['*all'],
        list(req.query.expand) ?? [],
      ),
    );
  });

  router.get('/issue/:issueIdOrKey/changelog', (req, res) => {
    const issue = findIssue(req.params.issueIdOrKey);
    if (!issue) {
      notFound(res);
      return;
    }
    const histories = [...issue.changelog].sort(
      (a, b) => Date.parse(a.created) - Date.parse(b.created),
    );
    const page = offsetPage(
      context,
      req,
      histories,
      integer(req.query.startAt, 0),
      {
        defaultMax: 100,
        cap: 100,
      },
    );
    const r = renderer();
    const self = new URL(req.originalUrl, context.baseUrl());
    const next = new URL(self);
    next.searchParams.set('startAt', String(page.startAt + page.maxResults));
    next.searchParams.set('maxResults', String(page.maxResults));
    res.json({
      self: self.toString(),
      ...(page.isLast ? {} : { nextPage: next.toString() }),
      maxResults: page.maxResults,
      startAt: page.startAt,
      total: page.total,
      isLast: page.isLast,
      values: page.items.map(entry => r.history(entry)),
    });
  });

  router.get('/issue/:issueIdOrKey/remotelink', (req, res) => {
    const issue = findIssue(req.params.issueIdOrKey);
    if (!issue) {
      notFound(res);
      return;
    }
    res.json(renderer().remoteLinks(issue));
  });

  /** Runs the JQL, or answers the 400 Jira would and returns undefined. */
  const search = (
    res: Response,
    jql: string,
    validate: 'strict' | 'warn' | 'none',
  ): { issues: JiraIssue[]; warnings: string[] } | undefined => {
    const organisation = context.organisation();
    try {
      const query = parseJql(jql, Date.parse(organisation.now));
      return runJql(
        query,
        organisation.jira.issues,
        organisation.jira.projects,
        validate,
      );
    } catch (error) {
      if (error instanceof JqlSyntaxError) {
        badRequest(res, [`Error in the JQL Query: ${error.message}`]);
      } else if (error instanceof JqlValueError) {
        badRequest(res, error.message.split('\n'));
      } else {
        throw error;
      }
      return undefined;
    }
  };

  // The search Jira Server / Data Center still has and Cloud has deprecated: offset pagination
  // with a total. `validateQuery` (strict, warn, none; true and false as in older versions)
  // decides whether an unknown project or key is an error or a warning.
  const offsetSearch = (
    req: Request,
    res: Response,
    params: Record<string, unknown>,
  ) => {
    const validateParam = String(
      params.validateQuery ?? 'strict',
    ).toLowerCase();
    const validations: Record<string, 'strict' | 'warn' | 'none'> = {
      warn: 'warn',
      none: 'none',
      false: 'none',
    };
    const validate = validations[validateParam] ?? 'strict';
    const result = search(res, String(params.jql ?? ''), validate);
    if (!result) return;
    const page = offsetPage(
      context,
      req,
      result.issues,
      integer(params.startAt, 0),
      {
        requested: params.maxResults,
        defaultMax: 50,
        cap: 100,
      },
    );
    const r = renderer();
    const fields = list(params.fields) ?? ['*navigable'];
    const expand = list(params.expand) ?? [];
    res.json({
      expand: 'schema,names',
      startAt: page.startAt,
      maxResults: page.maxResults,
      total: page.total,
      issues: page.items.map(issue => r.issue(issue, fields, expand)),
      ...(result.warnings.length > 0
        ? { warningMessages: result.warnings }
        : {}),
      ...(expand.includes('names') ? { names: r.names() } : {}),
    });
  };
  router.get('/search', (req, res) => offsetSearch(req, res, req.query));
  router.post('/search', (req, res) => offsetSearch(req, res, req.body ?? {}));

  // Cloud's enhanced search: an opaque `nextPageToken` instead of `startAt` and no `total`. It
  // returns only issue ids unless `fields` asks for more, and refuses an unbounded query (one
  // with no restriction, such as just `ORDER BY key`).
  const tokenSearch = (
    req: Request,
    res: Response,
    params: Record<string, unknown>,
  ) => {
    const jql = String(params.jql ?? '');
    const token =
      params.nextPageToken === undefined
        ? undefined
        : String(params.nextPageToken);
    let startAt = 0;
    if (token !== undefined) {
      // The token is only the offset, encoded so that clients treat it as opaque.
      const decoded = Buffer.from(token, 'base64url')
        .toString('utf8')
        .match(/^o:(\d+)$/);
      if (!decoded) {
        badRequest(res, [
          'The provided next page token is invalid or expired.',
        ]);
        return;
      }
      startAt = Number(decoded[1]);
    }
    if (!/\S/.test(jql.replace(/\border\s+by\b[\s\S]*$/i, ''))) {
      badRequest(res, [
        'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.',
      ]);
      return;
    }
    const result = search(res, jql, 'strict');
    if (!result) return;
    const page = offsetPage(context, req, result.issues, startAt, {
      requested: params.maxResults,
      defaultMax: 50,
      cap: 100,
      min: 1,
    });
    const r = renderer();
    const fields = list(params.fields) ?? [];
    const expand = list(params.expand) ?? [];
    res.json({
      issues: page.items.map(issue => {
        const rendered = r.issue(issue, fields, expand);
        return fields.length === 0 && !expand.includes('changelog')
          ? { id: rendered.id }
          : rendered;
      }),
      ...(page.isLast
        ? {}
        : {
            nextPageToken: Buffer.from(
              `o:${page.startAt + page.maxResults}`,
            ).toString('base64url'),
          }),
      isLast: page.isLast,
      ...(expand.includes('names') ? { names: r.names() } : {}),
    });
  };
  router.get('/search/jql', (req, res) => tokenSearch(req, res, req.query));
  router.post('/search/jql', (req, res) =>
    tokenSearch(req, res, req.body ?? {}),
  );

  router.get('/myself', (req, res) => {
    const organisation = context.organisation();
    // The caller is whoever the basic-auth e-mail names; a token alone names the integration's
    // own account, which no person in the organisation is.
    const basic = req.header('authorization')?.match(/^Basic\s+(.+)$/i)?.[1];
    const email = basic
      ? Buffer.from(basic, 'base64').toString('utf8').split(':')[0]
      : undefined;
    const person = organisation.people.find(
      p => email && p.email === email && p.jiraAccountId,
    );
    const user = person
      ? renderer().user(person.jiraAccountId)
      : {
          self: `${context.baseUrl()}/jira/rest/api/${version}/user?accountId=simulator-integration`,
          accountId: 'simulator-integration',
          emailAddress: email,
          displayName: email ? email.split('@')[0] : 'Integration',
          active: true,
          timeZone: 'UTC',
          accountType: 'atlassian',
        };
    res.json({ ...user, locale: 'en_US' });
  });

  router.get('/field', (_req, res) => {
    res.json(renderer().fields());
  });

  router.get('/serverInfo', (_req, res) => {
    res.json({
      baseUrl: `${context.baseUrl()}/jira`,
      version: '1001.0.0-SNAPSHOT',
      versionNumbers: [1001, 0, 0],
      deploymentType: 'Cloud',
      buildNumber: 100000,
      buildDate: '2026-01-01T00:00:00.000+0000',
      // The simulated now, which the JQL's relative dates are measured from.
      serverTime: jiraTime(context.organisation().now),
      scmInfo: 'simulator',
      serverTitle: 'Jira (simulator)',
    });
  });

  return router;
}

/**
 * One page from `startAt`. A "shifting pages" fault slips items in at the front of the list
 * between pages, so every page after the first starts that many items earlier in the list the
 * client first saw (it sees an item again) and the total grows by as many.
 */
function offsetPage<T>(
  context: SimulatorContext,
  req: Request,
  items: T[],
  startAt: number,
  options: {
    requested?: unknown;
    defaultMax: number;
    cap: number;
    min?: number;
  },
) {
  const requested = integer(
    options.requested ?? req.query.maxResults,
    options.defaultMax,
  );
  const maxResults = Math.min(
    options.cap,
    Math.max(options.min ?? 0, requested),
  );
  const start = Math.max(0, startAt);
  const shift =
    start > 0
      ? context.pageShift({
          path: `${req.baseUrl}${req.path}`,
          page: maxResults > 0 ? Math.floor(start / maxResults) + 1 : 2,
        })
      : 0;
  const from = Math.max(0, start - shift);
  const slice = items.slice(from, from + maxResults);
  return {
    startAt: start,
    maxResults,
    total: items.length + shift,
    items: slice,
    isLast: from + slice.length >= items.length,
  };
}
