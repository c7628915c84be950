import { PermissionsService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { evidenceReadPermission } from '@change-compliance/plugin-change-compliance-common';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { EvidenceStore } from '../database/EvidenceStore';
import { deploymentId } from '../database/records';
import { requirePermission } from '../service/requirePermission';
import { summarise } from '../service/summary';
import { daysBefore } from '../time';

/**
 * Read-only actions for AI assistants, exposed through the portal's MCP endpoint: the change
 * compliance of a service, and why a deployment is an exception. They read what the API reads,
 * under the same permission.
 */
export function registerActions(options: {
  actionsRegistry: ActionsRegistryService;
  store: EvidenceStore;
  permissions: PermissionsService;
}) {
  const { actionsRegistry, store, permissions } = options;

  const mayRead = (credentials: BackstageCredentials) =>
    requirePermission(permissions, credentials, evidenceReadPermission);

  actionsRegistry.register({
    name: 'get-change-compliance',
    title: 'Get the change compliance of a service',
    description:
      'Returns the compliance score of a catalog entity over the last N days (compliant / (compliant + exceptions), with the counts), how often each check failed, and its most recent production deployments with their verdicts.',
    visibilityPermission: evidenceReadPermission,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe('Entity ref, e.g. component:default/payments-api'),
          days: z
            .number()
            .int()
            .min(1)
            .max(730)
            .default(90)
            .describe('Period in days, ending now'),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          compliant: z.number(),
          exceptions: z.number(),
          pending: z.number(),
          score: z.number().nullable(),
          failuresByCheck: z.record(z.string(), z.number()),
          recentDeployments: z.array(
            z.object({
              id: z.string(),
              deployedAt: z.string(),
              verdict: z.string(),
              failingChecks: z.array(z.string()),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      await mayRead(credentials);
      let entityRef: string;
      try {
        entityRef = stringifyEntityRef(parseEntityRef(input.entityRef));
      } catch (error) {
        throw new InputError(`Not an entity ref: ${input.entityRef}`);
      }
      const to = new Date();
      const period = { from: daysBefore(to, input.days), to: to.toISOString() };
      const [counts, recent] = await Promise.all([
        store.countVerdicts(entityRef, period),
        store.pageDeployments(entityRef, period, { offset: 0, limit: 10 }),
      ]);
      const summary = summarise(entityRef, counts, period);
      return {
        output: {
          entityRef,
          compliant: summary.compliant,
          exceptions: summary.exceptions,
          pending: summary.pending,
          score: summary.score,
          failuresByCheck: summary.failuresByCheck as Record<string, number>,
          recentDeployments: recent.items
            .filter(d => d.verdict)
            .map(d => ({
              id: deploymentId(d),
              deployedAt: d.deployedAt,
              verdict: d.verdict!,
              failingChecks: Object.keys(d.checks).filter(
                check => d.checks[check] === 'fail',
              ),
            })),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'explain-deployment-verdict',
    title: 'Explain the verdict on a deployment',
    description:
      'Explains why a production deployment is compliant, pending or an exception: each check with its status and a one-sentence reason, and the changes (PRs, direct commits) the deployment shipped.',
    visibilityPermission: evidenceReadPermission,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          deploymentId: z
            .string()
            .describe('The deployment id, source/externalId, e.g. github/9001'),
        }),
      output: z =>
        z.object({
          deploymentId: z.string(),
          serviceRef: z.string(),
          verdict: z.string(),
          checks: z.array(
            z.object({
              checkId: z.string(),
              status: z.string(),
              reason: z.string(),
            }),
          ),
          changes: z.array(
            z.object({
              changeRef: z.string(),
              emergency: z.boolean(),
              ticketKeys: z.array(z.string()),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      await mayRead(credentials);
      const slash = input.deploymentId.indexOf('/');
      if (slash <= 0) {
        throw new InputError(
          `Not a deployment id (source/externalId): ${input.deploymentId}`,
        );
      }
      const id = deploymentId({
        source: input.deploymentId.slice(0, slash),
        externalId: input.deploymentId.slice(slash + 1),
      });
      const evaluation = await store.getEvaluation(id);
      if (!evaluation) {
        throw new NotFoundError(`No evaluated deployment ${id}`);
      }
      return {
        output: {
          deploymentId: id,
          serviceRef: evaluation.serviceRef,
          verdict: evaluation.verdict,
          checks: evaluation.checks.map(c => ({
            checkId: c.checkId,
            status: c.status,
            reason: c.reason,
          })),
          changes: evaluation.changes.map(c => ({
            changeRef: c.changeRef,
            emergency: c.emergency,
            ticketKeys: c.ticketKeys,
          })),
        },
      };
    },
  });
}
