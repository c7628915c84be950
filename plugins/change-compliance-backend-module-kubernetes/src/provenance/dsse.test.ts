import crypto from 'node:crypto';
import { pae, verifyEnvelope } from './dsse';

const TYPE = 'application/vnd.in-toto+json';

function signedEnvelope(privateKey: crypto.KeyObject, payload: string) {
  const body = Buffer.from(payload);
  const algorithm =
    privateKey.asymmetricKeyType === 'ed25519' ? null : 'sha256';
  return {
    payload: body.toString('base64'),
    payloadType: TYPE,
    signatures: [
      {
        sig: crypto
          .sign(algorithm, pae(TYPE, body), privateKey)
          .toString('base64'),
      },
    ],
  };
}

const pem = (key: crypto.KeyObject) =>
  key.export({ type: 'spki', format: 'pem' }).toString();

describe('verifyEnvelope', () => {
  const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ed = crypto.generateKeyPairSync('ed25519');
  const keys = [
    { keyId: 'build', publicKey: pem(ec.publicKey) },
    { keyId: 'release', publicKey: pem(ed.publicKey) },
  ];
  const none = { certificate: false };

  it('encodes type and payload with their lengths (DSSE v1)', () => {
    expect(pae('a/b', Buffer.from('hello')).toString()).toBe(
      'DSSEv1 3 a/b 5 hello',
    );
  });

  it.each([
    [
      'an ECDSA signature of the named key',
      ec.privateKey,
      { keyHint: 'build', certificate: false },
      'verified',
      'signed with key build',
    ],
    [
      'an Ed25519 signature, no key named: any trusted key',
      ed.privateKey,
      none,
      'verified',
      'signed with key release',
    ],
    [
      'a signature of the wrong named key',
      ed.privateKey,
      { keyHint: 'build', certificate: false },
      'failed',
      'no signature verifies with key build',
    ],
    [
      'a key that is not configured',
      ec.privateKey,
      { keyHint: 'other', certificate: false },
      'unverified',
      'signed with key other, which is not configured',
    ],
    [
      'a Sigstore certificate',
      ec.privateKey,
      { certificate: true },
      'unverified',
      expect.stringMatching(/^signed with a Sigstore certificate/),
    ],
  ] as const)('%s', (_name, privateKey, material, verification, note) => {
    expect(
      verifyEnvelope(signedEnvelope(privateKey, '{"a":1}'), material, keys),
    ).toEqual({ verification, note });
  });

  it('fails a payload changed after signing', () => {
    const envelope = signedEnvelope(ec.privateKey, '{"commit":"aaaa"}');
    envelope.payload = Buffer.from('{"commit":"bbbb"}').toString('base64');
    expect(verifyEnvelope(envelope, none, keys).verification).toBe('failed');
  });

  it('reads an unsigned envelope or no keys as unverified', () => {
    const envelope = signedEnvelope(ec.privateKey, '{}');
    expect(verifyEnvelope({ ...envelope, signatures: [] }, none, keys)).toEqual(
      {
        verification: 'unverified',
        note: 'the envelope carries no signature',
      },
    );
    expect(verifyEnvelope(envelope, none, []).verification).toBe('unverified');
  });
});
