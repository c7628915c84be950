import {
  TracePullRequest,
  TraceReview,
} from '@change-compliance/plugin-change-compliance-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { actorName } from '../../compliance/actorName';
import { formatUtc, shortSha } from '../../compliance/formatTime';
import { EvidenceTable } from './EvidenceTable';
import { ReviewStateChip } from './ReviewStateChip';

/**
 * Which commit a review was given on. An approval of an earlier commit than the final head is
 * stale: what was merged is not what was approved.
 */
function ReviewedCommit(props: { review: TraceReview; headSha: string }) {
  const { commitId } = props.review;
  if (!commitId) return <>not recorded</>;
  if (commitId === props.headSha) return <>Head commit</>;
  return <span title={commitId}>Earlier commit {shortSha(commitId)}</span>;
}

/** The reviews of a pull request, each with its state, time and the commit it was given on. */
export function ReviewList(props: { pullRequest: TracePullRequest }) {
  const { repository, number, reviews, headSha } = props.pullRequest;
  if (reviews.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No reviews.
      </Typography>
    );
  }
  return (
    <EvidenceTable
      label={`Reviews of ${repository}#${number}`}
      columns={['Reviewer', 'State', 'Submitted', 'Commit']}
      rows={reviews.map((review, index) => ({
        key: `${index}-${review.reviewer.login}`,
        cells: [
          actorName(review.reviewer),
          <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
            <ReviewStateChip state={review.state} />
            {/* A dismissed approval keeps its state upstream; it no longer counts. */}
            {review.dismissed && review.state !== 'DISMISSED' && (
              <Chip size="small" label="Dismissed" />
            )}
          </Box>,
          review.submittedAt ? formatUtc(review.submittedAt) : 'not submitted',
          <ReviewedCommit review={review} headSha={headSha} />,
        ],
      }))}
    />
  );
}
