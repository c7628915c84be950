import crypto from 'node:crypto';
import express from 'express';
import { GITHUB_WEB, ImageAttestation, repositorySlug } from '../../model';
import { SimulatorContext } from '../context';

/**
 * The key the simulated build system signs its attestations with. A demo key, fixed so that the
 * portal's configuration can name its public half; it signs nothing outside the simulator.
 */
const DEMO_SIGNING_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgGOZSesVpdPDnrvSd
D1zj6XA+VPnvgUleiPRar0UTknihRANCAATGsvlKeOxv5xxigzc5mUJ7a36QA/3Y
1B8RjXx/EGhAdOKIa5xy3mymaZnGavFljcx1vdb73aALo6QcHt+Qd3B/
-----END PRIVATE KEY-----
`;

/** The public half of the simulator's signing key: what verifies its attestations. */
export const DEMO_ATTESTATION_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAExrL5Snjsb+ccYoM3OZlCe2t+kAP9
2NQfEY18fxBoQHTiiGucct5spmmZxmrxZY3Mdb3W+92gC6OkHB7fkHdwfw==
-----END PUBLIC KEY-----
`;

/** The key id the simulator's bundles name in their verification material. */
export const DEMO_ATTESTATION_KEY_ID = 'northwind-build-key';

const IN_TOTO = 'application/vnd.in-toto+json';

/** DSSE's pre-authentication encoding: what is signed, type and body bound together. */
function pae(payloadType: string, payload: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(
      `DSSEv1 ${Buffer.byteLength(payloadType)} ${payloadType} ${
        payload.length
      } `,
    ),
    payload,
  ]);
}

/** The in-toto statement (SLSA provenance v1) of an image, as GitHub Actions' builds write it. */
function statement(attestation: ImageAttestation, web: string) {
  const repositoryUrl = `${web}/${attestation.repository}`;
  const [hash, hex] = attestation.image.digest.split(':');
  return {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: attestation.image.repository, digest: { [hash]: hex } }],
    predicateType: 'https://slsa.dev/provenance/v1',
    predicate: {
      buildDefinition: {
        buildType: 'https://actions.github.io/buildtypes/workflow/v1',
        externalParameters: {
          workflow: {
            ref: attestation.sourceRef,
            repository: repositoryUrl,
            path: '.github/workflows/release.yml',
          },
        },
        internalParameters: {
          github: { event_name: 'push', runner_environment: 'github-hosted' },
        },
        resolvedDependencies: [
          {
            uri: `git+${repositoryUrl}@${attestation.sourceRef}`,
            digest: { gitCommit: attestation.sourceCommit },
          },
        ],
      },
      runDetails: {
        builder: {
          id: `${web}/${attestation.repository}/.github/workflows/release.yml@${attestation.sourceRef}`,
        },
        metadata: {
          invocationId: `${repositoryUrl}/actions/runs/${
            Date.parse(attestation.builtAt) / 1000
          }`,
        },
      },
    },
  };
}

/** A Sigstore bundle holding the statement in a DSSE envelope signed with the demo key. */
export function signedBundle(attestation: ImageAttestation, web: string) {
  const payload = Buffer.from(JSON.stringify(statement(attestation, web)));
  const sig = crypto.sign(
    'sha256',
    pae(IN_TOTO, payload),
    crypto.createPrivateKey(DEMO_SIGNING_KEY),
  );
  return {
    mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    verificationMaterial: {
      publicKey: { hint: DEMO_ATTESTATION_KEY_ID },
      tlogEntries: [],
      timestampVerificationData: {},
    },
    dsseEnvelope: {
      payload: payload.toString('base64'),
      payloadType: IN_TOTO,
      signatures: [{ sig: sig.toString('base64'), keyid: '' }],
    },
  };
}

/**
 * GitHub's artifact attestations of a repository: `GET /repos/{owner}/{repo}/attestations/
 * {subject_digest}`, each with its Sigstore bundle inline.
 */
export function githubAttestationsRouter(
  context: SimulatorContext,
): express.Router {
  const router = express.Router();
  router.get('/repos/:owner/:repo/attestations/:subjectDigest', (req, res) => {
    const organisation = context.organisation();
    const slug = `${req.params.owner}/${req.params.repo}`;
    const repository = organisation.repositories.find(
      r => repositorySlug(r).toLowerCase() === slug.toLowerCase(),
    );
    if (!repository) {
      res.status(404).json({
        message: 'Not Found',
        documentation_url:
          'https://docs.github.com/rest/repos/repos#list-attestations',
        status: '404',
      });
      return;
    }
    const repositoryId = organisation.repositories.indexOf(repository) + 1;
    const found = (organisation.attestations ?? []).filter(
      a =>
        a.repository.toLowerCase() === slug.toLowerCase() &&
        a.image.digest === req.params.subjectDigest,
    );
    res.json({
      attestations: found.map((attestation, i) => ({
        bundle: signedBundle(attestation, GITHUB_WEB),
        repository_id: repositoryId,
        bundle_url: `${context.baseUrl()}/attestations/${repositoryId}/${encodeURIComponent(
          attestation.image.digest,
        )}/${i}`,
      })),
    });
  });
  return router;
}
