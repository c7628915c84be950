import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  auditExportPermission,
  AuditSampleSummary,
  evidenceReadPermission,
} from '@change-compliance/plugin-change-compliance-common';
import { JsonObject } from '@backstage/types';
import express, { Request } from 'express';
import { deploymentIdFromPath } from '../service/queryParameters';
import { ChangePolicy } from '../policy/ChangePolicy';
import { authorizeRequest } from '../service/authorizeRequest';
import { requirePermission } from '../service/requirePermission';
import {
  parseAuditReviewRequest,
  parseAuditSampleRequest,
  parseAuditScopeQuery,
} from './auditScope';
import { AuditWorkspace } from './AuditWorkspace';

/** What the auditor's workspace routes need besides the router's own services. */
export interface AuditRouteOptions {
  workspace: AuditWorkspace;
  /** Where draws, review marks and exports are recorded (coreServices.auditor). */
  auditor: AuditorService;
  /** The clock, for tests. */
  now?: () => Date;
}

type Principal = 'user' | 'service';

/** The entity ref of a signed-in user, or the subject of a service principal. */
function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as
    | { type: 'user'; userEntityRef: string }
    | { type: 'service'; subject: string };
  return principal.type === 'user'
    ? principal.userEntityRef
    : principal.subject;
}

/**
 * The auditor's workspace under `/audit`: the population (anyone who reads evidence), and what
 * only the audit permission allows: drawing samples, reading them, marking their changes
 * reviewed, exporting evidence packages. Drawing and marking are a person's acts, attributed to
 * the signed-in user, so service principals may read and export but not draw or mark. Draws,
 * marks and exports go to the auditor service whether they succeed, fail or the permission
 * policy refuses them.
 *
 * Registered on the plugin's router itself (not a sub-router), so that the route list the
 * OpenAPI test reads includes them.
 */
export function registerAuditRoutes(
  router: express.Router,
  services: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    policy: ChangePolicy;
  },
  options: AuditRouteOptions | undefined,
): void {
  const { httpAuth, permissions, policy } = services;
  const now = options?.now ?? (() => new Date());

  function configured(): AuditRouteOptions {
    if (!options) {
      // Fail closed: nothing is drawn or exported that the auditor service would not record.
      throw new ServiceUnavailableError(
        'The audit workspace is not configured on this backend',
      );
    }
    return options;
  }

  const authorize = (
    req: Request,
    permission: BasicPermission,
    allow: Principal[],
  ) => authorizeRequest({ httpAuth, permissions }, req, permission, allow);

  /**
   * Runs an act the audit trail must show: the caller is authenticated first (an anonymous call
   * is a 401 and no event), then the event is opened, so that a refused or failed act is
   * recorded as failed, with the reason.
   */
  async function recorded<T>(
    req: Request,
    event: { eventId: string; meta: JsonObject },
    allow: Principal[],
    act: (
      credentials: BackstageCredentials,
    ) => Promise<{ result: T; meta: JsonObject }>,
  ): Promise<T> {
    const credentials = await httpAuth.credentials(req, { allow });
    const { auditor } = configured();
    const auditEvent = await auditor.createEvent({
      eventId: event.eventId,
      severityLevel: 'medium',
      request: req,
      meta: event.meta,
    });
    try {
      await requirePermission(permissions, credentials, auditExportPermission);
      const { result, meta } = await act(credentials);
      await auditEvent.success({ meta });
      return result;
    } catch (error) {
      await auditEvent.fail({ error: error as Error });
      throw error;
    }
  }

  // Testing step 3's population: the production changes of a period and scope, by stratum.
  router.get('/audit/population', async (req, res) => {
    await authorize(req, evidenceReadPermission, ['user', 'service']);
    const scope = parseAuditScopeQuery(req.query);
    res.json(await configured().workspace.population(scope));
  });

  router.post('/audit/samples', async (req, res) => {
    const sample = await recorded(
      req,
      { eventId: 'audit-sample-draw', meta: {} },
      ['user'],
      async credentials => {
        const request = parseAuditSampleRequest(req.body, policy.sample);
        const drawn = await configured().workspace.draw(
          request,
          actorOf(credentials),
          now(),
        );
        return {
          result: drawn,
          meta: {
            sampleId: drawn.id,
            seed: drawn.seed,
            size: drawn.size,
            sampled: drawn.items.length,
            population: drawn.population.total,
            scope: { ...drawn.scope },
          },
        };
      },
    );
    res.status(201).json(sample);
  });

  router.get('/audit/samples', async (req, res) => {
    await authorize(req, auditExportPermission, ['user', 'service']);
    const samples: AuditSampleSummary[] = await configured().workspace.list();
    res.json({ samples });
  });

  router.get('/audit/samples/:id', async (req, res) => {
    await authorize(req, auditExportPermission, ['user', 'service']);
    res.json(await configured().workspace.sample(req.params.id));
  });

  router.put(
    '/audit/samples/:id/items/:source/:externalId/review',
    async (req, res) => {
      const id = deploymentIdFromPath(req.params);
      const sample = await recorded(
        req,
        {
          eventId: 'audit-sample-review',
          meta: { sampleId: req.params.id, deploymentId: id },
        },
        ['user'],
        async credentials => {
          const review = parseAuditReviewRequest(req.body);
          const result = await configured().workspace.review(
            req.params.id,
            id,
            review,
            actorOf(credentials),
            now(),
          );
          return { result, meta: { conclusion: review.conclusion } };
        },
      );
      res.json(sample);
    },
  );

  router.get('/audit/samples/:id/export', async (req, res) => {
    const exported = await recorded(
      req,
      { eventId: 'evidence-export', meta: { sampleId: req.params.id } },
      ['user', 'service'],
      async credentials => {
        const result = await configured().workspace.evidencePackage(
          req.params.id,
          actorOf(credentials),
          now(),
        );
        return {
          result,
          meta: {
            fileName: result.fileName,
            archiveSha256: result.sha256,
            files: result.files,
          },
        };
      },
    );
    res
      .status(200)
      .type('application/zip')
      .set({
        'Content-Disposition': `attachment; filename="${exported.fileName}"`,
        // The archive's own digest, to compare with what the recipient computes (sha256sum), and
        // in the standard form of RFC 9530.
        'X-Archive-SHA256': exported.sha256,
        'Content-Digest': `sha-256=:${Buffer.from(
          exported.sha256,
          'hex',
        ).toString('base64')}:`,
        'Access-Control-Expose-Headers':
          'Content-Disposition, Content-Digest, X-Archive-SHA256',
      })
      .send(Buffer.from(exported.archive));
  });
}
