import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { changeComplianceApiRef } from '../../api/ChangeComplianceApi';
import { SourceControlProvider } from '../../api/sourceWebLinks';
import { periodLabel } from '../../compliance/period';
import { serviceRepository } from '../../compliance/serviceRepository';
import { ComplianceScoreCard } from '../ComplianceSummary/ComplianceScoreCard';
import { WeeklyTrendChart } from '../ComplianceSummary/WeeklyTrendChart';
import { DeploymentHistory } from '../DeploymentHistory/DeploymentHistory';
import { HistoryFilters } from '../DeploymentHistory/HistoryFilters';
import {
  deploymentQuery,
  effectiveVerdict,
  useHistoryQuery,
} from '../DeploymentHistory/historyQuery';
import { RepositoryEvidenceCard } from '../RepositoryEvidence/RepositoryEvidenceCard';
import { RunningArtifactsCard } from '../RunningArtifacts/RunningArtifactsCard';
import { BackfillNotice } from './BackfillNotice';
import { NoDeploymentsSeen } from './NoDeploymentsSeen';
import { PeriodSelect } from './PeriodSelect';
import { useProductionEnvironments } from './useProductionEnvironments';

/**
 * The Change Compliance tab of a service: the score over the chosen period with its counts, the
 * weekly trend, the production deployments with their verdicts, each of which opens into its
 * trace (change set, reviews, tickets, approvals, deployment record), and the repository evidence
 * (branch protection in force and its history).
 *
 * @public
 */
export function EntityChangeComplianceContent() {
  const { entity } = useEntity();
  const api = useApi(changeComplianceApiRef);
  const entityRef = stringifyEntityRef(entity);
  const source = serviceRepository(entity);
  const repository = source?.slug;
  const history = useHistoryQuery();
  const { filters, from } = history;
  const summary = useAsync(
    () => api.getServiceSummary(entityRef, { from }),
    [api, entityRef, from],
  );
  const environments = useProductionEnvironments();

  const verdict = effectiveVerdict(filters.verdict, summary.value?.exceptions);
  const query = useMemo(
    () => deploymentQuery(from, filters, verdict),
    [from, filters, verdict],
  );
  // Until the viewer picks a verdict, the default depends on the summary: wait for it rather than
  // asking for a page that is about to be replaced.
  const historyWaits = summary.loading && filters.verdict === undefined;
  const period = periodLabel(filters.periodDays);

  if (summary.error) {
    return (
      <ResponseErrorPanel
        title="Could not load the change compliance of this service"
        error={summary.error}
      />
    );
  }
  if (!summary.value) {
    return <Progress aria-label="Loading the change compliance summary" />;
  }

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <BackfillNotice
          repository={repository}
          sourceControl={source?.sourceControl}
        />
      </Grid>
      <Grid item xs={12}>
        <Box display="flex" justifyContent="flex-end">
          <PeriodSelect
            days={filters.periodDays}
            onChange={periodDays => history.changeFilters({ periodDays })}
          />
        </Box>
      </Grid>
      <Grid item xs={12} md={4}>
        <ComplianceScoreCard
          summary={summary.value}
          periodLabel={period}
          onShowFailing={check => history.changeFilters({ check })}
        />
      </Grid>
      <Grid item xs={12} md={8}>
        <WeeklyTrendChart trend={summary.value.trend} />
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title="Production deployments"
          subheader="Newest first. Open a deployment to trace it to its changes, reviews, tickets and approvals."
        >
          <HistoryFilters
            filters={filters}
            verdict={verdict}
            verdictHint={
              filters.verdict === undefined && verdict === 'exception'
                ? `Exceptions first: ${summary.value.exceptions} in this period`
                : undefined
            }
            environments={environments}
            onChange={history.changeFilters}
          />
          {historyWaits ? (
            <Progress aria-label="Loading the deployment history" />
          ) : (
            <SourceControlProvider sourceControl={source?.sourceControl}>
              <DeploymentHistory
                entityRef={entityRef}
                repository={repository}
                query={query}
                page={history.page}
                pageSize={history.pageSize}
                onPageChange={history.setPage}
                onPageSizeChange={history.setPageSize}
                narrowed={Boolean(
                  filters.environment || filters.check || verdict !== 'all',
                )}
                onClearFilters={history.clearFilters}
                noDeployments={
                  <NoDeploymentsSeen entity={entity} periodLabel={period} />
                }
              />
            </SourceControlProvider>
          )}
        </InfoCard>
      </Grid>
      {summary.value.runningArtifacts?.length ? (
        <Grid item xs={12}>
          <RunningArtifactsCard
            runningArtifacts={summary.value.runningArtifacts}
            artifactExceptions={summary.value.artifactExceptions ?? []}
          />
        </Grid>
      ) : null}
      <Grid item xs={12}>
        <RepositoryEvidenceCard entityRef={entityRef} repository={repository} />
      </Grid>
    </Grid>
  );
}
