import { Organisation } from '../model';
import { buildOrganisation } from '../scenario/build';
import { readDemoCatalog } from './catalog';
import { generateScenario, GeneratorOptions } from './history';

export { readDemoCatalog } from './catalog';
export type { GeneratorCatalog, CatalogService } from './catalog';
export { generateScenario, DEFAULT_RATES } from './history';
export type { GeneratorOptions } from './history';
export { MESSINESS } from './messiness';
export type { Messiness } from './messiness';

/** The demo organisation: the demo catalog's services with their generated history. */
export function generateDemoOrganisation(
  options: GeneratorOptions & { examplesDirectory: string },
): Organisation {
  return buildOrganisation(
    generateScenario(readDemoCatalog(options.examplesDirectory), options),
  );
}
