import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import { ReactNode } from 'react';

/** Facts as a working paper lists them: a label and its value per row. */
export function FactTable(props: {
  label: string;
  facts: Array<{ label: string; value: ReactNode }>;
}) {
  return (
    <Table size="small" aria-label={props.label}>
      <TableBody>
        {props.facts.map(fact => (
          <TableRow key={fact.label}>
            <TableCell component="th" scope="row">
              {fact.label}
            </TableCell>
            <TableCell>{fact.value}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
