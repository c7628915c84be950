import {
  CHECK_IDS,
  DeploymentListItem,
} from '@change-compliance/plugin-change-compliance-common';
import Box from '@material-ui/core/Box';
import Collapse from '@material-ui/core/Collapse';
import IconButton from '@material-ui/core/IconButton';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import KeyboardArrowDownIcon from '@material-ui/icons/KeyboardArrowDown';
import KeyboardArrowUpIcon from '@material-ui/icons/KeyboardArrowUp';
import { useState } from 'react';
import { formatUtc, shortSha } from '../../compliance/formatTime';
import { DeploymentTrace } from '../DeploymentTrace/DeploymentTrace';
import { CheckStatusChip } from './CheckStatusChip';
import { VerdictChip } from './VerdictChip';

/**
 * The short columns keep their text on one line; the check chips beside them wrap instead (left
 * to wrap, a version or a deployer would break letter by letter).
 */
export const NO_WRAP = { whiteSpace: 'nowrap' } as const;

export const HISTORY_COLUMNS = [
  'Version',
  'Environment',
  'Deployed at',
  'Deployer',
  'Verdict',
  'Checks',
] as const;

/** What went live, as a person names it: the image tag when there is one, else the commit. */
function Version(props: { deployment: DeploymentListItem }) {
  const { deployment } = props;
  return (
    <>
      <Typography variant="body2">
        {deployment.imageTag ?? shortSha(deployment.commitSha)}
      </Typography>
      <Typography variant="caption" color="textSecondary" component="div">
        commit {shortSha(deployment.commitSha)}
        {deployment.imageDigest && (
          <span title={deployment.imageDigest}>
            {' '}
            · image {deployment.imageDigest.slice(0, 19)}
          </span>
        )}
      </Typography>
    </>
  );
}

/**
 * One production deployment of the history, with its verdict and a chip per check. Opening it
 * reads and shows the trace; a closed row reads nothing, so a page of 100 costs one request.
 */
export function DeploymentRow(props: {
  deployment: DeploymentListItem;
  repository?: string;
}) {
  const { deployment, repository } = props;
  const [open, setOpen] = useState(false);
  const name = deployment.imageTag ?? shortSha(deployment.commitSha);
  return (
    <>
      <TableRow hover>
        <TableCell padding="checkbox">
          <IconButton
            size="small"
            aria-expanded={open}
            aria-label={`${open ? 'Hide' : 'Show'} the trace of ${name} (${
              deployment.id
            })`}
            onClick={() => setOpen(!open)}
          >
            {open ? <KeyboardArrowUpIcon /> : <KeyboardArrowDownIcon />}
          </IconButton>
        </TableCell>
        <TableCell style={NO_WRAP}>
          <Version deployment={deployment} />
        </TableCell>
        <TableCell style={NO_WRAP}>{deployment.environment}</TableCell>
        <TableCell style={NO_WRAP}>
          {formatUtc(deployment.deployedAt)}
        </TableCell>
        <TableCell style={NO_WRAP}>
          {deployment.actor ?? 'not recorded'}
        </TableCell>
        <TableCell style={NO_WRAP}>
          <VerdictChip verdict={deployment.verdict} />
        </TableCell>
        <TableCell>
          <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
            {CHECK_IDS.map(checkId => (
              <CheckStatusChip
                key={checkId}
                checkId={checkId}
                status={deployment.checks[checkId]}
              />
            ))}
          </Box>
        </TableCell>
      </TableRow>
      <TableRow>
        <TableCell
          colSpan={HISTORY_COLUMNS.length + 1}
          style={{ paddingTop: 0, paddingBottom: 0 }}
        >
          <Collapse in={open} timeout="auto" unmountOnExit>
            <Box py={2}>
              <DeploymentTrace
                deploymentId={deployment.id}
                repository={repository}
              />
            </Box>
          </Collapse>
        </TableCell>
      </TableRow>
    </>
  );
}
