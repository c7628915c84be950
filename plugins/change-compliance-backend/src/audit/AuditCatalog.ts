import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ownedServices } from '../evaluation/ownedServices';

/** Entity refs per catalog request: a large organisation's population names many services. */
const REFS_PER_REQUEST = 500;

/** What an audit's scope needs from the catalog. */
export interface AuditCatalog {
  /** The entities that are part of a system; undefined when the catalog has no such system. */
  systemServices(systemRef: string): Promise<string[] | undefined>;
  /**
   * The services a group owns, directly or through its sub-groups; undefined when the catalog has
   * no such group.
   */
  groupServices(groupRef: string): Promise<string[] | undefined>;
  /** The system of each of these services that the catalog places in one. */
  systemsOf(serviceRefs: string[]): Promise<Map<string, string>>;
}

/** The system an entity is part of: its `partOf` relation to a system, else its `spec.system`. */
function systemOf(entity: Entity): string | undefined {
  const related = (entity.relations ?? []).find(
    r => r.type === RELATION_PART_OF && r.targetRef.startsWith('system:'),
  );
  if (related) return related.targetRef;
  const system = entity.spec?.system;
  if (typeof system !== 'string' || !system) return undefined;
  return stringifyEntityRef(
    parseEntityRef(system, {
      defaultKind: 'system',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    }),
  );
}

/** The audit scope's catalog, read with the plugin's own credentials. */
export function catalogAuditCatalog(options: {
  catalog: CatalogService;
  auth: AuthService;
}): AuditCatalog {
  const { catalog, auth } = options;
  const credentials = () => auth.getOwnServiceCredentials();
  const exists = async (ref: string) =>
    Boolean(
      await catalog.getEntityByRef(ref, { credentials: await credentials() }),
    );

  return {
    async systemServices(systemRef) {
      if (!(await exists(systemRef))) return undefined;
      const { items } = await catalog.getEntities(
        {
          filter: { [`relations.${RELATION_PART_OF}`]: systemRef },
          fields: ['kind', 'metadata.name', 'metadata.namespace'],
        },
        { credentials: await credentials() },
      );
      return items.map(entity => stringifyEntityRef(entity)).sort();
    },

    async groupServices(groupRef) {
      if (!(await exists(groupRef))) return undefined;
      return ownedServices({ catalog, auth, groupRef });
    },

    async systemsOf(serviceRefs) {
      const systems = new Map<string, string>();
      for (let i = 0; i < serviceRefs.length; i += REFS_PER_REQUEST) {
        const { items } = await catalog.getEntitiesByRefs(
          {
            entityRefs: serviceRefs.slice(i, i + REFS_PER_REQUEST),
            fields: [
              'kind',
              'metadata.name',
              'metadata.namespace',
              'spec.system',
              'relations',
            ],
          },
          { credentials: await credentials() },
        );
        for (const entity of items) {
          const system = entity && systemOf(entity);
          if (entity && system) systems.set(stringifyEntityRef(entity), system);
        }
      }
      return systems;
    },
  };
}
