import {
  ChangeEvaluation,
  CheckId,
} from '@change-compliance/plugin-change-compliance-common';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { useSourceWebLinks } from '../../api/sourceWebLinks';
import {
  parseEvidenceRef,
  ticketSystemsByKey,
} from '../../compliance/evidenceRefs';
import { shortSha } from '../../compliance/formatTime';
import { ChangeEvidence } from '../../compliance/changeEvidence';
import { ChangeMarkers } from './ChangeMarkers';
import { CheckFinding } from './CheckFinding';
import { DirectCommitEvidence } from './DirectCommitEvidence';
import { ExternalLink } from './ExternalLink';
import { PullRequestEvidence } from './PullRequestEvidence';
import { TicketsAndApprovals } from './TicketsAndApprovals';

/**
 * The checks of a change grouped the way an auditor walks the trace: the pull request and its
 * reviews, then the tickets with their fields and approval, then whether the process was bypassed.
 * A step shows the stored evidence it judges before the judgement.
 */
const STEPS: Array<{
  title: string;
  checks: CheckId[];
  evidence?: 'change' | 'tickets';
}> = [
  {
    title: 'Pull request and reviews',
    evidence: 'change',
    checks: ['review.independent', 'review.qualified'],
  },
  {
    title: 'Tickets and approval',
    evidence: 'tickets',
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
  const links = useSourceWebLinks();
  const ref = parseEvidenceRef(props.changeRef);
  if (ref.kind === 'pull-request') {
    return (
      <ExternalLink href={links.pullRequest(ref.repository, ref.number)}>
        Pull request {ref.repository}#{ref.number}
      </ExternalLink>
    );
  }
  if (ref.kind === 'commit') {
    return (
      <>
        Direct commit{' '}
        <ExternalLink href={links.commit(ref.repository, ref.sha)}>
          {ref.repository}@{shortSha(ref.sha)}
        </ExternalLink>
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

/** The stored evidence a step judges; none while it loads or when it could not be read. */
function evidenceOfStep(
  kind: 'change' | 'tickets' | undefined,
  props: ChangeTraceProps,
): ReactNode {
  const { change, evidence, deployedAt } = props;
  if (!evidence || !kind) return null;
  if (kind === 'tickets') {
    return (
      <TicketsAndApprovals
        change={change}
        evidence={evidence}
        deployedAt={deployedAt}
      />
    );
  }
  if (evidence.pullRequest) {
    return <PullRequestEvidence pullRequest={evidence.pullRequest} />;
  }
  if (evidence.directCommit) {
    return <DirectCommitEvidence commit={evidence.directCommit} />;
  }
  return null;
}

interface ChangeTraceProps {
  change: ChangeEvaluation;
  /** Absent while the trace loads or when it could not be read. */
  evidence?: ChangeEvidence;
  /** When the deployment went live: approvals from then on came too late. */
  deployedAt: string;
}

/** One change of the deployment's change set, traced to its reviews, tickets and approval. */
export function ChangeTrace(props: ChangeTraceProps) {
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
        const evidence = evidenceOfStep(step.evidence, props);
        if (results.length === 0 && !evidence) return null;
        return (
          <Box key={step.title} mt={1}>
            <Typography variant="overline" component="h6">
              {step.title}
            </Typography>
            {step.evidence === 'tickets' && <LinkedTickets change={change} />}
            {evidence}
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
