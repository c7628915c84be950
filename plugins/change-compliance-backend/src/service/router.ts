import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  DeploymentDetail,
  deploymentIngestPermission,
  DeploymentIngestResponse,
  DeploymentListItem,
  DeploymentPage,
  DeploymentTrace,
  evidenceReadPermission,
  HealthResponse,
  RepositoryEvidence,
  SourcesResponse,
} from '@change-compliance/plugin-change-compliance-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { EvidenceStore } from '../database/EvidenceStore';
import { DeploymentWithVerdict, deploymentId } from '../database/records';
import { ChangePolicy } from '../policy/ChangePolicy';
import { ProviderRegistry } from '../providers/ProviderRegistry';
import { parseDeploymentEvent } from './deploymentEvent';
import { deploymentTrace } from './deploymentTrace';
import { parseDeploymentQuery, parsePeriod } from './queryParameters';
import { requirePermission } from './requirePermission';
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
}

function toListItem(d: DeploymentWithVerdict): DeploymentListItem {
  return {
    id: deploymentId(d),
    environment: d.environment,
    commitSha: d.commitSha,
    imageDigest: d.imageDigest,
    imageTag: d.imageTag,
    deployedAt: d.deployedAt,
    actor: d.actor?.login,
    pipelineRunUrl: d.pipelineRunUrl,
    verdict: d.verdict,
    checks: d.checks,
  };
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

  async function authorize(
    req: Request,
    permission: BasicPermission,
    allow: Array<'user' | 'service'>,
  ): Promise<BackstageCredentials> {
    const credentials = await httpAuth.credentials(req, { allow });
    await requirePermission(permissions, credentials, permission);
    return credentials;
  }

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
    const [sources, rounds] = await Promise.all([
      store.listSourceStatus(),
      store.listSyncRounds(),
    ]);
    const body: SourcesResponse = { sources, rounds };
    res.json(body);
  });

  // Deployment events from CI/CD pipelines, with an external access token. Idempotent by source
  // and external id; a malformed event is a 400 that names the field, and nothing is written.
  router.post('/deployments', async (req, res) => {
    await authorize(req, deploymentIngestPermission, ['service']);
    const record = parseDeploymentEvent(req.body);
    const id = deploymentId(record);
    const existed = Boolean(await store.getDeployment(id));
    await store.upsertDeployments([record]);
    await options.onDeploymentRecorded?.(
      record.serviceRef,
      `deployment event ${id}`,
    );
    const body: DeploymentIngestResponse = { id, created: !existed };
    res.status(existed ? 200 : 201).json(body);
  });

  router.get('/entities/:kind/:namespace/:name/summary', async (req, res) => {
    await authorize(req, evidenceReadPermission, ['user', 'service']);
    const entityRef = entityRefOf(req);
    const period = parsePeriod(req.query);
    res.json(
      summarise(
        entityRef,
        await store.countVerdicts(entityRef, period),
        period,
      ),
    );
  });

  router.get(
    '/entities/:kind/:namespace/:name/repository',
    async (req, res) => {
      await authorize(req, evidenceReadPermission, ['user', 'service']);
      const entityRef = entityRefOf(req);
      const service = (await store.listServices()).find(
        s => s.entityRef === entityRef,
      );
      if (!service?.repositorySlug) {
        throw new NotFoundError(
          `${entityRef} names no repository the evidence store knows (github.com/project-slug)`,
        );
      }
      const [repository, protection] = await Promise.all([
        store.getRepository(service.repositorySlug),
        store.branchProtectionHistory(service.repositorySlug),
      ]);
      const body: RepositoryEvidence = {
        entityRef,
        repository: service.repositorySlug,
        defaultBranch: repository?.defaultBranch ?? null,
        productionBranches: policy.productionBranches,
        protection: protection.map(p => ({
          branch: p.branch,
          observedAt: p.observedAt,
          protected: p.protected,
          settings: p.settings,
        })),
      };
      res.json(body);
    },
  );

  router.get(
    '/entities/:kind/:namespace/:name/deployments',
    async (req, res) => {
      await authorize(req, evidenceReadPermission, ['user', 'service']);
      const query = parseDeploymentQuery(req.query);
      const { items, total } = await store.pageDeployments(
        entityRefOf(req),
        {
          from: query.from,
          to: query.to,
          environment: query.environment,
          verdict: query.verdict,
          failingCheck: query.check,
        },
        { offset: (query.page - 1) * query.pageSize, limit: query.pageSize },
      );
      const body: DeploymentPage = {
        items: items.map(toListItem),
        page: query.page,
        pageSize: query.pageSize,
        totalItems: total,
      };
      res.json(body);
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
      services.map(async ref =>
        summarise(ref, await store.countVerdicts(ref, period), period),
      ),
    );
    res.json(summariseGroup(groupRef, summaries, period));
  });

  router.get('/deployments/:source/:externalId/trace', async (req, res) => {
    await authorize(req, evidenceReadPermission, ['user', 'service']);
    const id = deploymentId({
      source: req.params.source,
      externalId: req.params.externalId,
    });
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
    const id = deploymentId({
      source: req.params.source,
      externalId: req.params.externalId,
    });
    const deployment = await store.getDeployment(id);
    if (!deployment) {
      throw new NotFoundError(`No deployment ${id}`);
    }
    const [evaluation, history] = await Promise.all([
      store.getEvaluation(id),
      store.verdictHistory(id),
    ]);
    const body: DeploymentDetail = {
      deployment: {
        ...toListItem({
          ...deployment,
          verdict: evaluation?.verdict,
          checks: Object.fromEntries(
            (evaluation?.checks ?? []).map(c => [c.checkId, c.status]),
          ),
        }),
        serviceRef: deployment.serviceRef,
        ref: deployment.ref,
        ticketKeys: deployment.ticketKeys,
        configVersion: deployment.configVersion,
      },
      checks: evaluation?.checks ?? [],
      changes: evaluation?.changes ?? [],
      history: history.map(h => ({
        verdict: h.verdict,
        previousVerdict: h.previousVerdict,
        cause: h.cause,
        evaluatedAt: h.evaluatedAt,
      })),
      evaluatedAt: evaluation?.evaluatedAt,
    };
    res.json(body);
  });

  return router;
}
