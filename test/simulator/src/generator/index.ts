import { Organisation } from '../model';
import { buildOrganisation } from '../scenario/build';
import { readDemoCatalog } from './catalog';
import { generateScenario, GeneratorOptions } from './history';
import { withKubernetesImages } from './images';

export { readDemoCatalog } from './catalog';
export type { GeneratorCatalog, CatalogService } from './catalog';
export { generateScenario, DEFAULT_RATES } from './history';
export type { GeneratorOptions } from './history';
export { MESSINESS } from './messiness';
export type { Messiness } from './messiness';
export {
  IMAGE_REGISTRY,
  PLANTED_MESSINESS,
  PRODUCTION_CLUSTER,
} from './images';

/** The demo organisation: the demo catalog's services with their generated history. */
export function generateDemoOrganisation(
  options: GeneratorOptions & { examplesDirectory: string },
): Organisation {
  const catalog = readDemoCatalog(options.examplesDirectory);
  return withKubernetesImages(
    buildOrganisation(generateScenario(catalog, options)),
    catalog.services,
  );
}
