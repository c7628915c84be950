import { AuthService } from '@backstage/backend-plugin-api';
import {
  RELATION_PARENT_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * The entity refs of everything a group owns, directly or through its sub-groups, as a team
 * lead's view counts them. Sub-groups are followed through `parentOf` relations, each once.
 */
export async function ownedServices(options: {
  catalog: CatalogService;
  auth: AuthService;
  groupRef: string;
}): Promise<string[]> {
  const { catalog, auth } = options;
  const credentials = await auth.getOwnServiceCredentials();
  const groups = new Set<string>();
  // One catalog request per level of sub-groups, not one per group: a department of twenty teams
  // is two requests.
  let level = [options.groupRef];
  while (level.length > 0) {
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: level, fields: ['relations'] },
      { credentials },
    );
    const next = new Set<string>();
    for (const [i, group] of items.entries()) {
      if (!group) continue;
      groups.add(level[i]);
      for (const relation of group.relations ?? []) {
        if (relation.type === RELATION_PARENT_OF) next.add(relation.targetRef);
      }
    }
    level = [...next].filter(ref => !groups.has(ref));
  }
  if (groups.size === 0) return [];
  const { items } = await catalog.getEntities(
    {
      filter: { 'relations.ownedBy': [...groups] },
      fields: ['kind', 'metadata.name', 'metadata.namespace'],
    },
    { credentials },
  );
  return items.map(entity => stringifyEntityRef(entity)).sort();
}
