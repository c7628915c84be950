import { CheckResult } from '@change-compliance/plugin-change-compliance-common';
import { ChangePolicy } from '../../policy/ChangePolicy';
import { DeploymentEvaluationInput } from '../evidence';
import { matchesAnyGlob } from '../paths';

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
  if (
    deployment.imageDigest &&
    deployment.provenanceCommitSha &&
    deployment.provenanceCommitSha !== deployment.commitSha
  ) {
    return {
      ...base,
      status: 'fail',
      reason: `Image ${deployment.imageDigest} was built from ${deployment.provenanceCommitSha} per its provenance, not from the deployed commit ${deployment.commitSha}.`,
      evidenceRefs: refs,
    };
  }
  return {
    ...base,
    status: 'pass',
    reason: `Commit ${deployment.commitSha} is in ${
      repository.slug
    } on ${onAllowed.join(', ')}.`,
    evidenceRefs: refs,
  };
}
