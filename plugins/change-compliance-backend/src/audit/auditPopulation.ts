import { InputError } from '@backstage/errors';
import {
  AuditPopulation,
  AuditScope,
} from '@change-compliance/plugin-change-compliance-common';
import { matchesAnyGlob } from '../engine/paths';
import { ChangePolicy } from '../policy/ChangePolicy';
import { AuditCatalog } from './AuditCatalog';
import { AuditStore } from './AuditStore';
import { isUnsettled, PopulationMember, strataOf } from './population';

export interface PopulationSources {
  store: AuditStore;
  catalog: AuditCatalog;
  policy: ChangePolicy;
}

/**
 * The services a scope covers: its services, the entities of its systems and the services its
 * groups own (sub-groups included). Undefined for an empty scope, which covers every service; a
 * scope whose systems and groups hold nothing covers nothing, never everything. A system or group
 * the catalog does not know is a 400 naming the field (`field` prefixes the name, e.g. `scope.`).
 */
export async function scopeServices(
  catalog: AuditCatalog,
  scope: AuditScope,
  field = '',
): Promise<string[] | undefined> {
  const systems = scope.systems ?? [];
  const groups = scope.groups ?? [];
  const services = new Set(scope.services ?? []);
  if (systems.length + groups.length + services.size === 0) return undefined;
  const expand = async (
    name: 'systems' | 'groups',
    refs: string[],
    lookup: (ref: string) => Promise<string[] | undefined>,
  ) => {
    for (const ref of refs) {
      const members = await lookup(ref);
      if (!members) {
        throw new InputError(
          `Invalid ${field}${name}: the catalog has no ${ref}`,
        );
      }
      members.forEach(member => services.add(member));
    }
  };
  await expand('systems', systems, ref => catalog.systemServices(ref));
  await expand('groups', groups, ref => catalog.groupServices(ref));
  return [...services].sort();
}

/**
 * The population of testing step 3: the successful production deployments (the policy's
 * production environments) of the services in scope within [from, to), each with its service's
 * system and its change type, emergency when any change it shipped is an emergency change by its
 * current evaluation.
 */
export async function populationMembers(
  sources: PopulationSources,
  scope: AuditScope,
  field = '',
): Promise<PopulationMember[]> {
  const { store, catalog, policy } = sources;
  const serviceRefs = await scopeServices(catalog, scope, field);
  if (serviceRefs?.length === 0) return [];
  const rows = (
    await store.listDeploymentsInPeriod({
      from: scope.from,
      to: scope.to,
      serviceRefs,
    })
  ).filter(row =>
    matchesAnyGlob(row.environment, policy.productionEnvironments),
  );
  const systems = await catalog.systemsOf([
    ...new Set(rows.map(r => r.serviceRef)),
  ]);
  return rows.map(row => ({
    deploymentId: row.deploymentId,
    serviceRef: row.serviceRef,
    systemRef: systems.get(row.serviceRef) ?? null,
    changeType: row.emergency ? 'emergency' : 'normal',
    deployedAt: row.deployedAt,
    ...(row.verdict ? { verdict: row.verdict } : {}),
  }));
}

/** The population counted by stratum, as `GET /audit/population` answers. */
export function describePopulation(
  scope: AuditScope,
  members: PopulationMember[],
): AuditPopulation {
  return {
    scope,
    total: members.length,
    pending: members.filter(isUnsettled).length,
    strata: strataOf(members),
  };
}
