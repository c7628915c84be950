import { CheckStatus } from '@change-compliance/plugin-change-compliance-common';
import { baseline, basePolicy, HEAD, MERGE } from '../__testUtils__/baseline';
import { ProvenanceEvidence } from '../evidence';
import { checkArtifactTraceable } from './artifactTraceable';

const DIGEST = `sha256:${'4f0c'.repeat(16)}`;

function statement(
  overrides: Partial<ProvenanceEvidence> = {},
): ProvenanceEvidence {
  return {
    source: 'github-attestations',
    sourceCommit: MERGE,
    sourceRepository: 'https://github.com/northwind/payments-api',
    verification: 'verified',
    verificationNote: 'ECDSA P-256 key demo-build-key',
    url: 'https://github.example/northwind/payments-api/attestations/1',
    ...overrides,
  };
}

/**
 * `artifact.traceable` against the image's build provenance, case by case. The deployed commit
 * (MERGE) is in the repository on main throughout, so only the provenance decides.
 */
const cases: Array<{
  name: string;
  imageDigest?: string;
  provenance?: ProvenanceEvidence[];
  reportedByPipeline?: string;
  status: CheckStatus;
  reason: RegExp;
}> = [
  {
    name: 'no image: the commit and branch decide',
    provenance: [statement({ sourceCommit: HEAD })],
    status: 'pass',
    reason: new RegExp(
      `^Commit ${MERGE} is in northwind/payments-api on main\\.$`,
    ),
  },
  {
    name: 'an image without provenance: the commit and branch decide',
    imageDigest: DIGEST,
    status: 'pass',
    reason: /on main\.$/,
  },
  {
    name: 'verified provenance naming the deployed commit',
    imageDigest: DIGEST,
    provenance: [statement()],
    status: 'pass',
    reason: /build provenance of sha256:4f0c\S+ names it, signature verified/,
  },
  {
    name: 'verified provenance naming the deployed commit abbreviated',
    imageDigest: DIGEST,
    provenance: [statement({ sourceCommit: MERGE.slice(0, 12) })],
    status: 'pass',
    reason: /signature verified/,
  },
  {
    name: 'verified provenance naming another commit: fails, naming both commits',
    imageDigest: DIGEST,
    provenance: [statement({ sourceCommit: HEAD })],
    status: 'fail',
    reason: new RegExp(
      `built from commit ${HEAD} per its build provenance \\(github-attestations, signature verified\\), not from the deployed commit ${MERGE}`,
    ),
  },
  {
    name: 'unverified provenance naming another commit still fails: an unsigned claim never makes a pass',
    imageDigest: DIGEST,
    provenance: [
      statement({
        sourceCommit: HEAD,
        verification: 'unverified',
        verificationNote: 'no key configured for github-attestations',
      }),
    ],
    status: 'fail',
    reason: new RegExp(
      `built from commit ${HEAD} .*signature not verified: no key configured.*deployed commit ${MERGE}`,
    ),
  },
  {
    name: 'unverified provenance naming the deployed commit passes as without provenance, and says so',
    imageDigest: DIGEST,
    provenance: [
      statement({
        verification: 'unverified',
        verificationNote: 'no key configured for github-attestations',
      }),
    ],
    status: 'pass',
    reason:
      /names it too, but its signature was not verified \(no key configured/,
  },
  {
    name: 'provenance whose signature does not verify fails, even naming the deployed commit',
    imageDigest: DIGEST,
    provenance: [
      statement({
        verification: 'failed',
        verificationNote: 'signature does not match key demo-build-key',
      }),
    ],
    status: 'fail',
    reason: /signature does not verify \(signature does not match key/,
  },
  {
    name: 'one statement for the deployed commit and one for another: the contradiction fails',
    imageDigest: DIGEST,
    provenance: [
      statement(),
      statement({ sourceCommit: HEAD, verification: 'unverified' }),
    ],
    status: 'fail',
    reason: new RegExp(`built from commit ${HEAD}`),
  },
  {
    name: 'provenance naming no commit leaves the commit and branch to decide',
    imageDigest: DIGEST,
    provenance: [statement({ sourceCommit: undefined })],
    status: 'pass',
    reason: /names no source commit to compare/,
  },
  {
    name: 'the commit the pipeline reported from the provenance, when it differs, fails',
    imageDigest: DIGEST,
    reportedByPipeline: HEAD,
    status: 'fail',
    reason: new RegExp(
      `built from commit ${HEAD} per its build provenance \\(deployment record, signature not verified`,
    ),
  },
];

describe('artifact.traceable and build provenance', () => {
  it.each(cases.map(c => [c.name, c] as const))('%s', (_name, c) => {
    const input = baseline();
    input.deployment.imageDigest = c.imageDigest;
    input.deployment.provenance = c.provenance;
    input.deployment.provenanceCommitSha = c.reportedByPipeline;

    const result = checkArtifactTraceable(input, basePolicy());

    expect(result.status).toBe(c.status);
    expect(result.reason).toMatch(c.reason);
  });

  it('judges the branch before the provenance: a commit off the allowed branches fails for that', () => {
    const input = baseline();
    input.repository.branchesContainingCommit = ['feature/x'];
    input.deployment.imageDigest = DIGEST;
    input.deployment.provenance = [statement()];

    expect(checkArtifactTraceable(input, basePolicy()).reason).toMatch(
      /not reachable from a branch allowed for production/,
    );
  });
});
