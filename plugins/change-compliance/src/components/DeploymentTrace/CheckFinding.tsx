import { CheckResult } from '@change-compliance/plugin-change-compliance-common';
import Box from '@material-ui/core/Box';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { CHECK_LABELS, CHECK_REMEDIES } from '../../compliance/checkVocabulary';
import { CheckStatusChip } from '../DeploymentHistory/CheckStatusChip';

/**
 * One check's result with the backend's one-sentence reason. A failing or pending check also says
 * what would fix it; a passing one keeps its reason, because that reason is the evidence (who
 * approved, when, on which commit).
 */
export function CheckFinding(props: { result: CheckResult }) {
  const { checkId, status, reason } = props.result;
  const needsAction = status === 'fail' || status === 'pending';
  return (
    <ListItem
      disableGutters
      alignItems="flex-start"
      aria-label={`${CHECK_LABELS[checkId]} (${checkId}): ${status}`}
    >
      <Box display="flex" flexDirection="column">
        <Box display="flex" alignItems="center" style={{ gap: 8 }}>
          <CheckStatusChip checkId={checkId} status={status} />
          <Typography variant="caption" color="textSecondary">
            {checkId}
          </Typography>
        </Box>
        <Typography variant="body2">{reason}</Typography>
        {needsAction && (
          <Typography variant="body2" color="textSecondary">
            <strong>What would fix it:</strong> {CHECK_REMEDIES[checkId]}
          </Typography>
        )}
      </Box>
    </ListItem>
  );
}
