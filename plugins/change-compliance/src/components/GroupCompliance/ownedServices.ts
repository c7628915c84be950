import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { GroupServiceSummary } from '@change-compliance/plugin-change-compliance-common';
import { isChangeComplianceAvailable } from '../../isChangeComplianceAvailable';

/** One row of a team's view: an owned service, named as the catalog names it, with its counts. */
export interface OwnedService {
  entityRef: string;
  /** The catalog title, else the entity's name (with its namespace outside the default one). */
  displayName: string;
  summary: GroupServiceSummary;
}

/** What the view asks the catalog for each owned entity: enough to name it and find its repository. */
export const OWNED_ENTITY_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
];

function refName(entityRef: string): string {
  const { namespace, name } = parseEntityRef(entityRef);
  return namespace === 'default' ? name : `${namespace}/${name}`;
}

/**
 * The services of a group's rollup that belong in its view. The backend rolls up everything the
 * group owns (systems and APIs too), so the catalog decides which of them are services: those
 * naming a repository. An entity with deployments in the period stays whatever the catalog says,
 * so that no exception is ever hidden from the team that owns it.
 */
export function ownedServices(
  summaries: GroupServiceSummary[],
  entities: Array<Entity | undefined>,
): OwnedService[] {
  const byRef = new Map(
    entities
      .filter((e): e is Entity => Boolean(e))
      .map(e => [stringifyEntityRef(e), e]),
  );
  return summaries.flatMap(summary => {
    const entity = byRef.get(summary.entityRef);
    const deployed = summary.compliant + summary.exceptions + summary.pending;
    if (deployed === 0 && !(entity && isChangeComplianceAvailable(entity))) {
      return [];
    }
    return [
      {
        entityRef: summary.entityRef,
        displayName:
          entity?.metadata.title?.trim() || refName(summary.entityRef),
        summary,
      },
    ];
  });
}
