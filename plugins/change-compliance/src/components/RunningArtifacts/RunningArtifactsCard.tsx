import { InfoCard } from '@backstage/core-components';
import {
  ArtifactException,
  RunningArtifactView,
} from '@change-compliance/plugin-change-compliance-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';

const shortDigest = (digest: string) => digest.slice(0, 19);

function RunningArtifact({ artifact }: { artifact: RunningArtifactView }) {
  return (
    <Box mb={1}>
      <Typography variant="body2">
        <strong>{artifact.workload}</strong> ({artifact.container}) in{' '}
        {artifact.cluster}/{artifact.namespace}: {artifact.image}{' '}
        <span title={artifact.digest}>{shortDigest(artifact.digest)}</span>
      </Typography>
      <Typography variant="caption" color="textSecondary">
        {artifact.deploymentId
          ? `Shipped by deployment ${artifact.deploymentId}`
          : 'Shipped by no production deployment'}
        {` · running since ${artifact.firstSeenAt}, last seen ${artifact.lastSeenAt}`}
      </Typography>
    </Box>
  );
}

/**
 * What production runs for the service, where a Kubernetes cluster reports it, and each running
 * image that no production deployment explains, as an exception of its own: it has no deployment
 * to judge, so it is not in the score.
 */
export function RunningArtifactsCard(props: {
  runningArtifacts: RunningArtifactView[];
  artifactExceptions: ArtifactException[];
}) {
  const { runningArtifacts, artifactExceptions } = props;
  if (runningArtifacts.length === 0) return null;
  return (
    <InfoCard
      title="Running in production"
      subheader="Images the service's pods run now, each joined by digest to the deployment that shipped it."
    >
      {artifactExceptions.map(exception => (
        <Box
          mb={2}
          key={`${exception.cluster}/${exception.namespace}/${exception.workload}/${exception.digest}`}
        >
          <Typography variant="body2" color="error" role="alert">
            {exception.reason}
          </Typography>
        </Box>
      ))}
      {runningArtifacts.map(artifact => (
        <RunningArtifact
          key={`${artifact.cluster}/${artifact.namespace}/${artifact.workload}/${artifact.container}/${artifact.digest}`}
          artifact={artifact}
        />
      ))}
    </InfoCard>
  );
}
