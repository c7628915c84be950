/**
 * Change Compliance evidence of what production runs: images running in the portal's Kubernetes
 * clusters, and their build provenance from GitHub's artifact attestations.
 *
 * @packageDocumentation
 */

export { changeComplianceModuleKubernetes as default } from './module';
export { RunningArtifactSource } from './RunningArtifactSource';
export type { RunningArtifactSourceOptions } from './RunningArtifactSource';
export { GithubAttestationSource } from './provenance/GithubAttestationSource';
export type { GithubAttestationSourceOptions } from './provenance/GithubAttestationSource';
export type { TrustedKey } from './provenance/dsse';
export type { KubernetesService } from './clusters/kubernetesServices';
export type { KubernetesCluster } from './clusters/readClusters';
