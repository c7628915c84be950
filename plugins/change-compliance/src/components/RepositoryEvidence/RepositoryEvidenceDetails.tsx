import { RepositoryEvidence } from '@change-compliance/plugin-change-compliance-common';
import Typography from '@material-ui/core/Typography';
import { BranchProtection } from './BranchProtection';
import { productionBranches } from './productionBranches';

/**
 * The repository, its default branch, each production branch's protection, and the environment
 * protection the store does not record yet.
 */
export function RepositoryEvidenceDetails(props: {
  evidence: RepositoryEvidence;
}) {
  const { evidence } = props;
  const branches = productionBranches(evidence);
  return (
    <>
      <Typography variant="body1" paragraph>
        Repository <strong>{evidence.repository}</strong>, default branch{' '}
        <strong>{evidence.defaultBranch ?? 'unknown'}</strong>. Production is
        deployed from: {evidence.productionBranches.join(', ') || 'no branch'}.
      </Typography>
      {branches.length ? (
        branches.map(branch => (
          <BranchProtection key={branch.branch} productionBranch={branch} />
        ))
      ) : (
        <Typography variant="body2" paragraph>
          No recorded branch is one production is deployed from.
        </Typography>
      )}
      {/* Kept visible while the API lacks it, so its absence reads as a gap, not as a pass. */}
      <Typography variant="body2">
        Environment protection: not recorded yet
      </Typography>
    </>
  );
}
