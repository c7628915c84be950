import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import { CheckStatus } from '@change-compliance/plugin-change-compliance-common';

/**
 * A testing step's finding in words; the colour only repeats them. A step is pending while an
 * emergency change's window is open or while a check has no result yet: its checks say which.
 */
export const STEP_STATUS_TEXT: Record<CheckStatus, string> = {
  pass: 'Pass',
  fail: 'Fail',
  pending: 'Pending',
  'not-applicable': 'Not applicable',
};

export function StepStatus(props: { status?: CheckStatus }) {
  const { status } = props;
  switch (status) {
    case 'pass':
      return <StatusOK>{STEP_STATUS_TEXT.pass}</StatusOK>;
    case 'fail':
      return <StatusError>{STEP_STATUS_TEXT.fail}</StatusError>;
    case 'pending':
      return <StatusPending>{STEP_STATUS_TEXT.pending}</StatusPending>;
    case 'not-applicable':
      return (
        <StatusAborted>{STEP_STATUS_TEXT['not-applicable']}</StatusAborted>
      );
    default:
      return <StatusAborted>Not evaluated yet</StatusAborted>;
  }
}
