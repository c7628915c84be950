import { TraceDirectCommit } from '@change-compliance/plugin-change-compliance-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useSourceWebLinks } from '../../api/sourceWebLinks';
import { actorName } from '../../compliance/actorName';
import { formatUtc, shortSha } from '../../compliance/formatTime';
import { ExternalLink } from './ExternalLink';

/**
 * A commit that reached the branch without a pull request: nobody reviewed it, so what it says
 * and who pushed it when is all the evidence there is.
 */
export function DirectCommitEvidence(props: { commit: TraceDirectCommit }) {
  const { commit } = props;
  const links = useSourceWebLinks();
  return (
    <Box mb={1}>
      <Typography variant="body2">
        <ExternalLink href={links.commit(commit.repository, commit.sha)}>
          {shortSha(commit.sha)}
        </ExternalLink>{' '}
        {commit.subject}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        Committed by {actorName(commit.author)} at{' '}
        {formatUtc(commit.committedAt)}, without a pull request
      </Typography>
    </Box>
  );
}
