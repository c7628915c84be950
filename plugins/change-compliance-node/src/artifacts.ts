/*
 * What production runs and how it was built: the evidence behind step 6 of the control ("identify
 * the artefact that was deployed") beyond what a deployment record says of itself. A cluster
 * reports the images its pods run; a build system's attestations say which commit an image was
 * built from. Digests are `<algorithm>:<hex>`, e.g. `sha256:4f0c...`; times are UTC ISO-8601.
 */

/** One container of a service's workload as a cluster reported it at one sweep. */
export interface RunningArtifactObservation {
  serviceRef: string;
  /** The cluster's name in the portal's Kubernetes configuration. */
  cluster: string;
  namespace: string;
  /** What runs the pod: `Deployment/payments-api`, `StatefulSet/ledger`, or `Pod/<name>`. */
  workload: string;
  container: string;
  /** The image as the pod names it, `registry.example/payments-api:1.4.2`. */
  image: string;
  /** The digest the node resolved the image to (`containerStatuses[].imageID`). */
  digest: string;
  observedAt: string;
}

/** A running artefact as the store keeps it: when it was first and last seen running. */
export interface RunningArtifact {
  serviceRef: string;
  cluster: string;
  namespace: string;
  workload: string;
  container: string;
  image: string;
  digest: string;
  firstSeenAt: string;
  lastSeenAt: string;
  /** Whether the cluster's latest sweep still saw it. */
  running: boolean;
}

/**
 * Whether an attestation's signature was checked: `verified` against configured verification
 * material, `unverified` when there was none to check it with, `failed` when the signature does not
 * verify (the statement may have been altered, or signed by someone else).
 */
export type ProvenanceVerification = 'verified' | 'unverified' | 'failed';

/**
 * Build provenance of an image digest: an in-toto statement (SLSA provenance v1) about the digest,
 * as an attestation source (GitHub artifact attestations, ...) served it.
 */
export interface ArtifactProvenance {
  digest: string;
  /** The attestation source that served it, e.g. `github-attestations`. */
  source: string;
  /**
   * The statement's own id: the SHA-256 of its envelope's payload, so that several statements
   * about one digest are kept apart and re-reading one changes nothing.
   */
  statementId: string;
  predicateType: string;
  /** The repository the build's source came from, as the statement names it. */
  sourceRepository?: string;
  /** The commit the statement names as the build's source; absent when it names none. */
  sourceCommit?: string;
  /** The git ref the build ran on (`refs/heads/main`). */
  sourceRef?: string;
  /** Who built it: SLSA `runDetails.builder.id`. */
  builderId?: string;
  verification: ProvenanceVerification;
  /** Why the verification came out so: which key verified it, or what was missing or wrong. */
  verificationNote: string;
  /** Where a person can read the attestation. */
  url?: string;
  fetchedAt: string;
}

/** An image digest of a service that provenance is wanted for. */
export interface ArtifactDigest {
  serviceRef: string;
  digest: string;
  /** Whether the store holds provenance for it already. */
  provenanceKnown: boolean;
}
