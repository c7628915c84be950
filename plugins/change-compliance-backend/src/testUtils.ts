/**
 * The real evidence store, evaluation and sink, for integration tests of provider modules (a
 * module's test syncs from a simulated upstream into a real store and checks the verdicts the
 * real engine draws from what it wrote) and for the benchmarks in test/bench.
 *
 * @packageDocumentation
 */

export { KnexEvidenceStore } from './database/KnexEvidenceStore';
export { StoreEvidenceSink } from './providers/StoreEvidenceSink';
export { evaluateService } from './evaluation/ServiceEvaluator';
export { SERVICES_AT_ONCE } from './evaluation/servicesAtOnce';
export type { ServiceToEvaluate } from './evaluation/ServiceEvaluator';
export { CatalogIdentities } from './evaluation/CatalogIdentities';
export { DEFAULT_POLICY } from './policy/ChangePolicy';
export { readPolicy } from './policy/readPolicy';
export type { ChangePolicy } from './policy/ChangePolicy';
export { summarise } from './service/summary';
