import { ChangeEvaluation } from '@change-compliance/plugin-change-compliance-common';
import Chip from '@material-ui/core/Chip';
import { formatUtc } from '../../compliance/formatTime';

/**
 * What sets a change apart from the ordinary: emergency (with the end of its retrospective
 * window, which decides between pending and exception), automated, or exempt paths only. The
 * control requires emergency and automated changes to be shown apart, so they are spelled out.
 */
export function ChangeMarkers(props: { change: ChangeEvaluation; now?: Date }) {
  const { change } = props;
  const now = props.now ?? new Date();
  const chips: string[] = [];
  if (change.emergency) {
    const deadline = change.emergencyDeadline;
    if (!deadline) {
      chips.push('Emergency change');
    } else if (Date.parse(deadline) > now.getTime()) {
      chips.push(
        `Emergency change: retrospective evidence due by ${formatUtc(
          deadline,
        )}`,
      );
    } else {
      chips.push(
        `Emergency change: retrospective window closed ${formatUtc(deadline)}`,
      );
    }
  }
  if (change.automated) chips.push('Automated change');
  if (change.exempt) chips.push('Only exempt paths changed');
  return (
    <>
      {chips.map(text => (
        <Chip
          key={text}
          size="small"
          color={text.startsWith('Emergency') ? 'secondary' : 'default'}
          label={text}
        />
      ))}
    </>
  );
}
