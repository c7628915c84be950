import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  EntityRefLink,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import {
  AuditPopulation,
  AuditStratum,
  SourcesResponse,
} from '@change-compliance/plugin-change-compliance-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { AsyncState } from 'react-use/esm/useAsyncFn';
import { scopePeriodText } from './auditScope';
import { incompletePopulationWarning } from './syncProgress';
import { ScopeCatalog, serviceName } from './useScopeCatalog';

function plural(count: number, one: string, many: string) {
  return `${count} ${count === 1 ? one : many}`;
}

export const CHANGE_TYPE_LABELS: Record<AuditStratum['changeType'], string> = {
  normal: 'Normal',
  emergency: 'Emergency',
};

function systemName(systemRef: string | null): string {
  return systemRef
    ? humanizeEntityRef(parseEntityRef(systemRef), { defaultKind: 'system' })
    : 'none';
}

function byServiceThenType(a: AuditStratum, b: AuditStratum) {
  return (
    a.serviceRef.localeCompare(b.serviceRef) ||
    a.changeType.localeCompare(b.changeType)
  );
}

function StrataTable(props: {
  population: AuditPopulation;
  catalog?: ScopeCatalog;
}) {
  const { population, catalog } = props;
  return (
    <TableContainer style={{ maxHeight: 480 }}>
      <Table size="small" stickyHeader aria-label="Population by stratum">
        <TableHead>
          <TableRow>
            <TableCell>Service</TableCell>
            <TableCell>System</TableCell>
            <TableCell>Change type</TableCell>
            <TableCell align="right">Production changes</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {[...population.strata].sort(byServiceThenType).map(stratum => (
            <TableRow key={stratum.key}>
              <TableCell component="th" scope="row">
                <EntityRefLink
                  entityRef={stratum.serviceRef}
                  title={serviceName(stratum.serviceRef, catalog)}
                />
              </TableCell>
              <TableCell>{systemName(stratum.systemRef)}</TableCell>
              <TableCell>{CHANGE_TYPE_LABELS[stratum.changeType]}</TableCell>
              <TableCell align="right">{stratum.population}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function PopulationCounts(props: { population: AuditPopulation }) {
  const { total, pending, strata } = props.population;
  const services = new Set(strata.map(s => s.serviceRef)).size;
  return (
    <Box mb={2} role="group" aria-label="Population">
      <Typography variant="h4" component="p">
        {plural(total, 'production change', 'production changes')}
      </Typography>
      <Typography variant="body2">
        In {plural(strata.length, 'stratum', 'strata')} (service and change
        type) across {plural(services, 'service', 'services')}.
      </Typography>
      {pending > 0 && (
        <Typography variant="body2" color="textSecondary">
          {pending} of them not evaluated yet or pending (an emergency change's
          window still open): their verdicts, and so a sample's findings, may
          still change.
        </Typography>
      )}
    </Box>
  );
}

/**
 * Step 3, the population: every production change of the period and scope, counted by stratum.
 * It warns when the sources are still syncing, because a population read half-way through a
 * backfill looks like a complete one.
 */
export function PopulationCard(props: {
  population: AsyncState<AuditPopulation | undefined> | undefined;
  sources?: SourcesResponse;
  catalog?: ScopeCatalog;
}) {
  const { population, sources, catalog } = props;
  const warning = sources && incompletePopulationWarning(sources);
  let content;
  if (!population) {
    content = (
      <Typography variant="body2">
        Choose a valid period to count its production changes.
      </Typography>
    );
  } else if (population.error && !population.loading) {
    content = (
      <ResponseErrorPanel
        title="Could not count the production changes of this scope"
        error={population.error}
      />
    );
  } else if (population.loading || !population.value) {
    content = (
      <Progress aria-label="Counting the production changes of this scope" />
    );
  } else if (population.value.total === 0) {
    content = (
      <EmptyState
        missing="data"
        title="No production deployments in this period and scope"
        description={`The services in scope deployed nothing to an environment the policy calls production from ${scopePeriodText(
          population.value.scope,
        )}, or their evidence has not been synced yet (see step 2). Widen the period or the scope.`}
      />
    );
  } else {
    content = (
      <>
        <PopulationCounts population={population.value} />
        <StrataTable population={population.value} catalog={catalog} />
      </>
    );
  }
  return (
    <InfoCard
      title="Step 3 · Population"
      subheader="The production changes of the period and scope, by stratum: the sample below is drawn from these."
    >
      {warning && (
        <Box mb={2}>
          <WarningPanel
            severity="warning"
            title="The population may be incomplete"
            message={warning}
            defaultExpanded
          />
        </Box>
      )}
      {content}
    </InfoCard>
  );
}
