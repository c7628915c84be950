import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import {
  CheckId,
  CheckStatus,
} from '@change-compliance/plugin-change-compliance-common';
import Chip from '@material-ui/core/Chip';
import { ReactNode } from 'react';
import { CHECK_LABELS } from '../../compliance/checkVocabulary';

const STATUS_TEXT: Record<CheckStatus, string> = {
  pass: 'pass',
  fail: 'fail',
  pending: 'pending (emergency window open)',
  'not-applicable': 'not applicable',
};

function StatusDot(props: { status?: CheckStatus; children: ReactNode }) {
  switch (props.status) {
    case 'pass':
      return <StatusOK>{props.children}</StatusOK>;
    case 'fail':
      return <StatusError>{props.children}</StatusError>;
    case 'pending':
      return <StatusPending>{props.children}</StatusPending>;
    default:
      return <StatusAborted>{props.children}</StatusAborted>;
  }
}

/**
 * One check's status as a small chip. The colour is backed by text: the accessible name and the
 * tooltip say the check id and its status, for viewers and screen readers that do not see colour.
 */
export function CheckStatusChip(props: {
  checkId: CheckId;
  status?: CheckStatus;
}) {
  const { checkId, status } = props;
  const statusText = status ? STATUS_TEXT[status] : 'not evaluated';
  const description = `${checkId}: ${statusText}`;
  return (
    <Chip
      size="small"
      variant="outlined"
      title={description}
      aria-label={description}
      label={<StatusDot status={status}>{CHECK_LABELS[checkId]}</StatusDot>}
    />
  );
}
