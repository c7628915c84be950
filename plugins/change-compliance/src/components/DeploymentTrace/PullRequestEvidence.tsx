import { TracePullRequest } from '@change-compliance/plugin-change-compliance-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { useSourceWebLinks } from '../../api/sourceWebLinks';
import { actorName } from '../../compliance/actorName';
import { formatUtc } from '../../compliance/formatTime';
import { ExternalLink } from './ExternalLink';
import { ReviewList } from './ReviewList';

function mergeText(pullRequest: TracePullRequest): string {
  if (!pullRequest.mergedAt) return 'not merged';
  return `merged by ${actorName(pullRequest.mergedBy)} at ${formatUtc(
    pullRequest.mergedAt,
  )}`;
}

/**
 * The pull request as stored: who wrote and who merged it, its labels (they can make a change an
 * emergency or automated one), an administrator override of the branch rules, and its reviews.
 */
export function PullRequestEvidence(props: { pullRequest: TracePullRequest }) {
  const { pullRequest } = props;
  const links = useSourceWebLinks();
  const href =
    pullRequest.url ??
    links.pullRequest(pullRequest.repository, pullRequest.number);
  return (
    <Box mb={1}>
      <Typography variant="body2">
        <ExternalLink href={href}>{pullRequest.title}</ExternalLink>
      </Typography>
      <Typography variant="body2" color="textSecondary">
        Authored by {actorName(pullRequest.author)}; {mergeText(pullRequest)}
      </Typography>
      <Box display="flex" flexWrap="wrap" my={0.5} style={{ gap: 4 }}>
        {pullRequest.mergedWithAdminOverride && (
          <Chip
            size="small"
            color="secondary"
            label="Merged with an administrator override"
          />
        )}
        {pullRequest.labels.map(label => (
          <Chip
            key={label}
            size="small"
            variant="outlined"
            label={label}
            aria-label={`Label ${label}`}
          />
        ))}
      </Box>
      <ReviewList pullRequest={pullRequest} />
    </Box>
  );
}
