import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  deploymentIngestPermission,
  DeploymentIngestResponse,
  DeploymentPage,
  DeploymentTrace,
  evidenceReadPermission,
  HealthResponse,
  ServiceSummary,
} from '@change-compliance/plugin-change-compliance-common';
import express, { Request, Response } from 'express';
import Router from 'express-promise-router';
import { AuditRouteOptions, registerAuditRoutes } from '../audit/auditRoutes';
import { EvidenceStore } from '../database/EvidenceStore';
import { deploymentId } from '../database/records';
import { ChangePolicy } from '../policy/ChangePolicy';
import { ProviderRegistry } from '../providers/ProviderRegistry';
import { authorizeRequest } from './authorizeRequest';
import { deploymentDetail, toListItem } from './deploymentDetail';
import { parseDeploymentEvent } from './deploymentEvent';
import { deploymentTrace } from './deploymentTrace';
import {
  deploymentIdFromPath,
  parseDeploymentQuery,
  parsePeriod,
} from './queryParameters';
import { repositoryEvidence } from './repositoryEvidence';
import { sourcesResponse } from './sourcesResponse';
import { JsonAnswer, RememberedAnswers } from './RememberedAnswers';
import { runningArtifactsOf } from './runningArtifacts';
import { summarise, summariseGroup } from './summary';

export interface RouterOptions {
  store: EvidenceStore;
  providers: ProviderRegistry;
  policy: ChangePolicy;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  /** The services a group owns, directly or through sub-groups (from the catalog). */
  ownedServices?: (groupRef: string) => Promise<string[]>;
  /** Called after a deployment event was recorded, e.g. to evaluate the service again. */
  onDeploymentRecorded?: (serviceRef: string, cause: string) => Promise<void>;
  /** The auditor's workspace; without it, its routes answer 503 and nothing is drawn. */
  audit?: AuditRouteOptions;
  /** Answers about a service given again while its evidence stands; default 32 MB of them. */
  answers?: RememberedAnswers;
}

/**
 * The REST API under `/api/change-compliance`. Thin on purpose: it authenticates, authorises,
 * parses and delegates; the store and the engine do the work.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { store, providers, policy, httpAuth, permissions } = options;
  const router = Router();
  router.use(express.json({ limit: '256kb' }));
  const answers =
    options.answers ?? new RememberedAnswers(store, { megabytes: 32 });
  const sendJson = (res: Response, answer: JsonAnswer) => {
    // With the tag set, express still answers 304 to a client that has this answer already.
    if (answer.etag) res.set('ETag', answer.etag);
    res.type('application/json').send(answer.body);
  };

  const authorize = (
    req: Request,
    permission: BasicPermission,
    allow: Array<'user' | 'service'>,
  ) => authorizeRequest({ httpAuth, permissions }, req, permission, allow);

  const entityRefOf = (req: Request) =>
    stringifyEntityRef({
      kind: req.params.kind,
      namespace: req.params.namespace,
      name: req.params.name,
    });

  router.get('/health', async (_req, res) => {
    const description = await store.describe();
    const body: HealthResponse = {
      status: 'ok',
      store: {
        client: description.client,
        schemaVersion: description.schemaVersion,
      },
      providers: providers.describe(),
    };
    res.json(body);
  });

  // The policy in force: the auditor's step 1, "obtain the change management policy".
  router.get('/policy', async (req, res) => {
    await authorize(req, evidenceReadPermission, ['user', 'service']);
    res.json(policy);
  });

  // When each evidence source last synced, how far, and its last error: is the evidence complete?
  router.get('/sources', async (req, res) => {
    await authorize(req, evidenceReadPermission, ['user', 'service']);
    res.json(await sourcesResponse(store));
  });

  // Deployment events from CI/CD pipelines, with an external access token. Idempotent by source
  // and external id; a malformed event is a 400 that names the field, and nothing is written.
  router.post('/deployments', async (req, res) => {
    await authorize(req, deploymentIngestPermission, ['service']);
    const record = parseDeploymentEvent(req.body);
    const id = deploymentId(record);
    const { created } = await store.recordDeployment(record);
    await options.onDeploymentRecorded?.(
      record.serviceRef,
      `deployment event ${id}`,
    );
    const body: DeploymentIngestResponse = { id, created };
    res.status(created ? 201 : 200).json(body);
  });

  router.get('/entities/:kind/:namespace/:name/summary', async (req, res) => {
    await authorize(req, evidenceReadPermission, ['user', 'service']);
    const entityRef = entityRefOf(req);
    const period = parsePeriod(req.query);
    const body = await answers.answer(
      entityRef,
      `summary ${period.from} ${period.to}`,
      async () => {
        const [counts, artifacts] = await Promise.all([
          store.countVerdicts(entityRef, period),
          runningArtifactsOf(store, policy, entityRef),
        ]);
        return { ...summarise(entityRef, counts, period), ...artifacts };
      },
    );
    sendJson(res, body);
  });

  router.get(
    '/entities/:kind/:namespace/:name/repository',
    async (req, res) => {
      await authorize(req, evidenceReadPermission, ['user', 'service']);
      const entityRef = entityRefOf(req);
      const body = await repositoryEvidence(store, policy, entityRef);
      if (!body) {
        throw new NotFoundError(
          `${entityRef} names no repository the evidence store knows (github.com/project-slug)`,
        );
      }
      res.json(body);
    },
  );

  router.get(
    '/entities/:kind/:namespace/:name/deployments',
    async (req, res) => {
      await authorize(req, evidenceReadPermission, ['user', 'service']);
      const query = parseDeploymentQuery(req.query);
      const entityRef = entityRefOf(req);
      const body = await answers.answer(
        entityRef,
        `deployments ${JSON.stringify(query)}`,
        async (): Promise<DeploymentPage> => {
          const { items, total } = await store.pageDeployments(
            entityRef,
            {
              from: query.from,
              to: query.to,
              environment: query.environment,
              verdict: query.verdict,
              failingCheck: query.check,
            },
            {
              offset: (query.page - 1) * query.pageSize,
              limit: query.pageSize,
            },
          );
          return {
            items: items.map(toListItem),
            page: query.page,
            pageSize: query.pageSize,
            totalItems: total,
          };
        },
      );
      sendJson(res, body);
    },
  );

  // A team lead's rollup: every service the group owns, with its score and worst check.
  router.get('/groups/:namespace/:name/summary', async (req, res) => {
    await authorize(req, evidenceReadPermission, ['user', 'service']);
    const groupRef = stringifyEntityRef({
      kind: 'group',
      namespace: req.params.namespace,
      name: req.params.name,
    });
    const period = parsePeriod(req.query);
    const services = (await options.ownedServices?.(groupRef)) ?? [];
    const summaries = await Promise.all(
      services.map(
        async (ref): Promise<ServiceSummary> =>
          JSON.parse(
            (
              await answers.answer(
                ref,
                `score ${period.from} ${period.to}`,
                async () =>
                  summarise(
                    ref,
                    await store.countVerdicts(ref, period),
                    period,
                  ),
              )
            ).body,
          ),
      ),
    );
    res.json(summariseGroup(groupRef, summaries, period));
  });

  router.get('/deployments/:source/:externalId/trace', async (req, res) => {
    await authorize(req, evidenceReadPermission, ['user', 'service']);
    const id = deploymentIdFromPath(req.params);
    if (!(await store.getDeployment(id))) {
      throw new NotFoundError(`No deployment ${id}`);
    }
    const body: DeploymentTrace = await deploymentTrace(
      store,
      policy,
      id,
      await store.getEvaluation(id),
    );
    res.json(body);
  });

  router.get('/deployments/:source/:externalId', async (req, res) => {
    await authorize(req, evidenceReadPermission, ['user', 'service']);
    const id = deploymentIdFromPath(req.params);
    const body = await deploymentDetail(store, id);
    if (!body) {
      throw new NotFoundError(`No deployment ${id}`);
    }
    res.json(body);
  });

  registerAuditRoutes(router, { httpAuth, permissions, policy }, options.audit);

  return router;
}
