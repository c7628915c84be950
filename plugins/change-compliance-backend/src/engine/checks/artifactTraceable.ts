import { CheckResult } from '@change-compliance/plugin-change-compliance-common';
import { ChangePolicy } from '../../policy/ChangePolicy';
import { DeploymentEvaluationInput } from '../evidence';
import { matchesAnyGlob } from '../paths';
import { describeStatement, findProvenance } from './provenanceMatch';

/** The policy's production branches with `$default` resolved to the repository's default branch. */
export function allowedBranches(
  policy: ChangePolicy,
  defaultBranch: string,
): string[] {
  return policy.productionBranches.map(b =>
    b === '$default' ? defaultBranch : b,
  );
}

/**
 * `artifact.traceable` (per deployment): the deployed commit exists in the service's repository,
 * is reachable from a branch allowed for production, and matches the image's build provenance
 * where there is one.
 */
export function checkArtifactTraceable(
  input: DeploymentEvaluationInput,
  policy: ChangePolicy,
): CheckResult {
  const { deployment, repository } = input;
  const base = { checkId: 'artifact.traceable' as const };
  const refs = [
    `deployment:${deployment.id}`,
    `commit:${repository.slug}@${deployment.commitSha}`,
  ];
  if (!/^[0-9a-f]{7,64}$/i.test(deployment.commitSha ?? '')) {
    return {
      ...base,
      status: 'fail',
      reason:
        'The deployment record names no commit SHA, so the artefact cannot be traced.',
      evidenceRefs: [`deployment:${deployment.id}`],
    };
  }
  if (!repository.commitExists) {
    return {
      ...base,
      status: 'fail',
      reason: `Commit ${deployment.commitSha} does not exist in ${repository.slug}.`,
      evidenceRefs: refs,
    };
  }
  const allowed = allowedBranches(policy, repository.defaultBranch);
  const onAllowed = repository.branchesContainingCommit.filter(b =>
    matchesAnyGlob(b, allowed),
  );
  if (onAllowed.length === 0) {
    const seen = repository.branchesContainingCommit.join(', ') || 'no branch';
    return {
      ...base,
      status: 'fail',
      reason: `Commit ${
        deployment.commitSha
      } is not reachable from a branch allowed for production (${allowed.join(
        ', ',
      )}); it is on ${seen}.`,
      evidenceRefs: refs,
    };
  }
  const onBranch = `Commit ${deployment.commitSha} is in ${
    repository.slug
  } on ${onAllowed.join(', ')}`;
  const provenance = findProvenance(deployment);
  const image = `Image ${deployment.imageDigest}`;
  switch (provenance.kind) {
    case 'signature-failed':
      return {
        ...base,
        status: 'fail',
        reason: `${image} has a build provenance statement whose signature does not verify (${provenance.statement.verificationNote}), so what it was built from is not known.`,
        evidenceRefs: [...refs, ...statementRefs(provenance.statement)],
      };
    case 'other-commit':
      return {
        ...base,
        status: 'fail',
        reason: `${image} was built from commit ${
          provenance.commit
        } per its build provenance (${describeStatement(
          provenance.statement,
        )}), not from the deployed commit ${deployment.commitSha}.`,
        evidenceRefs: [...refs, ...statementRefs(provenance.statement)],
      };
    case 'matches':
      return {
        ...base,
        status: 'pass',
        reason: provenance.verified
          ? `${onBranch}, and the build provenance of ${deployment.imageDigest} names it, signature verified.`
          : `${onBranch}; the build provenance of ${deployment.imageDigest} names it too, but its signature was not verified (${provenance.statements[0].verificationNote}).`,
        evidenceRefs: [
          ...refs,
          ...provenance.statements.flatMap(statementRefs),
        ],
      };
    case 'no-commit':
      return {
        ...base,
        status: 'pass',
        reason: `${onBranch}; the build provenance of ${deployment.imageDigest} names no source commit to compare.`,
        evidenceRefs: refs,
      };
    default:
      return {
        ...base,
        status: 'pass',
        reason: `${onBranch}.`,
        evidenceRefs: refs,
      };
  }
}

/** Where an auditor reads a statement, when its source gave a link. */
function statementRefs(statement: { url?: string }): string[] {
  return statement.url ? [`provenance:${statement.url}`] : [];
}
