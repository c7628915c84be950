import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { ReactNode } from 'react';

export interface EvidenceTableRow {
  key: string;
  cells: ReactNode[];
}

/**
 * Records of one kind (reviews, approvals) side by side, one a row, so an auditor compares their
 * actors and times down a column. The label names the table for screen readers and tests.
 */
export function EvidenceTable(props: {
  label: string;
  columns: string[];
  rows: EvidenceTableRow[];
}) {
  return (
    <Table size="small" aria-label={props.label}>
      <TableHead>
        <TableRow>
          {props.columns.map(column => (
            <TableCell key={column}>{column}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {props.rows.map(row => (
          <TableRow key={row.key}>
            {row.cells.map((cell, column) => (
              <TableCell key={props.columns[column]}>{cell}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
