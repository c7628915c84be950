import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { GITHUB_PROJECT_SLUG_ANNOTATION } from '@change-compliance/plugin-change-compliance-common';
import { EvidenceStore } from '../database/EvidenceStore';
import { ChangePolicy } from '../policy/ChangePolicy';
import { evaluateService } from './ServiceEvaluator';
import { serviceFromEntity } from './serviceFromEntity';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Evaluates every catalog entity that names a repository. Run on a schedule, because time alone
 * changes verdicts: an emergency change still unapproved when its window closes turns from
 * pending into an exception with no new evidence at all. Also keeps the services table in step
 * with the catalog.
 */
export async function reevaluateCatalog(options: {
  catalog: CatalogService;
  auth: AuthService;
  store: EvidenceStore;
  policy: ChangePolicy;
  logger: LoggerService;
  windowDays: number;
  now: Date;
}): Promise<{ services: number; evaluated: number; changed: number }> {
  const { catalog, auth, store, policy, logger, now } = options;
  const { items } = await catalog.getEntities(
    {
      filter: {
        [`metadata.annotations.${GITHUB_PROJECT_SLUG_ANNOTATION}`]:
          CATALOG_FILTER_EXISTS,
      },
    },
    { credentials: await auth.getOwnServiceCredentials() },
  );
  const services = items.flatMap(entity => {
    const service = serviceFromEntity(entity, policy);
    return service ? [service] : [];
  });
  await store.upsertServices(
    services.map(s => ({
      entityRef: s.entityRef,
      repositorySlug: s.repository,
      ticketProjectKey: s.ticketProjectKey ?? null,
      sourcePaths: s.sourcePaths?.join(',') ?? null,
    })),
  );

  let evaluated = 0;
  let changed = 0;
  for (const service of services) {
    try {
      const run = await evaluateService({
        store,
        policy,
        service,
        windowStart: new Date(
          now.getTime() - options.windowDays * DAY,
        ).toISOString(),
        evaluatedAt: now.toISOString(),
        cause: 'scheduled re-evaluation',
      });
      evaluated += run.evaluated;
      changed += run.changes.length;
    } catch (error) {
      // One service's bad data must not keep the others from being evaluated.
      logger.error(`Could not evaluate ${service.entityRef}`, error as Error);
    }
  }
  return { services: services.length, evaluated, changed };
}
