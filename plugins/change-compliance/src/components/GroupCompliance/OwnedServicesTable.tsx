import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import { useMemo, useState } from 'react';
import { PAGE_SIZES } from '../DeploymentHistory/historyQuery';
import { OwnedService } from './ownedServices';
import { OwnedServiceRow } from './OwnedServiceRow';
import {
  DEFAULT_ORDER,
  nextOrder,
  orderServices,
  ServiceOrder,
  ServiceOrderKey,
} from './serviceOrder';

const COLUMNS: Array<{
  label: string;
  sortBy?: ServiceOrderKey;
  align?: 'right';
}> = [
  { label: 'Service', sortBy: 'name' },
  { label: 'Score', sortBy: 'score' },
  { label: 'Weekly trend' },
  { label: 'Exceptions', sortBy: 'exceptions', align: 'right' },
  { label: 'Worst check' },
];

/** The services a group owns, sorted and paged in the browser: the rollup holds them all. */
export function OwnedServicesTable(props: { services: OwnedService[] }) {
  const { services } = props;
  const [order, setOrder] = useState<ServiceOrder>(DEFAULT_ORDER);
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]);
  const ordered = useMemo(
    () => orderServices(services, order),
    [services, order],
  );
  // A longer or shorter period can change how many services have deployments to show.
  const shownPage = Math.min(
    page,
    Math.max(0, Math.ceil(services.length / pageSize) - 1),
  );
  const shown = ordered.slice(shownPage * pageSize, (shownPage + 1) * pageSize);

  return (
    <>
      <TableContainer>
        <Table size="small" aria-label="Owned services">
          <TableHead>
            <TableRow>
              {COLUMNS.map(column => {
                const sorted = column.sortBy === order.by;
                return (
                  <TableCell
                    key={column.label}
                    align={column.align}
                    sortDirection={sorted ? order.direction : false}
                  >
                    {column.sortBy ? (
                      <TableSortLabel
                        active={sorted}
                        direction={sorted ? order.direction : undefined}
                        onClick={() => {
                          setOrder(current =>
                            nextOrder(current, column.sortBy!),
                          );
                          setPage(0);
                        }}
                      >
                        {column.label}
                      </TableSortLabel>
                    ) : (
                      column.label
                    )}
                  </TableCell>
                );
              })}
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.map(service => (
              <OwnedServiceRow key={service.entityRef} service={service} />
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {services.length > PAGE_SIZES[0] && (
        <TablePagination
          component="div"
          count={services.length}
          page={shownPage}
          rowsPerPage={pageSize}
          rowsPerPageOptions={PAGE_SIZES}
          onPageChange={(_event, next) => setPage(next)}
          onRowsPerPageChange={event => {
            setPageSize(Number(event.target.value));
            setPage(0);
          }}
        />
      )}
    </>
  );
}
