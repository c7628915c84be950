import { AuditPopulation } from '@change-compliance/plugin-change-compliance-common';
import { AsyncState } from 'react-use/esm/useAsyncFn';

/** Why no sample can be drawn from the scope as it stands, or undefined when one can. */
export function drawBlocked(
  population: AsyncState<AuditPopulation | undefined> | undefined,
): string | undefined {
  if (!population) return 'Choose a valid period first.';
  if (population.loading) return 'Counting the population…';
  if (population.error || !population.value) {
    return 'The population could not be counted, so no sample can be drawn from it.';
  }
  if (population.value.total === 0) {
    return 'Nothing to sample: no production deployments in this period and scope.';
  }
  return undefined;
}
