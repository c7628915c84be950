import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import { useMemo, useState } from 'react';
import {
  DEFAULT_PERIOD_DAYS,
  periodLabel,
  periodStart,
} from '../../compliance/period';
import { ComplianceScoreCard } from '../ComplianceSummary/ComplianceScoreCard';
import { PeriodSelect } from '../EntityChangeComplianceContent/PeriodSelect';
import { groupScoreSummary } from './groupScoreSummary';
import { NoOwnedServices } from './NoOwnedServices';
import { OwnedServicesTable } from './OwnedServicesTable';
import { useGroupCompliance } from './useGroupCompliance';

function servicesText(count: number) {
  return `${count} ${count === 1 ? 'service' : 'services'}`;
}

/**
 * The Change Compliance tab of a group, for its team lead: the group's score over the chosen
 * period with its counts, and every service it owns, directly or through its sub-groups, with
 * its score, weekly trend, exceptions and worst check.
 *
 * @public
 */
export function EntityGroupChangeComplianceContent() {
  const { entity } = useEntity();
  const groupRef = stringifyEntityRef(entity);
  const [periodDays, setPeriodDays] = useState(DEFAULT_PERIOD_DAYS);
  const from = useMemo(() => periodStart(periodDays, new Date()), [periodDays]);
  const result = useGroupCompliance(groupRef, from);

  if (result.error) {
    return (
      <ResponseErrorPanel
        title="Could not load the change compliance of this group"
        error={result.error}
      />
    );
  }
  if (!result.value) {
    return <Progress aria-label="Loading the change compliance of the group" />;
  }
  const { group, services } = result.value;

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Box display="flex" justifyContent="flex-end">
          <PeriodSelect days={periodDays} onChange={setPeriodDays} />
        </Box>
      </Grid>
      {services.length === 0 ? (
        <Grid item xs={12}>
          <NoOwnedServices />
        </Grid>
      ) : (
        <>
          <Grid item xs={12} md={4}>
            <ComplianceScoreCard
              summary={groupScoreSummary(group)}
              periodLabel={periodLabel(periodDays)}
            />
          </Grid>
          <Grid item xs={12}>
            <InfoCard
              title="Owned services"
              subheader={`${servicesText(
                services.length,
              )}, owned directly or by sub-groups. The group's score counts every deployment of them, so a service that deploys often weighs more than one that rarely does.`}
            >
              {result.loading && (
                <Progress aria-label="Loading the change compliance of the group" />
              )}
              <OwnedServicesTable services={services} />
            </InfoCard>
          </Grid>
        </>
      )}
    </Grid>
  );
}
