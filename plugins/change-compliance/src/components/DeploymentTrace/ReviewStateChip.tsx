import { TraceReview } from '@change-compliance/plugin-change-compliance-common';
import Chip from '@material-ui/core/Chip';

const REVIEW_STATES: Record<TraceReview['state'], string> = {
  APPROVED: 'Approved',
  CHANGES_REQUESTED: 'Changes requested',
  COMMENTED: 'Commented',
  DISMISSED: 'Dismissed',
  PENDING: 'Pending',
};

/**
 * A review's state as GitHub records it. Only an approval can count towards `review.independent`,
 * so approvals stand out; the text carries the state for those who do not see colour.
 */
export function ReviewStateChip(props: { state: TraceReview['state'] }) {
  return (
    <Chip
      size="small"
      variant="outlined"
      color={props.state === 'APPROVED' ? 'primary' : 'default'}
      label={REVIEW_STATES[props.state] ?? props.state}
    />
  );
}
