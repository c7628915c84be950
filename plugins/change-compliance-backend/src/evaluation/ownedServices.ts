import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
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
  const pending = [options.groupRef];
  while (pending.length > 0) {
    const ref = pending.pop()!;
    if (groups.has(ref)) continue;
    const group: Entity | undefined = await catalog.getEntityByRef(ref, {
      credentials,
    });
    if (!group) continue;
    groups.add(ref);
    for (const relation of group.relations ?? []) {
      if (relation.type === RELATION_PARENT_OF)
        pending.push(relation.targetRef);
    }
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
