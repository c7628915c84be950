import crypto from 'node:crypto';
import { ProvenanceVerification } from '@change-compliance/plugin-change-compliance-node';

/** A public key that the portal trusts to sign build provenance, with the id bundles name it by. */
export interface TrustedKey {
  keyId: string;
  /** PEM (SPKI): ECDSA P-256/P-384, Ed25519 or RSA. */
  publicKey: string;
}

export interface DsseEnvelope {
  payload: string;
  payloadType: string;
  signatures: { sig: string; keyid?: string }[];
}

/** What a Sigstore bundle says about how it was signed. */
export interface VerificationMaterial {
  /** The key the signer says it used (`verificationMaterial.publicKey.hint`). */
  keyHint?: string;
  /** Whether it carries a Sigstore (Fulcio) certificate instead of naming a key. */
  certificate: boolean;
}

/** DSSE's pre-authentication encoding: what is signed, binding the payload to its type. */
export function pae(payloadType: string, payload: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(
      `DSSEv1 ${Buffer.byteLength(payloadType)} ${payloadType} ${
        payload.length
      } `,
    ),
    payload,
  ]);
}

function verifies(key: TrustedKey, signed: Buffer, signature: string): boolean {
  try {
    const publicKey = crypto.createPublicKey(key.publicKey);
    // Ed25519 hashes internally; the others sign a SHA-256 digest.
    const algorithm =
      publicKey.asymmetricKeyType === 'ed25519' ? null : 'sha256';
    return crypto.verify(
      algorithm,
      signed,
      publicKey,
      Buffer.from(signature, 'base64'),
    );
  } catch {
    return false;
  }
}

/**
 * Checks a DSSE envelope's signatures against the trusted keys. `verified` needs a signature that
 * one of them verifies; `failed` is a signature that the key it names (or, naming none, every
 * trusted key) does not verify: the statement was altered or signed by someone else. Where there
 * is nothing to check with, the statement is `unverified`, and the note says why: it then counts
 * for no more than its claim (see artifact.traceable).
 */
export function verifyEnvelope(
  envelope: DsseEnvelope,
  material: VerificationMaterial,
  keys: TrustedKey[],
): { verification: ProvenanceVerification; note: string } {
  if (envelope.signatures.length === 0) {
    return {
      verification: 'unverified',
      note: 'the envelope carries no signature',
    };
  }
  if (keys.length === 0) {
    return {
      verification: 'unverified',
      note: 'no public key is configured to verify it',
    };
  }
  const named =
    material.keyHint ?? envelope.signatures.find(s => s.keyid)?.keyid;
  let candidates = keys;
  if (named) {
    candidates = keys.filter(k => k.keyId === named);
    if (candidates.length === 0) {
      return {
        verification: 'unverified',
        note: `signed with key ${named}, which is not configured`,
      };
    }
  } else if (material.certificate) {
    return {
      verification: 'unverified',
      note: 'signed with a Sigstore certificate, whose chain is not checked here (configure the signing public key, or verify with `gh attestation verify`)',
    };
  }
  const signed = pae(
    envelope.payloadType,
    Buffer.from(envelope.payload, 'base64'),
  );
  for (const key of candidates) {
    if (envelope.signatures.some(s => verifies(key, signed, s.sig))) {
      return { verification: 'verified', note: `signed with key ${key.keyId}` };
    }
  }
  return {
    verification: 'failed',
    note: `no signature verifies with key ${candidates
      .map(k => k.keyId)
      .join(', ')}`,
  };
}
