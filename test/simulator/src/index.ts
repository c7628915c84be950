export * from './model';
export { createSimulator, MOUNTS } from './server/app';
export type { Simulator, SimulatorOptions } from './server/app';
export { DEMO_CREDENTIALS } from './server/credentials';
export type { SimulatorCredentials } from './server/credentials';
export type { FaultRule } from './server/faults';
export { parseScenario, buildOrganisation, scenarioSchema } from './scenario';
export type { ScenarioDocument } from './scenario';
export {
  generateDemoOrganisation,
  generateScenario,
  readDemoCatalog,
  MESSINESS,
} from './generator';
export { Random } from './generator/random';
