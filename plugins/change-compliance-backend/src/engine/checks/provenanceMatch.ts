import { DeploymentEvidence, ProvenanceEvidence } from '../evidence';

/**
 * What the build provenance of a deployment's image says about the deployed commit, for
 * `artifact.traceable`. A false pass is the worst outcome, so:
 *
 * - a statement whose signature does not verify is evidence of tampering or of a foreign signer:
 *   the artefact is not traceable, whatever commit it names;
 * - a statement naming another commit contradicts the deployment, signed or not: the image was
 *   not built from what the record says was deployed (an unsigned claim can only make the check
 *   fail, never pass);
 * - statements naming the deployed commit confirm it; an unverified one is reported as such (it
 *   confirms no more than a deployment without provenance, which the check does not require);
 * - no statement, or statements that name no commit, leave the check to the commit and branch.
 */
export type ProvenanceFinding =
  | { kind: 'none' }
  | { kind: 'no-commit'; statements: ProvenanceEvidence[] }
  | { kind: 'signature-failed'; statement: ProvenanceEvidence }
  | { kind: 'other-commit'; statement: ProvenanceEvidence; commit: string }
  | { kind: 'matches'; verified: boolean; statements: ProvenanceEvidence[] };

/** Two SHAs name the same commit when one is the other or, abbreviated (7+), its prefix. */
export function sameCommit(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return true;
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  return short.length >= 7 && long.startsWith(short);
}

/** The statements that speak about the deployment's image, the pipeline's own report included. */
export function provenanceStatements(
  deployment: DeploymentEvidence,
): ProvenanceEvidence[] {
  if (!deployment.imageDigest) return [];
  const statements = [...(deployment.provenance ?? [])];
  if (deployment.provenanceCommitSha) {
    statements.push({
      source: 'deployment record',
      sourceCommit: deployment.provenanceCommitSha,
      verification: 'unverified',
      verificationNote: 'as the pipeline reported it, unsigned',
    });
  }
  return statements;
}

export function findProvenance(
  deployment: DeploymentEvidence,
): ProvenanceFinding {
  const statements = provenanceStatements(deployment);
  if (statements.length === 0) return { kind: 'none' };
  const failed = statements.find(s => s.verification === 'failed');
  if (failed) return { kind: 'signature-failed', statement: failed };
  const naming = statements.filter(s => s.sourceCommit);
  // Verified contradictions first: they are the strongest evidence to show.
  const contradicting = naming
    .filter(s => !sameCommit(s.sourceCommit!, deployment.commitSha))
    .sort(
      (a, b) =>
        Number(b.verification === 'verified') -
        Number(a.verification === 'verified'),
    )[0];
  if (contradicting) {
    return {
      kind: 'other-commit',
      statement: contradicting,
      commit: contradicting.sourceCommit!,
    };
  }
  if (naming.length === 0) return { kind: 'no-commit', statements };
  return {
    kind: 'matches',
    verified: naming.some(s => s.verification === 'verified'),
    statements: naming,
  };
}

/** How a statement's origin and signature read in a reason. */
export function describeStatement(statement: ProvenanceEvidence): string {
  const signature = {
    verified: 'signature verified',
    failed: `signature does not verify: ${statement.verificationNote}`,
    unverified: `signature not verified: ${statement.verificationNote}`,
  }[statement.verification];
  return `${statement.source}, ${signature}`;
}
