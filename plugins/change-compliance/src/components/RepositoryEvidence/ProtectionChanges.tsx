import { BranchProtectionRecord } from '@change-compliance/plugin-change-compliance-common';
import Typography from '@material-ui/core/Typography';
import { formatUtc } from '../../compliance/formatTime';
import { protectionChanges } from './protectionSettings';

/** What a record changed against the one before it, or what the first record established. */
function describeRecord(
  record: BranchProtectionRecord,
  previous: BranchProtectionRecord | undefined,
): string {
  if (!previous) {
    return `First recorded: pull request ${
      record.protected ? 'required' : 'not required'
    }`;
  }
  const changes = protectionChanges(previous, record);
  if (!changes.length) return 'Recorded again, no setting changed';
  return changes
    .map(change => `${change.label}: ${change.before} → ${change.after}`)
    .join('; ');
}

/**
 * Every recorded change of a branch's protection, newest first, so that an auditor can tell what
 * protection stood when a given deployment's changes were merged.
 */
export function ProtectionChanges(props: {
  branch: string;
  records: BranchProtectionRecord[];
}) {
  const { branch, records } = props;
  if (!records.length) return null;
  const entries = records
    .map((record, i) => ({
      record,
      text: describeRecord(record, i > 0 ? records[i - 1] : undefined),
    }))
    .reverse();
  return (
    <>
      <Typography variant="subtitle2">Changes</Typography>
      <ul aria-label={`Changes to the protection of ${branch}`}>
        {entries.map(({ record, text }) => (
          <li key={record.observedAt}>
            <Typography variant="body2">
              {formatUtc(record.observedAt)}: {text}
            </Typography>
          </li>
        ))}
      </ul>
    </>
  );
}
