import { useApi } from '@backstage/core-plugin-api';
import { GroupServiceSummary } from '@change-compliance/plugin-change-compliance-common';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { changeComplianceApiRef } from '../../api/ChangeComplianceApi';
import { TrendSparkline } from './TrendSparkline';

/**
 * The weekly trend of one row. The group rollup carries no trend, so each row reads its service's
 * summary when it is shown: a page of the table costs one request per row on it, not one per
 * service the group owns; a service without deployments in the period costs none.
 */
export function ServiceTrend(props: {
  service: GroupServiceSummary;
  from: string;
}) {
  const { service, from } = props;
  const api = useApi(changeComplianceApiRef);
  const deployed = service.compliant + service.exceptions + service.pending;
  const summary = useAsync(
    async () =>
      deployed > 0
        ? api.getServiceSummary(service.entityRef, { from })
        : undefined,
    [api, service.entityRef, from, deployed],
  );

  if (deployed === 0) {
    return (
      <Typography variant="caption" color="textSecondary">
        No deployments
      </Typography>
    );
  }
  if (summary.error) {
    return (
      <Typography
        variant="caption"
        color="textSecondary"
        title={summary.error.message}
      >
        Trend unavailable
      </Typography>
    );
  }
  if (!summary.value) {
    return (
      <Typography variant="caption" color="textSecondary">
        Loading trend…
      </Typography>
    );
  }
  return <TrendSparkline trend={summary.value.trend} />;
}
