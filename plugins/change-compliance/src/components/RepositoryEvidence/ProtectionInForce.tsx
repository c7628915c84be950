import { BranchProtectionRecord } from '@change-compliance/plugin-change-compliance-common';
import Typography from '@material-ui/core/Typography';
import { formatUtc } from '../../compliance/formatTime';
import { describeProtection } from './protectionSettings';

/**
 * The protection a branch has now: its latest record, since each record stands until the next one
 * of the same branch.
 */
export function ProtectionInForce(props: {
  branch: string;
  latest: BranchProtectionRecord | undefined;
}) {
  const { branch, latest } = props;
  if (!latest) {
    return (
      <Typography variant="body2">
        No protection of {branch} has been recorded: the audit cannot show that
        changes to it need a reviewed pull request.
      </Typography>
    );
  }
  return (
    <>
      <Typography variant="body2" color="textSecondary">
        In force since {formatUtc(latest.observedAt)}
      </Typography>
      <ul aria-label={`Protection of ${branch} in force`}>
        {describeProtection(latest).map(setting => (
          <li key={setting.key}>
            <Typography variant="body2">
              {setting.label}: {setting.value}
            </Typography>
          </li>
        ))}
      </ul>
    </>
  );
}
