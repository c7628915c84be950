import { Link } from '@backstage/core-components';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import { OwnedService } from './ownedServices';
import { ServiceScore } from './ServiceScore';
import { ServiceTrend } from './ServiceTrend';
import { WorstCheck } from './WorstCheck';

/**
 * The path of the service's Change Compliance tab below its entity page: the component tab's
 * default path, and the one the README gives legacy apps.
 */
const SERVICE_TAB_PATH = 'change-compliance';

/** One owned service: its name leads to its own Change Compliance tab and the evidence there. */
export function OwnedServiceRow(props: { service: OwnedService }) {
  const { service } = props;
  const entityLink = useEntityRefLink();
  return (
    <TableRow>
      <TableCell component="th" scope="row">
        <Link to={`${entityLink(service.entityRef)}/${SERVICE_TAB_PATH}`}>
          {service.displayName}
        </Link>
      </TableCell>
      <TableCell>
        <ServiceScore service={service.summary} />
      </TableCell>
      <TableCell>
        <ServiceTrend service={service.summary} />
      </TableCell>
      <TableCell align="right">{service.summary.exceptions}</TableCell>
      <TableCell>
        <WorstCheck checkId={service.summary.worstCheck} />
      </TableCell>
    </TableRow>
  );
}
