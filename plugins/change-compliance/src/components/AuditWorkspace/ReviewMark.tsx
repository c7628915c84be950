import {
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import { AuditReviewMark } from '@change-compliance/plugin-change-compliance-common';
import Typography from '@material-ui/core/Typography';
import { formatUtc } from '../../compliance/formatTime';

export const CONCLUSION_LABELS: Record<AuditReviewMark['conclusion'], string> =
  {
    effective: 'Effective',
    exception: 'Exception',
  };

/** The auditor's conclusion on an item, or that there is none yet, as a status. */
export function ReviewStatus(props: { review?: AuditReviewMark }) {
  const { review } = props;
  if (!review) return <StatusPending>Not reviewed</StatusPending>;
  return review.conclusion === 'effective' ? (
    <StatusOK>Reviewed: {CONCLUSION_LABELS.effective}</StatusOK>
  ) : (
    <StatusError>Reviewed: {CONCLUSION_LABELS.exception}</StatusError>
  );
}

/** A review mark in full: conclusion, who, when, and the note, as stored. */
export function ReviewMark(props: { review: AuditReviewMark }) {
  const { review } = props;
  return (
    <div role="group" aria-label="Review mark">
      <ReviewStatus review={review} />
      <Typography variant="body2">
        By {review.reviewedBy} at {formatUtc(review.reviewedAt)}
      </Typography>
      <Typography variant="body2" style={{ whiteSpace: 'pre-wrap' }}>
        {review.note}
      </Typography>
    </div>
  );
}
