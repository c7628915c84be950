import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  GITHUB_PROJECT_SLUG_ANNOTATION,
  GITLAB_PROJECT_SLUG_ANNOTATION,
} from '@change-compliance/plugin-change-compliance-common';
import { inParallel } from '@change-compliance/plugin-change-compliance-node';
import { EvidenceStore } from '../database/EvidenceStore';
import { ChangePolicy } from '../policy/ChangePolicy';
import { CatalogIdentities } from './CatalogIdentities';
import { evaluateService, ServiceToEvaluate } from './ServiceEvaluator';
import { SERVICES_AT_ONCE } from './servicesAtOnce';
import { serviceFromEntity } from './serviceFromEntity';
import { daysBefore } from '../time';

/** What evaluating catalog services needs, the same for every run. */
export interface CatalogEvaluationContext {
  catalog: CatalogService;
  auth: AuthService;
  store: EvidenceStore;
  policy: ChangePolicy;
  logger: LoggerService;
  /** Days of history observed: the first deployment's change set starts there. */
  windowDays: number;
  /** Asks the ticket systems for referenced tickets the store does not have yet. */
  fetchTickets?: (keys: string[]) => Promise<void>;
}

/** The catalog's users and groups, as the engine needs them to know who an account is. */
async function loadIdentities(
  context: Pick<CatalogEvaluationContext, 'catalog' | 'auth'>,
): Promise<CatalogIdentities> {
  const { items } = await context.catalog.getEntities(
    {
      filter: { kind: ['User', 'Group'] },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.annotations',
        'spec.profile.email',
        'spec.memberOf',
        'spec.parent',
        'relations',
      ],
    },
    { credentials: await context.auth.getOwnServiceCredentials() },
  );
  return CatalogIdentities.fromEntities(items);
}

/**
 * Brings the store's services in step with the catalog: every entity that names a repository.
 * Providers sync the repositories of these services.
 */
export async function refreshServices(
  options: Pick<
    CatalogEvaluationContext,
    'catalog' | 'auth' | 'store' | 'policy'
  >,
) {
  const { catalog, auth, store, policy } = options;
  const { items } = await catalog.getEntities(
    {
      // Either annotation: the filters of a list are alternatives.
      filter: [
        {
          [`metadata.annotations.${GITHUB_PROJECT_SLUG_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
        {
          [`metadata.annotations.${GITLAB_PROJECT_SLUG_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
      ],
    },
    { credentials: await auth.getOwnServiceCredentials() },
  );
  const services = items.flatMap(entity => {
    const service = serviceFromEntity(entity, policy);
    return service ? [service] : [];
  });
  await store.upsertServices(services.map(serviceRecordOf));
  return services;
}

/** A service as the store's list of services keeps it. */
function serviceRecordOf(s: ServiceToEvaluate) {
  return {
    entityRef: s.entityRef,
    repositorySlug: s.repository,
    ...(s.sourceControl ? { sourceControl: s.sourceControl } : {}),
    ticketProjectKey: s.ticketProjectKey ?? null,
    sourcePaths: s.sourcePaths?.join(',') ?? null,
  };
}

/**
 * Evaluates every catalog entity that names a repository. Run on a schedule, because time alone
 * changes verdicts: an emergency change still unapproved when its window closes turns from
 * pending into an exception with no new evidence at all. Also keeps the services table in step
 * with the catalog.
 */
export async function reevaluateCatalog(
  options: CatalogEvaluationContext & {
    now: Date;
  },
): Promise<{ services: number; evaluated: number; changed: number }> {
  const { store, policy, logger, now } = options;
  const services = await refreshServices(options);
  const identities = await loadIdentities(options);
  let evaluated = 0;
  let changed = 0;
  await inParallel(services, SERVICES_AT_ONCE, async service => {
    try {
      const run = await evaluateService({
        store,
        policy,
        service,
        windowStart: daysBefore(now, options.windowDays),
        evaluatedAt: now.toISOString(),
        cause: 'scheduled re-evaluation',
        identities,
        fetchTickets: options.fetchTickets,
      });
      evaluated += run.evaluated;
      changed += run.changes.length;
    } catch (error) {
      // One service's bad data must not keep the others from being evaluated.
      logger.error(`Could not evaluate ${service.entityRef}`, error as Error);
    }
  });
  return { services: services.length, evaluated, changed };
}

/**
 * Evaluates catalog entities again, e.g. after a deployment event arrived for one or a provider
 * synced their evidence. The catalog's identities are read once for all of them. An entity the
 * catalog does not know, or one that names no repository, is logged and left alone.
 */
export async function reevaluateEntities(
  options: CatalogEvaluationContext & {
    now: Date;
    entityRefs: string[];
    cause: string;
  },
): Promise<void> {
  const { catalog, auth, policy, logger, now, cause } = options;
  const identities = await loadIdentities(options);
  for (const entityRef of options.entityRefs) {
    const entity = await catalog.getEntityByRef(entityRef, {
      credentials: await auth.getOwnServiceCredentials(),
    });
    const service = entity && serviceFromEntity(entity, policy);
    if (!service) {
      logger.warn(
        `Not evaluating ${entityRef}: not in the catalog, or it names no repository`,
      );
      continue;
    }
    // Known to the store from now on, before the next scheduled pass over the catalog.
    await options.store.upsertServices([serviceRecordOf(service)]);
    const run = await evaluateService({
      store: options.store,
      policy,
      service,
      windowStart: daysBefore(now, options.windowDays),
      evaluatedAt: now.toISOString(),
      cause,
      identities,
      fetchTickets: options.fetchTickets,
    });
    logger.info(
      `Evaluated ${run.evaluated} deployments of ${entityRef} (${cause}); ${run.changes.length} verdicts changed`,
    );
  }
}
