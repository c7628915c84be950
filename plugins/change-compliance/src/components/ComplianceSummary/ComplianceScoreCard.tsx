import { InfoCard } from '@backstage/core-components';
import {
  CHECK_IDS,
  CheckId,
  ServiceSummary,
} from '@change-compliance/plugin-change-compliance-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { CHECK_LABELS } from '../../compliance/checkVocabulary';
import { formatUtcDate } from '../../compliance/formatTime';

/**
 * Rounded down, so that a service with one exception in a thousand never reads 100%.
 */
export function formatScore(score: number): string {
  return `${Math.floor(score * 1000) / 10}%`;
}

function plural(count: number, one: string, many: string) {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * The service's compliance score over the period, always with the counts it comes from (never a
 * bare percentage), and the checks that failed most often, each a shortcut to its exceptions.
 */
export function ComplianceScoreCard(props: {
  summary: ServiceSummary;
  periodLabel: string;
  onShowFailing?: (checkId: CheckId) => void;
}) {
  const { summary, periodLabel, onShowFailing } = props;
  const scored = summary.compliant + summary.exceptions;
  const failing = CHECK_IDS.filter(
    id => (summary.failuresByCheck[id] ?? 0) > 0,
  ).sort(
    (a, b) =>
      (summary.failuresByCheck[b] ?? 0) - (summary.failuresByCheck[a] ?? 0),
  );
  return (
    <InfoCard
      title="Compliance score"
      subheader={`${periodLabel[0].toUpperCase()}${periodLabel.slice(
        1,
      )}, since ${formatUtcDate(summary.from)} (UTC)`}
    >
      <Box aria-label="Compliance score" role="group">
        <Typography variant="h3" component="p">
          {summary.score === null ? 'Not scored' : formatScore(summary.score)}
        </Typography>
        <Typography variant="body1">
          {scored === 0
            ? 'No evaluated deployment in this period to score.'
            : `${summary.compliant} of ${plural(
                scored,
                'scored deployment',
                'scored deployments',
              )} compliant; ${plural(
                summary.exceptions,
                'exception',
                'exceptions',
              )}.`}
        </Typography>
        {summary.pending > 0 && (
          <Typography variant="body2" color="textSecondary">
            {plural(summary.pending, 'deployment', 'deployments')} pending: an
            emergency change's retrospective window is open; not scored until it
            closes.
          </Typography>
        )}
      </Box>
      {failing.length > 0 && (
        <Box mt={2}>
          <Typography variant="overline" component="h3">
            Failing most often
          </Typography>
          <List dense disablePadding aria-label="Failing most often">
            {failing.map(checkId => (
              <ListItem key={checkId} disableGutters>
                <Button
                  size="small"
                  onClick={() => onShowFailing?.(checkId)}
                  title={`Show the deployments where ${checkId} failed`}
                >
                  {CHECK_LABELS[checkId]}: {summary.failuresByCheck[checkId]}
                </Button>
              </ListItem>
            ))}
          </List>
        </Box>
      )}
    </InfoCard>
  );
}
