import {
  InfoCard,
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import {
  SourceStatus,
  SourcesResponse,
} from '@change-compliance/plugin-change-compliance-common';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { AsyncState } from 'react-use/esm/useAsyncFn';
import { sourceProviderLabel } from '../../compliance/evidenceVocabulary';
import { formatUtc } from '../../compliance/formatTime';
import {
  lastSyncFailed,
  roundProgressText,
  runningRounds,
} from './syncProgress';
import { Loaded } from './Loaded';
import { stepName, TESTING_STEPS } from './testingSteps';

function SyncState(props: { source: SourceStatus }) {
  const { source } = props;
  if (lastSyncFailed(source)) {
    return (
      <StatusError>
        Failed at {formatUtc(source.lastFailedAt)}
        {source.consecutiveFailures > 1 &&
          ` (${source.consecutiveFailures} times in a row)`}
        : {source.lastError ?? 'no message'}
      </StatusError>
    );
  }
  if (!source.lastSucceededAt) {
    return <StatusPending>Not synced yet</StatusPending>;
  }
  return <StatusOK>Synced at {formatUtc(source.lastSucceededAt)}</StatusOK>;
}

function Rounds(props: { sources: SourcesResponse }) {
  const running = runningRounds(props.sources);
  if (running.length === 0) return null;
  return (
    <Box mb={2} role="status" aria-label="Syncs in progress">
      {running.map(round => (
        <Box key={round.provider} mb={1}>
          <Typography variant="body2">{roundProgressText(round)}</Typography>
          <LinearProgress
            variant="determinate"
            value={round.total > 0 ? (100 * round.done) / round.total : 0}
            aria-label={`${sourceProviderLabel(round.provider)} sync progress`}
          />
        </Box>
      ))}
    </Box>
  );
}

function SourcesTable(props: { sources: SourceStatus[] }) {
  return (
    <TableContainer style={{ maxHeight: 360 }}>
      <Table size="small" stickyHeader aria-label="Evidence sources">
        <TableHead>
          <TableRow>
            <TableCell>System</TableCell>
            <TableCell>Repository or project</TableCell>
            <TableCell>Last sync</TableCell>
            <TableCell align="right">Items synced</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.sources.map(source => (
            <TableRow key={`${source.provider}/${source.scope}`}>
              <TableCell>{sourceProviderLabel(source.provider)}</TableCell>
              <TableCell>{source.scope}</TableCell>
              <TableCell>
                <SyncState source={source} />
              </TableCell>
              <TableCell align="right">{source.itemsSynced}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

/**
 * Step 2: the systems the evidence comes from (repositories, ticket projects) and how each last
 * synced, so that the auditor knows which systems feed the population and whether they are
 * complete.
 */
export function SourcesCard(props: { sources: AsyncState<SourcesResponse> }) {
  return (
    <InfoCard title={stepName(2)} subheader={TESTING_STEPS[2].text}>
      <Loaded
        state={props.sources}
        loadingLabel="Loading the evidence sources"
        errorTitle="Could not read the evidence sources"
      >
        {sources => (
          <>
            <Rounds sources={sources} />
            {sources.sources.length === 0 ? (
              <Typography variant="body2">
                No evidence source has synced yet: the portal has read no
                repository and no ticket project so far.
              </Typography>
            ) : (
              <SourcesTable sources={sources.sources} />
            )}
          </>
        )}
      </Loaded>
    </InfoCard>
  );
}
