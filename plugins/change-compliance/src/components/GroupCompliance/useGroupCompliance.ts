import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { changeComplianceApiRef } from '../../api/ChangeComplianceApi';
import { OWNED_ENTITY_FIELDS, ownedServices } from './ownedServices';

/**
 * A group's rollup over the period, and the owned services the view lists. The catalog is read
 * after the rollup because only the rollup knows which entities the group owns through its
 * sub-groups.
 */
export function useGroupCompliance(groupRef: string, from: string) {
  const api = useApi(changeComplianceApiRef);
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async () => {
    const group = await api.getGroupSummary(groupRef, { from });
    const entityRefs = group.services.map(s => s.entityRef);
    const { items } =
      entityRefs.length > 0
        ? await catalogApi.getEntitiesByRefs({
            entityRefs,
            fields: OWNED_ENTITY_FIELDS,
          })
        : { items: [] };
    return { group, services: ownedServices(group.services, items) };
  }, [api, catalogApi, groupRef, from]);
}
