import { GroupServiceSummary } from '@change-compliance/plugin-change-compliance-common';
import Typography from '@material-ui/core/Typography';
import { TrendSparkline } from './TrendSparkline';

/** The weekly trend of one row, as the group rollup gives it for each service. */
export function ServiceTrend(props: { service: GroupServiceSummary }) {
  const { service } = props;
  if (service.compliant + service.exceptions + service.pending === 0) {
    return (
      <Typography variant="caption" color="textSecondary">
        No deployments
      </Typography>
    );
  }
  return <TrendSparkline trend={service.trend} />;
}
