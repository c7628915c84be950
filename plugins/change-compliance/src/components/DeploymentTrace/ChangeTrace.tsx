import {
  ChangeEvaluation,
  CheckId,
} from '@change-compliance/plugin-change-compliance-common';
import Box from '@material-ui/core/Box';
import Link from '@material-ui/core/Link';
import List from '@material-ui/core/List';
import Typography from '@material-ui/core/Typography';
import { githubPaths, useGitHubWebUrl } from '../../api/useGitHubWebUrl';
import {
  parseEvidenceRef,
  ticketSystemsByKey,
} from '../../compliance/evidenceRefs';
import { shortSha } from '../../compliance/formatTime';
import { ChangeMarkers } from './ChangeMarkers';
import { CheckFinding } from './CheckFinding';

/**
 * The checks of a change grouped the way an auditor walks the trace: the pull request and its
 * reviews, then the tickets with their fields and approval, then whether the process was bypassed.
 */
const STEPS: Array<{
  title: string;
  checks: CheckId[];
  listsTickets?: boolean;
}> = [
  {
    title: 'Pull request and reviews',
    checks: ['review.independent', 'review.qualified'],
  },
  {
    title: 'Tickets and approval',
    listsTickets: true,
    checks: [
      'ticket.linked',
      'ticket.complete',
      'approval.before-deploy',
      'trace.bidirectional',
    ],
  },
  { title: 'Process', checks: ['process.no-bypass'] },
];

function ChangeTitle(props: { changeRef: string }) {
  const githubUrl = useGitHubWebUrl();
  const ref = parseEvidenceRef(props.changeRef);
  if (ref.kind === 'pull-request') {
    return (
      <Link
        href={githubUrl(githubPaths.pullRequest(ref.repository, ref.number))}
        target="_blank"
        rel="noopener noreferrer"
      >
        Pull request {ref.repository}#{ref.number}
      </Link>
    );
  }
  if (ref.kind === 'commit') {
    return (
      <>
        Direct commit{' '}
        <Link
          href={githubUrl(githubPaths.commit(ref.repository, ref.sha))}
          target="_blank"
          rel="noopener noreferrer"
        >
          {ref.repository}@{shortSha(ref.sha)}
        </Link>
      </>
    );
  }
  return <>{props.changeRef}</>;
}

function LinkedTickets(props: { change: ChangeEvaluation }) {
  const { change } = props;
  const systems = ticketSystemsByKey(
    change.checks.flatMap(c => c.evidenceRefs),
  );
  if (change.ticketKeys.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No linked ticket.
      </Typography>
    );
  }
  return (
    <Typography variant="body2">
      Linked:{' '}
      {change.ticketKeys
        .map(key => (systems.has(key) ? `${key} (${systems.get(key)})` : key))
        .join(', ')}
    </Typography>
  );
}

/** One change of the deployment's change set, traced to its reviews, tickets and approval. */
export function ChangeTrace(props: { change: ChangeEvaluation }) {
  const { change } = props;
  return (
    <Box
      component="section"
      aria-label={`Change ${change.changeRef}`}
      mb={2}
      pl={2}
      borderLeft={2}
      borderColor="divider"
    >
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <Typography variant="subtitle1" component="h5">
          <ChangeTitle changeRef={change.changeRef} />
        </Typography>
        <ChangeMarkers change={change} />
      </Box>
      {STEPS.map(step => {
        const results = change.checks.filter(c =>
          step.checks.includes(c.checkId),
        );
        if (results.length === 0) return null;
        return (
          <Box key={step.title} mt={1}>
            <Typography variant="overline" component="h6">
              {step.title}
            </Typography>
            {step.listsTickets && <LinkedTickets change={change} />}
            <List dense disablePadding>
              {results.map(result => (
                <CheckFinding key={result.checkId} result={result} />
              ))}
            </List>
          </Box>
        );
      })}
    </Box>
  );
}
