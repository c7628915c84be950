import { DeploymentDetail } from '@change-compliance/plugin-change-compliance-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { formatUtc } from '../../compliance/formatTime';
import { VerdictChip } from '../DeploymentHistory/VerdictChip';

/**
 * Every re-evaluation that changed the verdict, with its time and cause (a review synced late, a
 * ticket edited), so an auditor can tell what was known when.
 */
export function VerdictHistory(props: {
  history: DeploymentDetail['history'];
  evaluatedAt?: string;
}) {
  const { history, evaluatedAt } = props;
  return (
    <>
      <Typography variant="body2" color="textSecondary">
        {evaluatedAt
          ? `Last evaluated ${formatUtc(evaluatedAt)}.`
          : 'Not evaluated yet.'}
      </Typography>
      {history.length > 0 && (
        <List dense aria-label="Verdict changes">
          {history.map(entry => (
            <ListItem
              key={`${entry.evaluatedAt}-${entry.verdict}`}
              disableGutters
            >
              <ListItemText
                primary={
                  <>
                    {formatUtc(entry.evaluatedAt)}:{' '}
                    <VerdictChip verdict={entry.verdict} />
                    {entry.previousVerdict
                      ? ` (was ${entry.previousVerdict})`
                      : ' (first verdict)'}
                  </>
                }
                secondary={entry.cause}
              />
            </ListItem>
          ))}
        </List>
      )}
    </>
  );
}
