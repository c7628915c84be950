import { AuditSampleSummary } from '@change-compliance/plugin-change-compliance-common';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { AsyncState } from 'react-use/esm/useAsyncFn';
import { formatUtc } from '../../compliance/formatTime';
import { scopeEntitiesText, scopePeriodText } from './auditScope';
import { Loaded } from './Loaded';

/**
 * The samples drawn so far, newest first, to take up a walk where it was left: a sample and its
 * review marks are stored, so an audit spans days and auditors.
 */
export function SampleHistory(props: {
  samples: AsyncState<{ samples: AuditSampleSummary[] }>;
  openId?: string;
  onOpen: (sampleId: string) => void;
}) {
  const { openId, onOpen } = props;
  return (
    <Loaded
      state={props.samples}
      loadingLabel="Loading the samples drawn so far"
      errorTitle="Could not list the samples drawn so far"
    >
      {({ samples }) =>
        samples.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            No sample has been drawn yet.
          </Typography>
        ) : (
          <SamplesTable samples={samples} openId={openId} onOpen={onOpen} />
        )
      }
    </Loaded>
  );
}

function SamplesTable(props: {
  samples: AuditSampleSummary[];
  openId?: string;
  onOpen: (sampleId: string) => void;
}) {
  const { samples, openId, onOpen } = props;
  return (
    <TableContainer style={{ maxHeight: 320 }}>
      <Table size="small" stickyHeader aria-label="Samples drawn so far">
        <TableHead>
          <TableRow>
            <TableCell>Drawn</TableCell>
            <TableCell>Seed</TableCell>
            <TableCell>Period</TableCell>
            <TableCell>Scope</TableCell>
            <TableCell align="right">Reviewed</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {samples.map(sample => (
            <TableRow key={sample.id} selected={sample.id === openId}>
              <TableCell>
                {formatUtc(sample.drawnAt)}
                <Typography variant="caption" component="div">
                  {sample.drawnBy}
                </Typography>
              </TableCell>
              <TableCell>{sample.seed}</TableCell>
              <TableCell>{scopePeriodText(sample.scope)}</TableCell>
              <TableCell>{scopeEntitiesText(sample.scope)}</TableCell>
              <TableCell align="right">
                {sample.reviewed} of {sample.size}
              </TableCell>
              <TableCell>
                <Button
                  size="small"
                  disabled={sample.id === openId}
                  aria-label={`Open sample ${sample.id}`}
                  onClick={() => onOpen(sample.id)}
                >
                  Open
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
