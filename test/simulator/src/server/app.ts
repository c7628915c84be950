import http from 'node:http';
import { AddressInfo } from 'node:net';
import express, { NextFunction, Request, Response } from 'express';
import { Organisation } from '../model';
import { SimulatorContext } from './context';
import { DEMO_CREDENTIALS, SimulatorCredentials } from './credentials';
import { z } from 'zod';
import { faultRuleSchema, Faults } from './faults';
import { githubRestRouter } from './github/rest';
import { GitHubGraphqlRateLimit, githubGraphqlRouter } from './github/graphql';
import { GitHubRateLimit } from './github/rateLimit';
import { jiraRouter } from './jira';
import { RequestLog } from './requestLog';
import { serviceNowRouter } from './servicenow';
import { adminRouter } from './admin';
import { githubAttestationsRouter } from './github/attestations';
import {
  KUBERNETES_DEMO_TOKEN,
  kubernetesAuthorised,
  kubernetesUnauthorised,
} from './kubernetes/credentials';
import { kubernetesRouter } from './kubernetes/pods';
import {
  GITLAB_DEMO_TOKEN,
  gitlabAuthorised,
  gitlabUnauthorised,
} from './gitlab/credentials';
import { contextOfHost } from './gitlab/hosting';
import { gitlabRestRouter } from './gitlab/rest';
import {
  ARGOCD_DEMO_CREDENTIALS,
  ArgoCdCredentials,
  argoCdAuthorised,
  argoCdRouter,
  argoCdUnauthorised,
} from './argocd';

/** Where each upstream is mounted; a client's base URL is the simulator's URL plus this. */
export const MOUNTS = {
  /** As GitHub Enterprise Server: `integrations.github[].apiBaseUrl`. */
  githubRest: '/api/v3',
  /** GitHub Enterprise Server's GraphQL endpoint. */
  githubGraphql: '/api/graphql',
  jira: '/jira',
  serviceNow: '/servicenow',
  /** As a self-managed GitLab: `integrations.gitlab[].apiBaseUrl`. */
  gitlab: '/gitlab/api/v4',
  /** Argo CD instances, each at `/argocd/{instance}` (`argocd.appLocatorMethods[].instances[].url`). */
  argoCd: '/argocd',
  /** A Kubernetes API server: `kubernetes.clusterLocatorMethods[].clusters[].url`. */
  kubernetes: '/kubernetes',
  admin: '/_simulator',
} as const;

export interface SimulatorOptions {
  organisation: Organisation;
  credentials?: SimulatorCredentials;
  /** The token the simulated GitLab accepts (default `GITLAB_DEMO_TOKEN`). */
  gitlabToken?: string;
  /** The Argo CD instances served and what each accepts (default: `prod` and `staging`). */
  argoCdCredentials?: ArgoCdCredentials;
  /** The service account token the simulated cluster accepts (default `KUBERNETES_DEMO_TOKEN`). */
  kubernetesToken?: string;
  /** Fault rules as the admin API takes them: `rate` defaults to 1 (every matching request). */
  faults?: z.input<typeof faultRuleSchema>[];
  /** Seed of the fault sequence (which requests a rate below 1 hits). */
  faultSeed?: number;
  /** GitHub's primary rate limit per token and hour (default 5,000, as for a user token). */
  githubRateLimit?: number;
}

export interface Simulator {
  app: express.Express;
  requestLog: RequestLog;
  faults: Faults;
  organisation(): Organisation;
  setOrganisation(organisation: Organisation): void;
  /** Starts listening (port 0: any free port); resolves with the base URL. */
  listen(port?: number, host?: string): Promise<string>;
  baseUrl(): string;
  close(): Promise<void>;
}

function basicAuth(
  header: string | undefined,
): { user: string; password: string } | undefined {
  const match = header?.match(/^Basic\s+(.+)$/i);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0
    ? undefined
    : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function bearer(header: string | undefined): string | undefined {
  return header?.match(/^(?:token|bearer)\s+(.+)$/i)?.[1];
}

/** Builds the simulator: the three upstreams, the admin API, auth, faults and the request log. */
export function createSimulator(options: SimulatorOptions): Simulator {
  const credentials = options.credentials ?? DEMO_CREDENTIALS;
  const requestLog = new RequestLog();
  const faults = new Faults(options.faultSeed ?? 1);
  faults.set(options.faults ?? []);
  const rateLimit = new GitHubRateLimit(options.githubRateLimit ?? 5000);
  // GitHub budgets GraphQL separately from REST.
  const graphqlRateLimit = new GitHubGraphqlRateLimit(
    options.githubRateLimit ?? 5000,
  );
  let organisation = options.organisation;
  let server: http.Server | undefined;
  let base = 'http://localhost';

  const context: SimulatorContext = {
    organisation: () => organisation,
    baseUrl: () => base,
    pageShift: ({ path }) => (faults.pick(path, ['shifting-pages']) ? 1 : 0),
  };

  const app = express();
  app.set('etag', 'strong');
  app.use(express.json({ limit: '5mb' }));

  // Counted once answered, under the route that answered (or the raw path when none did). GraphQL
  // answers every operation on one route, so its router names the operation in `loggedRoute`.
  app.use((req, res, next) => {
    res.on('finish', () => {
      const route = req.route?.path
        ? `${req.baseUrl}${req.route.path}`
        : `(unmatched) ${req.path}`;
      const label = req.header('x-simulator-test') ?? undefined;
      if (!req.originalUrl.startsWith(MOUNTS.admin)) {
        requestLog.record(
          res.locals.loggedRoute ?? `${req.method} ${route}`,
          label,
        );
      }
    });
    next();
  });

  app.use(
    MOUNTS.admin,
    adminRouter({
      context,
      requestLog,
      faults,
      organisation: () => organisation,
      setOrganisation: next => {
        organisation = next;
      },
    }),
  );

  const upstream = (
    mount: string,
    authorised: (req: Request) => boolean,
    unauthorised: (res: Response) => void,
    router: express.Router,
    extra: express.RequestHandler[] = [],
  ) => {
    app.use(
      mount,
      (req, res, next) => (authorised(req) ? next() : unauthorised(res)),
      injectFaults(faults, mount),
      ...extra,
      router,
    );
  };

  const githubAuthorised = (req: Request) =>
    bearer(req.header('authorization')) === credentials.githubToken;
  const githubToken = (req: Request) =>
    bearer(req.header('authorization')) ?? '';
  const badCredentials = (documentation: string) => (res: Response) =>
    res.status(401).json({
      message: 'Bad credentials',
      documentation_url: documentation,
      status: '401',
    });

  upstream(
    MOUNTS.githubRest,
    githubAuthorised,
    badCredentials('https://docs.github.com/rest'),
    // GitHub serves only the repositories it hosts: a GitLab project is a 404 there.
    express
      .Router()
      .use(
        githubAttestationsRouter(contextOfHost(context, 'github')),
        githubRestRouter(contextOfHost(context, 'github')),
      ),
    [rateLimit.middleware(githubToken)],
  );
  upstream(
    MOUNTS.githubGraphql,
    githubAuthorised,
    badCredentials('https://docs.github.com/graphql'),
    githubGraphqlRouter(contextOfHost(context, 'github')),
    [graphqlRateLimit.middleware(githubToken)],
  );
  upstream(
    MOUNTS.jira,
    req => {
      const basic = basicAuth(req.header('authorization'));
      if (basic) {
        return (
          basic.user === credentials.jira.email &&
          basic.password === credentials.jira.apiToken
        );
      }
      return bearer(req.header('authorization')) === credentials.jira.apiToken;
    },
    res =>
      res.status(401).json({
        errorMessages: [
          'You are not authenticated. Authentication required to perform this operation.',
        ],
        errors: {},
      }),
    jiraRouter(context),
  );
  upstream(
    MOUNTS.serviceNow,
    req => {
      const basic = basicAuth(req.header('authorization'));
      return (
        basic?.user === credentials.serviceNow.username &&
        basic?.password === credentials.serviceNow.password
      );
    },
    res =>
      res.status(401).json({
        error: {
          message: 'User Not Authenticated',
          detail: 'Required to provide Auth information',
        },
        status: 'failure',
      }),
    serviceNowRouter(context),
  );
  const gitlabToken = options.gitlabToken ?? GITLAB_DEMO_TOKEN;
  upstream(
    MOUNTS.gitlab,
    req => gitlabAuthorised(req, gitlabToken),
    gitlabUnauthorised,
    gitlabRestRouter(contextOfHost(context, 'gitlab')),
  );
  const kubernetesToken = options.kubernetesToken ?? KUBERNETES_DEMO_TOKEN;
  upstream(
    MOUNTS.kubernetes,
    req => kubernetesAuthorised(req, kubernetesToken),
    kubernetesUnauthorised,
    kubernetesRouter(context),
  );
  const argoCdCredentials =
    options.argoCdCredentials ?? ARGOCD_DEMO_CREDENTIALS;
  upstream(
    MOUNTS.argoCd,
    req => argoCdAuthorised(req, argoCdCredentials),
    argoCdUnauthorised,
    argoCdRouter(context, argoCdCredentials),
  );

  return {
    app,
    requestLog,
    faults,
    organisation: () => organisation,
    setOrganisation: next => {
      organisation = next;
    },
    baseUrl: () => base,
    listen: (port = 0, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        server = app.listen(port, host, () => {
          const address = server!.address() as AddressInfo;
          base = `http://${host === '127.0.0.1' ? 'localhost' : host}:${
            address.port
          }`;
          resolve(base);
        });
        server.on('error', reject);
      }),
    close: () =>
      new Promise(resolve => {
        if (!server) {
          resolve();
          return;
        }
        // Requests held open by a "timeout" fault would otherwise keep the server alive.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The faults that replace or delay an answer ("shifting-pages" changes list contents instead). */
const REQUEST_FAULTS = faultRuleSchema.shape.kind.options.filter(
  kind => kind !== 'shifting-pages',
);

/** Each upstream answers an injected fault in its own error shape. */
function injectFaults(faults: Faults, mount: string): express.RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const fault = faults.pick(`${mount}${req.path}`, REQUEST_FAULTS);
    if (!fault) {
      next();
      return;
    }
    switch (fault.kind) {
      case 'status-500':
      case 'status-502':
      case 'status-503': {
        const status = Number(fault.kind.slice('status-'.length));
        res.status(status).json({ message: http.STATUS_CODES[status] });
        return;
      }
      case 'slow':
        setTimeout(next, fault.delayMs ?? 2000);
        return;
      case 'timeout':
        // Never answered; the connection closes when the client gives up or the server stops.
        return;
      case 'truncated':
        res.json = (body: unknown) => {
          const text = JSON.stringify(body);
          res.setHeader('content-type', 'application/json; charset=utf-8');
          res.setHeader('content-length', Buffer.byteLength(text));
          res.write(text.slice(0, Math.floor(text.length / 2)));
          res.socket?.destroy();
          return res;
        };
        next();
        return;
      case 'malformed':
        res
          .status(200)
          .type('application/json')
          .send('<html><body>upstream proxy error</body></html>');
        return;
      case 'expired-token':
        res.status(401).json({
          message: 'Bad credentials',
          documentation_url: 'https://docs.github.com/rest',
        });
        return;
      case 'secondary-rate-limit':
      case 'too-many-requests':
        res
          .status(fault.kind === 'secondary-rate-limit' ? 403 : 429)
          .setHeader('retry-after', String(fault.retryAfterSeconds ?? 1))
          .json({
            message:
              'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
            documentation_url:
              'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
          });
        return;
      default:
        next();
    }
  };
}
