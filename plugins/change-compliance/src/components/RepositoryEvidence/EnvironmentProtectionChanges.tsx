import {
  EnvironmentProtectionRecord,
  hasEnvironmentProtection,
} from '@change-compliance/plugin-change-compliance-common';
import Typography from '@material-ui/core/Typography';
import { formatUtc } from '../../compliance/formatTime';
import { environmentProtectionChanges } from './environmentSettings';

/** The most recent changes shown; older ones stay in the evidence package and the API. */
const SHOWN = 5;

function describeRecord(
  record: EnvironmentProtectionRecord,
  previous: EnvironmentProtectionRecord | undefined,
): string {
  if (!previous) {
    return hasEnvironmentProtection(record.settings)
      ? 'First recorded'
      : 'First recorded: no protection rules';
  }
  const changes = environmentProtectionChanges(
    previous.settings,
    record.settings,
  );
  if (!changes.length) return 'Recorded again, no setting changed';
  return changes
    .map(change => `${change.label}: ${change.before} → ${change.after}`)
    .join('; ');
}

/**
 * The latest changes of an environment's protection, newest first, so that an auditor can tell
 * what protection stood when a deployment went there.
 */
export function EnvironmentProtectionChanges(props: {
  environment: string;
  records: EnvironmentProtectionRecord[];
}) {
  const { environment, records } = props;
  if (!records.length) return null;
  const entries = records
    .map((record, i) => ({
      record,
      text: describeRecord(record, i > 0 ? records[i - 1] : undefined),
    }))
    .reverse();
  const hidden = entries.length - SHOWN;
  return (
    <>
      <Typography variant="subtitle2">Changes</Typography>
      <ul
        aria-label={`Changes to the protection of environment ${environment}`}
      >
        {entries.slice(0, SHOWN).map(({ record, text }) => (
          <li key={record.observedAt}>
            <Typography variant="body2">
              {formatUtc(record.observedAt)}: {text}
            </Typography>
          </li>
        ))}
      </ul>
      {hidden > 0 && (
        <Typography variant="body2" color="textSecondary">
          {hidden} earlier {hidden === 1 ? 'change' : 'changes'} not shown.
        </Typography>
      )}
    </>
  );
}
