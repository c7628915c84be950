import { AuditSampleItem } from '@change-compliance/plugin-change-compliance-common';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { formatUtc, shortSha } from '../../compliance/formatTime';
import { VerdictChip } from '../DeploymentHistory/VerdictChip';
import { CHANGE_TYPE_LABELS } from './PopulationCard';
import { ReviewStatus } from './ReviewMark';
import { ScopeCatalog, serviceName } from './useScopeCatalog';

/** What went live, as a person names it: the image tag when there is one, else the commit. */
export function itemVersion(item: AuditSampleItem): string {
  return item.imageTag ?? shortSha(item.commitSha);
}

/**
 * The sampled changes, one row each with its stratum, the engine's verdict and the auditor's
 * mark; opening one walks its evidence.
 */
export function SampleItemsTable(props: {
  items: AuditSampleItem[];
  catalog?: ScopeCatalog;
  selectedId?: string;
  onSelect: (deploymentId: string) => void;
}) {
  const { items, catalog, selectedId, onSelect } = props;
  return (
    <TableContainer style={{ maxHeight: 520 }}>
      <Table size="small" stickyHeader aria-label="Sampled changes">
        <TableHead>
          <TableRow>
            <TableCell>#</TableCell>
            <TableCell>Change</TableCell>
            <TableCell>Service</TableCell>
            <TableCell>Change type</TableCell>
            <TableCell>Deployed at</TableCell>
            <TableCell>Verdict</TableCell>
            <TableCell>Review</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map((item, index) => (
            <TableRow
              key={item.deploymentId}
              hover
              selected={item.deploymentId === selectedId}
            >
              <TableCell>{index + 1}</TableCell>
              <TableCell>
                <Button
                  size="small"
                  color="primary"
                  aria-label={`Walk ${itemVersion(item)} (${
                    item.deploymentId
                  })`}
                  aria-pressed={item.deploymentId === selectedId}
                  onClick={() => onSelect(item.deploymentId)}
                >
                  {itemVersion(item)}
                </Button>
              </TableCell>
              <TableCell>{serviceName(item.serviceRef, catalog)}</TableCell>
              <TableCell>
                {CHANGE_TYPE_LABELS[item.emergency ? 'emergency' : 'normal']}
              </TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                {formatUtc(item.deployedAt)}
              </TableCell>
              <TableCell>
                <VerdictChip verdict={item.verdict} />
              </TableCell>
              <TableCell>
                <ReviewStatus review={item.review} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
