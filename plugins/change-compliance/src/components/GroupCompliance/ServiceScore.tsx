import { GroupServiceSummary } from '@change-compliance/plugin-change-compliance-common';
import Typography from '@material-ui/core/Typography';
import { formatScore } from '../ComplianceSummary/ComplianceScoreCard';

/** A service's score in a table cell, with the counts it comes from beneath it. */
export function ServiceScore(props: { service: GroupServiceSummary }) {
  const { compliant, exceptions, pending, score } = props.service;
  const scored = compliant + exceptions;
  return (
    <>
      <Typography variant="body2">
        {score === null ? 'Not scored' : formatScore(score)}
      </Typography>
      <Typography variant="caption" color="textSecondary" component="div">
        {scored === 0
          ? 'no scored deployment'
          : `${compliant} of ${scored} compliant`}
        {pending > 0 && `; ${pending} pending`}
      </Typography>
    </>
  );
}
