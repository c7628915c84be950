import express from 'express';
import { z } from 'zod';
import { Organisation } from '../model';
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
 * - `GET /expected` the expected verdict of every deployment.
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
  router.get('/expected', (_req, res) => {
    res.json(options.organisation().expected);
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
