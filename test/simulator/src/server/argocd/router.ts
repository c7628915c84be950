import express, { Request, Response } from 'express';
import { ArgoCdApplication } from '../../model';
import { SimulatorContext } from '../context';
import { ArgoCdCredentials } from './credentials';
import { ARGOCD_NAMESPACE, renderApplication } from './render';

/** gRPC codes Argo CD's API gateway answers with, beside the HTTP status. */
const GRPC = { notFound: 5, unauthenticated: 16 };

function grpcError(res: Response, status: number, code: number, text: string) {
  res.status(status).json({ error: text, code, message: text });
}

/** The instance a request under the mount is for: its first path segment. */
function instanceOf(req: Request): string {
  return decodeURIComponent(req.path.split('/')[1] ?? '');
}

function bearer(header: string | undefined): string | undefined {
  return header?.match(/^bearer\s+(.+)$/i)?.[1];
}

/**
 * Whether a request may pass: to an instance the simulator serves, with that instance's token
 * (or its session cookie, as the Argo CD UI sends it). Logging in needs no token.
 */
export function argoCdAuthorised(
  req: Request,
  credentials: ArgoCdCredentials,
): boolean {
  const instance = credentials[instanceOf(req)];
  if (!instance) return true; // answered 404 by the router
  if (req.method === 'POST' && /^\/[^/]+\/api\/v1\/session$/.test(req.path)) {
    return true;
  }
  const cookie = req.header('cookie')?.match(/(?:^|;\s*)argocd\.token=([^;]+)/);
  const token = bearer(req.header('authorization')) ?? cookie?.[1];
  return token === instance.token;
}

/** Argo CD's answer to a request without a valid token. */
export function argoCdUnauthorised(res: Response): void {
  grpcError(res, 401, GRPC.unauthenticated, 'no session information');
}

/**
 * A Kubernetes label selector as Argo CD's `selector` parameter takes it: `key=value`,
 * `key==value`, `key!=value`, `key` and `!key`, joined by commas (all must hold).
 */
function matchesSelector(labels: Record<string, string>, selector: string) {
  return selector
    .split(',')
    .map(term => term.trim())
    .filter(Boolean)
    .every(term => {
      const different = term.match(/^([^!=]+)!=(.*)$/);
      if (different) return labels[different[1].trim()] !== different[2].trim();
      const equal = term.match(/^([^!=]+)==?(.*)$/);
      if (equal) return labels[equal[1].trim()] === equal[2].trim();
      if (term.startsWith('!')) return !(term.slice(1) in labels);
      return term in labels;
    });
}

function list(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value])
    .flatMap(v => String(v).split(','))
    .map(v => v.trim())
    .filter(Boolean);
}

/**
 * Several Argo CD instances, each at `/{instance}` under the mount, each serving the applications
 * the organisation puts on it through the part of Argo CD's REST API (`/api/v1`) that reads them:
 *
 * - `GET /api/v1/applications` with `name`, `selector` (labels), `projects` and `appNamespace`;
 *   Argo CD does not page this list.
 * - `GET /api/v1/applications/{name}` with `appNamespace`.
 * - `POST /api/v1/session` `{ username, password }`: a token for the other requests.
 *
 * Errors in the API gateway's shape, `{ error, code, message }` with the gRPC code.
 */
export function argoCdRouter(
  context: SimulatorContext,
  credentials: ArgoCdCredentials,
): express.Router {
  const router = express.Router();

  const applicationsOf = (
    req: Request,
    res: Response,
  ): { instance: string; applications: ArgoCdApplication[] } | undefined => {
    const instance = req.params.instance;
    if (!credentials[instance]) {
      res.status(404).type('text/plain').send('404 page not found');
      return undefined;
    }
    const served = context
      .organisation()
      .argoCd?.instances.find(i => i.name === instance);
    return { instance, applications: served?.applications ?? [] };
  };
  const inNamespace = (req: Request) => {
    const namespace = req.query.appNamespace?.toString();
    return !namespace || namespace === ARGOCD_NAMESPACE;
  };

  router.post('/:instance/api/v1/session', (req, res) => {
    const instance = credentials[req.params.instance];
    if (!instance) {
      res.status(404).type('text/plain').send('404 page not found');
      return;
    }
    const { username, password } = (req.body ?? {}) as {
      username?: unknown;
      password?: unknown;
    };
    if (username !== instance.username || password !== instance.password) {
      grpcError(res, 401, GRPC.unauthenticated, 'Invalid username or password');
      return;
    }
    res.json({ token: instance.token });
  });

  router.get('/:instance/api/v1/applications', (req, res) => {
    const served = applicationsOf(req, res);
    if (!served) return;
    const names = list(req.query.name);
    const projects = list(req.query.projects ?? req.query.project);
    const selector = req.query.selector?.toString() ?? '';
    const organisation = context.organisation();
    const items = inNamespace(req)
      ? served.applications
          .filter(a => names.length === 0 || names.includes(a.name))
          .filter(a => projects.length === 0 || projects.includes(a.project))
          .map(a => renderApplication(organisation, served.instance, a))
          .filter(a => matchesSelector(a.metadata.labels, selector))
      : [];
    res.json({
      metadata: { resourceVersion: String(1000 + items.length) },
      items,
    });
  });

  router.get('/:instance/api/v1/applications/:name', (req, res) => {
    const served = applicationsOf(req, res);
    if (!served) return;
    const application = served.applications.find(
      a => a.name === req.params.name,
    );
    if (!application || !inNamespace(req)) {
      grpcError(
        res,
        404,
        GRPC.notFound,
        `applications.argoproj.io "${req.params.name}" not found`,
      );
      return;
    }
    res.json(
      renderApplication(context.organisation(), served.instance, application),
    );
  });

  router.use((_req, res) => {
    res.status(404).type('text/plain').send('404 page not found');
  });
  return router;
}
