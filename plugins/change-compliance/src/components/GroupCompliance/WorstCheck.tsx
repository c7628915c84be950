import { CheckId } from '@change-compliance/plugin-change-compliance-common';
import Typography from '@material-ui/core/Typography';
import { CHECK_LABELS } from '../../compliance/checkVocabulary';

/** The check a service failed most often in the period, by name with its id beside it. */
export function WorstCheck(props: { checkId?: CheckId }) {
  const { checkId } = props;
  if (!checkId) {
    return (
      <Typography variant="body2" color="textSecondary">
        None failed
      </Typography>
    );
  }
  return (
    <>
      <Typography variant="body2">{CHECK_LABELS[checkId]}</Typography>
      <Typography variant="caption" color="textSecondary" component="div">
        {checkId}
      </Typography>
    </>
  );
}
