import { OwnedService } from './ownedServices';

export type ServiceOrderKey = 'name' | 'score' | 'exceptions';
export type OrderDirection = 'asc' | 'desc';

export interface ServiceOrder {
  by: ServiceOrderKey;
  direction: OrderDirection;
}

/**
 * The direction a column sorts in when first picked: what a team lead looks for first, the worst
 * score and the most exceptions, and names alphabetically.
 */
export const FIRST_DIRECTION: Record<ServiceOrderKey, OrderDirection> = {
  name: 'asc',
  score: 'asc',
  exceptions: 'desc',
};

/** The view opens on the services that need attention. */
export const DEFAULT_ORDER: ServiceOrder = { by: 'score', direction: 'asc' };

/** Picking the sorted column again reverses it; picking another starts it in its first direction. */
export function nextOrder(
  current: ServiceOrder,
  by: ServiceOrderKey,
): ServiceOrder {
  if (current.by === by) {
    return { by, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  }
  return { by, direction: FIRST_DIRECTION[by] };
}

function byName(a: OwnedService, b: OwnedService) {
  return (
    a.displayName.localeCompare(b.displayName) ||
    a.entityRef.localeCompare(b.entityRef)
  );
}

/**
 * The services in the chosen order; ties go by name, so the order is the same on every load.
 * A service with nothing scored has no score to rank: it goes last in either direction rather
 * than passing for 0% or 100%.
 */
export function orderServices(
  services: OwnedService[],
  order: ServiceOrder,
): OwnedService[] {
  const sign = order.direction === 'asc' ? 1 : -1;
  return [...services].sort((a, b) => {
    if (order.by === 'name') return sign * byName(a, b);
    if (order.by === 'exceptions') {
      return (
        sign * (a.summary.exceptions - b.summary.exceptions) || byName(a, b)
      );
    }
    const [sa, sb] = [a.summary.score, b.summary.score];
    if (sa === null || sb === null) {
      return (sa === null ? 1 : 0) - (sb === null ? 1 : 0) || byName(a, b);
    }
    return sign * (sa - sb) || byName(a, b);
  });
}
