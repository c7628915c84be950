import {
  EnvironmentProtectionEvidence,
  hasEnvironmentProtection,
} from '@change-compliance/plugin-change-compliance-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { formatUtc } from '../../compliance/formatTime';
import { EnvironmentProtectionChanges } from './EnvironmentProtectionChanges';
import { describeEnvironmentProtection } from './environmentSettings';

/**
 * One deployment environment: the protection in force now and how it came to be. A production
 * environment without any rule is stated as a finding: nothing there stops a deployment.
 */
export function EnvironmentProtection(props: {
  environment: EnvironmentProtectionEvidence;
}) {
  const { environment, production, history } = props.environment;
  const latest = history[history.length - 1];
  return (
    <Box component="section" aria-label={`Environment ${environment}`} mb={2}>
      <Typography variant="h6" component="h4">
        {environment}
        {production ? ' (production)' : ''}
      </Typography>
      {latest && (
        <Typography variant="body2" color="textSecondary">
          In force since {formatUtc(latest.observedAt)}
        </Typography>
      )}
      {!latest || !hasEnvironmentProtection(latest.settings) ? (
        <Typography
          variant="body2"
          color={production ? 'error' : 'textPrimary'}
          paragraph
        >
          {production
            ? 'No protection rules: any deployment to this production environment proceeds without a reviewer, a wait or a branch restriction.'
            : 'No protection rules.'}
        </Typography>
      ) : (
        <ul aria-label={`Protection of environment ${environment} in force`}>
          {describeEnvironmentProtection(latest.settings).map(setting => (
            <li key={setting.key}>
              <Typography variant="body2">
                {setting.label}: {setting.value}
              </Typography>
            </li>
          ))}
        </ul>
      )}
      <EnvironmentProtectionChanges
        environment={environment}
        records={history}
      />
    </Box>
  );
}
