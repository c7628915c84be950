import express from 'express';
import { z } from 'zod';
import {
  ExpectedArgoCdDeployment,
  ExpectedDeployment,
  Organisation,
} from '../model';
import { SimulatorContext } from './context';
import { replayWebhooks } from './github/webhookReplay';
import { Faults } from './faults';
import { RequestLog } from './requestLog';
import { parseScenario } from '../scenario';

/**
 * The simulator's own API (no auth; localhost only), for tests, benchmarks and people:
 * - `GET /requests[?label=]` counts per label and route; `DELETE /requests` resets them;
 *   `PUT /requests/label` `{ "label": "..." }` counts what follows under that label.
 * - `GET /faults`, `PUT /faults` (a list of rules, see faults.ts), `DELETE /faults`.
 * - `GET /expected[?source=github|gitlab|argocd]` the expected verdict of every production
 *   deployment, each with the `source` the product names its deployment by.
 * - `PUT /scenario` a scenario document (YAML or JSON) replaces the organisation served.
 * - `POST /webhooks` `{ url, secret, repository?, since?, until? }` delivers the history's GitHub
 *   webhooks, signed, to a receiver such as the portal.
 */
const webhookReplaySchema = z.object({
  url: z.url(),
  secret: z.string().min(1),
  repository: z.string().optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
});

/** Where a deployment of the answer key comes from, as the product's deployment ids begin. */
export type ExpectedSource = 'github' | 'gitlab' | 'argocd';

/**
 * An expected deployment with the product's name of its source: `github` and `gitlab` for those
 * hosts' deployments (`github/<deploymentId>`, `gitlab/<deploymentId>`), `argocd:<instance>` for
 * an Argo CD sync (`argocd:<instance>/<application>/<historyId>`).
 */
export type ExpectedWithSource = (
  | ExpectedDeployment
  | ExpectedArgoCdDeployment
) & {
  source: string;
};

/**
 * The whole answer key in one list: the organisation keeps GitHub's, GitLab's and Argo CD's
 * apart (a GitHub-only consumer reads `expected` alone), a person or a test across the sources
 * wants them together, told apart by `source`. GitHub's come first, in their own order.
 */
export function expectedDeployments(
  organisation: Organisation,
  source?: ExpectedSource,
): ExpectedWithSource[] {
  const all: Array<[ExpectedSource, ExpectedWithSource[]]> = [
    ['github', organisation.expected.map(e => ({ ...e, source: 'github' }))],
    [
      'gitlab',
      (organisation.gitlab?.expected ?? []).map(e => ({
        ...e,
        source: 'gitlab',
      })),
    ],
    [
      'argocd',
      (organisation.argoCd?.expected ?? []).map(e => ({
        ...e,
        source: `argocd:${e.instance}`,
      })),
    ],
  ];
  return all.filter(([s]) => !source || s === source).flatMap(([, e]) => e);
}

const expectedQuerySchema = z.object({
  source: z.enum(['github', 'gitlab', 'argocd']).optional(),
});

export function adminRouter(options: {
  context: SimulatorContext;
  requestLog: RequestLog;
  faults: Faults;
  organisation: () => Organisation;
  setOrganisation: (organisation: Organisation) => void;
}): express.Router {
  const { requestLog, faults } = options;
  const router = express.Router();
  router.get('/requests', (req, res) => {
    res.json(requestLog.snapshot(req.query.label?.toString()));
  });
  router.delete('/requests', (_req, res) => {
    requestLog.reset();
    res.status(204).end();
  });
  router.put('/requests/label', (req, res) => {
    requestLog.label(String(req.body?.label ?? 'default'));
    res.status(204).end();
  });
  router.get('/faults', (_req, res) => {
    res.json(faults.list());
  });
  router.put('/faults', (req, res) => {
    try {
      faults.set(Array.isArray(req.body) ? req.body : [req.body]);
      res.json(faults.list());
    } catch (error) {
      res.status(400).json({ error: String(error) });
    }
  });
  router.delete('/faults', (_req, res) => {
    faults.clear();
    res.status(204).end();
  });
  router.get('/expected', (req, res) => {
    const query = expectedQuerySchema.safeParse(req.query);
    if (!query.success) {
      res.status(400).json({
        error: 'source must be one of github, gitlab, argocd',
      });
      return;
    }
    res.json(expectedDeployments(options.organisation(), query.data.source));
  });
  router.put(
    '/scenario',
    express.text({
      type: ['text/*', 'application/yaml', 'application/x-yaml'],
      limit: '5mb',
    }),
    (req, res) => {
      try {
        const source =
          typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
        options.setOrganisation(parseScenario(source));
        res.status(204).end();
      } catch (error) {
        res.status(400).json({ error: String(error) });
      }
    },
  );
  router.post('/webhooks', async (req, res) => {
    const parsed = webhookReplaySchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({
        error: parsed.error.issues.map(
          i => `${i.path.join('.')}: ${i.message}`,
        ),
      });
      return;
    }
    res.json(await replayWebhooks(options.context, parsed.data));
  });
  return router;
}
