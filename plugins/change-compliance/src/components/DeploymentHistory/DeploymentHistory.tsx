import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { DeploymentQuery } from '@change-compliance/plugin-change-compliance-common';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { changeComplianceApiRef } from '../../api/ChangeComplianceApi';
import { DeploymentRow, HISTORY_COLUMNS, NO_WRAP } from './DeploymentRow';
import { PAGE_SIZES } from './historyQuery';

/**
 * A service's production deployments, one page at a time from the server: a service with 5,000
 * deployments costs one page of them. Material UI's table rather than core-components' `Table`:
 * the latter (material-table) pages and sorts the rows it holds, while here the server pages and
 * filters, and each row opens into a trace that is read only when opened.
 */
export function DeploymentHistory(props: {
  entityRef: string;
  repository?: string;
  query: DeploymentQuery;
  page: number;
  pageSize: number;
  onPageChange: (page: number) => void;
  onPageSizeChange: (pageSize: number) => void;
  /** Whether a filter other than the period narrows the history. */
  narrowed: boolean;
  onClearFilters: () => void;
  /** What to show when the period holds no deployment at all. */
  noDeployments: ReactNode;
}) {
  const api = useApi(changeComplianceApiRef);
  const { entityRef, query, page, pageSize } = props;
  const result = useAsync(
    () =>
      api.getServiceDeployments(entityRef, {
        ...query,
        page: page + 1,
        pageSize,
      }),
    [api, entityRef, query, page, pageSize],
  );

  if (result.error) {
    return (
      <ResponseErrorPanel
        title="Could not load the deployment history"
        error={result.error}
      />
    );
  }
  // A previous page stays on screen while the next loads; an empty one does not.
  if (!result.value || (result.loading && result.value.totalItems === 0)) {
    return <Progress aria-label="Loading the deployment history" />;
  }
  const { items, totalItems } = result.value;
  if (totalItems === 0) {
    if (!props.narrowed) return <>{props.noDeployments}</>;
    return (
      <EmptyState
        missing="data"
        title="No deployments match these filters"
        description="No production deployment of this period has this environment, verdict and failing check together."
        action={
          <Button variant="outlined" onClick={props.onClearFilters}>
            Clear filters
          </Button>
        }
      />
    );
  }
  return (
    <>
      {result.loading && (
        <Progress aria-label="Loading the deployment history" />
      )}
      <TableContainer>
        <Table size="small" aria-label="Production deployments">
          <TableHead>
            <TableRow>
              <TableCell padding="checkbox">
                <Typography variant="srOnly">Trace</Typography>
              </TableCell>
              {HISTORY_COLUMNS.map(column => (
                <TableCell
                  key={column}
                  style={column === 'Checks' ? undefined : NO_WRAP}
                >
                  {column}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {items.map(deployment => (
              <DeploymentRow
                key={deployment.id}
                deployment={deployment}
                repository={props.repository}
              />
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <TablePagination
        component="div"
        count={totalItems}
        page={page}
        rowsPerPage={pageSize}
        rowsPerPageOptions={PAGE_SIZES}
        onPageChange={(_event, next) => props.onPageChange(next)}
        onRowsPerPageChange={event =>
          props.onPageSizeChange(Number(event.target.value))
        }
      />
    </>
  );
}
