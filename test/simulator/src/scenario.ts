import YAML from 'yaml';
import { Organisation } from './model';
import { buildOrganisation } from './scenario/build';
import { scenarioSchema } from './scenario/schema';

export { buildOrganisation } from './scenario/build';
export { scenarioSchema } from './scenario/schema';
export type { ScenarioDocument } from './scenario/schema';

/**
 * Reads a scenario file's text (YAML, or JSON, which is YAML too) into the organisation it
 * describes. A mistake names the place: `repositories.0.pullRequests.2.mergedAt: Invalid ISO datetime`.
 */
export function parseScenario(source: string): Organisation {
  let document: unknown;
  try {
    document = YAML.parse(source);
  } catch (error) {
    throw new Error(`Invalid scenario: not YAML: ${(error as Error).message}`);
  }
  const parsed = scenarioSchema.safeParse(document);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map(i => `${i.path.join('.') || '(document)'}: ${i.message}`);
    throw new Error(`Invalid scenario: ${issues.join('; ')}`);
  }
  return buildOrganisation(parsed.data);
}
