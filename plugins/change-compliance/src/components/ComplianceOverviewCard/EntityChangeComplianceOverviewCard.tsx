import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Link,
  Progress,
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { changeComplianceApiRef } from '../../api/ChangeComplianceApi';
import {
  DEFAULT_PERIOD_DAYS,
  periodLabel,
  periodStart,
} from '../../compliance/period';
import { formatScore } from '../ComplianceSummary/ComplianceScoreCard';

/** The tab's path below the entity page, as both frontend systems mount it by default. */
const TAB_PATH = 'change-compliance';

/**
 * A small card for a service's Overview tab: its compliance score over the last 90 days with the
 * counts it comes from (never a bare percentage), and the way to the Change Compliance tab where
 * every deployment is traced.
 *
 * @public
 */
export function EntityChangeComplianceOverviewCard() {
  const { entity } = useEntity();
  const api = useApi(changeComplianceApiRef);
  const entityLink = useEntityRefLink();
  const entityRef = stringifyEntityRef(entity);
  const from = useMemo(() => periodStart(DEFAULT_PERIOD_DAYS, new Date()), []);
  const summary = useAsync(
    () => api.getServiceSummary(entityRef, { from }),
    [api, entityRef, from],
  );
  const period = periodLabel(DEFAULT_PERIOD_DAYS);

  let content;
  if (summary.error) {
    content = (
      <Typography variant="body2" color="error">
        Could not load the change compliance of this service:{' '}
        {summary.error.message}
      </Typography>
    );
  } else if (!summary.value) {
    content = <Progress aria-label="Loading the change compliance score" />;
  } else {
    const { score, compliant, exceptions, pending } = summary.value;
    content = (
      <Box role="group" aria-label="Change compliance score">
        <Typography variant="h4" component="p">
          {score === null ? 'Not scored' : formatScore(score)}
        </Typography>
        {compliant + exceptions + pending === 0 ? (
          <Typography variant="body2">
            No production deployments seen in the {period}.
          </Typography>
        ) : (
          <Box display="flex" flexWrap="wrap" style={{ gap: 16 }}>
            <StatusOK>{compliant} compliant</StatusOK>
            <StatusError>
              {exceptions} {exceptions === 1 ? 'exception' : 'exceptions'}
            </StatusError>
            {pending > 0 && (
              <StatusPending>
                {pending} pending (emergency window)
              </StatusPending>
            )}
          </Box>
        )}
      </Box>
    );
  }
  return (
    <InfoCard
      title="Change compliance"
      subheader={`Production deployments in the ${period}`}
    >
      {content}
      <Box mt={2}>
        <Link to={`${entityLink(entityRef)}/${TAB_PATH}`}>
          Trace every deployment in the Change Compliance tab
        </Link>
      </Box>
    </InfoCard>
  );
}
