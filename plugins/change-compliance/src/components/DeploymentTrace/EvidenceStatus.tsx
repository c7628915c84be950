import { Progress } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';

/**
 * How the reading of the stored evidence went, said once for the whole change set. The evidence
 * is read apart from the verdict, so when it cannot be read the checks' reasons and the record
 * still stand; this says only what is missing.
 */
export function EvidenceStatus(props: {
  deploymentId: string;
  loading: boolean;
  error?: Error;
}) {
  const { deploymentId, loading, error } = props;
  if (loading) {
    return <Progress aria-label={`Loading the evidence of ${deploymentId}`} />;
  }
  if (!error) return null;
  return (
    <Typography variant="body2" color="error" role="alert" gutterBottom>
      Could not load the pull requests, reviews, tickets and approvals of{' '}
      {deploymentId}: {error.message}
    </Typography>
  );
}
