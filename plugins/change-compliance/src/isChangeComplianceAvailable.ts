import { Entity } from '@backstage/catalog-model';
import { GITHUB_PROJECT_SLUG_ANNOTATION } from '@change-compliance/plugin-change-compliance-common';

/**
 * Whether the Change Compliance tab belongs on an entity: it must name the repository its
 * changes come from. A group has its own tab (its services' scores) at the same path, whatever it
 * is annotated with. Use it with `EntitySwitch` in the legacy frontend; the new frontend system
 * applies it by itself.
 *
 * @public
 */
export function isChangeComplianceAvailable(entity: Entity): boolean {
  return (
    entity.kind.toLowerCase() !== 'group' &&
    Boolean(
      entity.metadata.annotations?.[GITHUB_PROJECT_SLUG_ANNOTATION]?.trim(),
    )
  );
}
