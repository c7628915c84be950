import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import {
  serviceRepository,
  SourceControl,
} from '../../compliance/serviceRepository';
import { isChangeComplianceAvailable } from '../../isChangeComplianceAvailable';

/** An entity the auditor can put in scope, named as the catalog names it. */
export interface ScopeEntity {
  entityRef: string;
  /** The catalog title, else the ref without its default kind and namespace. */
  displayName: string;
  /** For services: the repository their changes come from. */
  repository?: string;
  /** For services: the host of that repository. */
  sourceControl?: SourceControl;
}

export interface ScopeCatalog {
  systems: ScopeEntity[];
  groups: ScopeEntity[];
  /** Components naming a repository: the services whose changes are judged. */
  services: ScopeEntity[];
}

const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
];

function scopeEntity(entity: Entity, defaultKind: string): ScopeEntity {
  return {
    entityRef: stringifyEntityRef(entity),
    displayName:
      entity.metadata.title?.trim() ||
      humanizeEntityRef(entity, { defaultKind }),
    ...repositoryOf(entity),
  };
}

function repositoryOf(
  entity: Entity,
): Pick<ScopeEntity, 'repository' | 'sourceControl'> {
  const repository = serviceRepository(entity);
  return repository
    ? { repository: repository.slug, sourceControl: repository.sourceControl }
    : {};
}

function byName(a: ScopeEntity, b: ScopeEntity) {
  return a.displayName.localeCompare(b.displayName);
}

/**
 * The systems, groups and services of the catalog, for the scope pickers and to name the
 * services of the population and the sample.
 */
export function useScopeCatalog() {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async (): Promise<ScopeCatalog> => {
    const { items } = await catalogApi.getEntities({
      filter: [{ kind: 'System' }, { kind: 'Group' }, { kind: 'Component' }],
      fields: FIELDS,
    });
    const ofKind = (kind: string) =>
      items.filter(e => e.kind.toLowerCase() === kind);
    return {
      systems: ofKind('system')
        .map(e => scopeEntity(e, 'system'))
        .sort(byName),
      groups: ofKind('group')
        .map(e => scopeEntity(e, 'group'))
        .sort(byName),
      services: ofKind('component')
        .filter(isChangeComplianceAvailable)
        .map(e => scopeEntity(e, 'component'))
        .sort(byName),
    };
  }, [catalogApi]);
}

/** A service's name as the catalog gives it, else its ref without default kind and namespace. */
export function serviceName(
  serviceRef: string,
  catalog: ScopeCatalog | undefined,
): string {
  return (
    catalog?.services.find(s => s.entityRef === serviceRef)?.displayName ??
    humanizeEntityRef(parseEntityRef(serviceRef), { defaultKind: 'component' })
  );
}
