import crypto from 'node:crypto';
import { ArtifactProvenance } from '@change-compliance/plugin-change-compliance-node';
import { Attestation } from './attestationsResponse';
import { TrustedKey, verifyEnvelope } from './dsse';
import { readBuildSource } from './slsaProvenance';

const IN_TOTO = 'application/vnd.in-toto+json';

/**
 * An attestation as the store keeps provenance: the build source its statement names, and whether
 * its signature verified. Undefined for an attestation that is not build provenance of `digest`
 * (another predicate, another subject) or carries no inline bundle.
 */
export function provenanceOf(
  attestation: Attestation,
  context: {
    digest: string;
    source: string;
    keys: TrustedKey[];
    fetchedAt: string;
  },
): ArtifactProvenance | undefined {
  const envelope = attestation.bundle?.dsseEnvelope;
  if (!envelope || envelope.payloadType !== IN_TOTO) return undefined;
  const payload = Buffer.from(envelope.payload, 'base64');
  let statement: unknown;
  try {
    statement = JSON.parse(payload.toString('utf8'));
  } catch {
    return undefined;
  }
  const build = readBuildSource(statement, context.digest);
  if (!build) return undefined;
  const material = attestation.bundle?.verificationMaterial;
  const { verification, note } = verifyEnvelope(
    envelope,
    {
      keyHint: material?.publicKey?.hint,
      certificate: Boolean(
        material?.certificate ?? material?.x509CertificateChain,
      ),
    },
    context.keys,
  );
  return {
    digest: context.digest,
    source: context.source,
    statementId: crypto.createHash('sha256').update(payload).digest('hex'),
    predicateType: build.predicateType,
    sourceRepository: build.sourceRepository,
    sourceCommit: build.sourceCommit,
    sourceRef: build.sourceRef,
    builderId: build.builderId,
    verification,
    verificationNote: note,
    ...(attestation.bundle_url ? { url: attestation.bundle_url } : {}),
    fetchedAt: context.fetchedAt,
  };
}
