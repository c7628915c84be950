export * from './model';
export { createSimulator, MOUNTS } from './server/app';
export type { Simulator, SimulatorOptions } from './server/app';
export { DEMO_CREDENTIALS } from './server/credentials';
export { GITLAB_DEMO_TOKEN } from './server/gitlab/credentials';
export type { SimulatorCredentials } from './server/credentials';
export type { FaultRule } from './server/faults';
export { KUBERNETES_DEMO_TOKEN } from './server/kubernetes/credentials';
export {
  DEMO_ATTESTATION_KEY_ID,
  DEMO_ATTESTATION_PUBLIC_KEY,
} from './server/github/attestations';
export { ARGOCD_DEMO_CREDENTIALS } from './server/argocd';
export type {
  ArgoCdCredentials,
  ArgoCdInstanceCredentials,
} from './server/argocd';
export { parseScenario, buildOrganisation, scenarioSchema } from './scenario';
export type { ScenarioDocument } from './scenario';
export {
  generateDemoOrganisation,
  generateScenario,
  readDemoCatalog,
  MESSINESS,
} from './generator';
export { Random } from './generator/random';
