import { Entity } from '@backstage/catalog-model';
import { serviceRepository } from './compliance/serviceRepository';

/**
 * Whether the Change Compliance tab belongs on an entity: it must name the repository its
 * changes come from (`github.com/project-slug` or `gitlab.com/project-slug`). A group has its own
 * tab (its services' scores) at the same path, whatever it is annotated with. Use it with `EntitySwitch` in the legacy frontend; the new frontend system
 * applies it by itself.
 *
 * @public
 */
export function isChangeComplianceAvailable(entity: Entity): boolean {
  return (
    entity.kind.toLowerCase() !== 'group' &&
    serviceRepository(entity) !== undefined
  );
}
