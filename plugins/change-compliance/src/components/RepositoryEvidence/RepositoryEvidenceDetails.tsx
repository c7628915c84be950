import { RepositoryEvidence } from '@change-compliance/plugin-change-compliance-common';
import Typography from '@material-ui/core/Typography';
import { BranchProtection } from './BranchProtection';
import { EnvironmentsProtection } from './EnvironmentsProtection';
import { productionBranches } from './productionBranches';

/**
 * The repository, its default branch, each production branch's protection, and the protection
 * of its deployment environments.
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
      <EnvironmentsProtection evidence={evidence} />
    </>
  );
}
