import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import { DeploymentVerdict } from '@change-compliance/plugin-change-compliance-common';

/**
 * A deployment's verdict in the auditor's words. Pending only happens while an emergency change's
 * retrospective window is open, so it says so.
 */
export function VerdictChip(props: { verdict?: DeploymentVerdict }) {
  switch (props.verdict) {
    case 'compliant':
      return <StatusOK>Compliant</StatusOK>;
    case 'exception':
      return <StatusError>Exception</StatusError>;
    case 'pending':
      return <StatusPending>Pending: emergency window open</StatusPending>;
    default:
      return <StatusAborted>Not evaluated yet</StatusAborted>;
  }
}
