import { RepositoryEvidence } from '@change-compliance/plugin-change-compliance-common';
import Typography from '@material-ui/core/Typography';
import { EnvironmentProtection } from './EnvironmentProtection';

/**
 * The repository's deployment environments, production ones first. Where none is recorded, or
 * none the policy counts as production, that is said, so that the gap reads as a gap.
 */
export function EnvironmentsProtection(props: {
  evidence: RepositoryEvidence;
}) {
  const { environments = [], productionEnvironments = [] } = props.evidence;
  const ordered = [...environments].sort(
    (a, b) =>
      Number(b.production) - Number(a.production) ||
      a.environment.localeCompare(b.environment),
  );
  const production = productionEnvironments.join(', ') || 'none';
  return (
    <section aria-label="Environment protection">
      <Typography variant="h6" component="h3">
        Environment protection
      </Typography>
      {!ordered.length ? (
        <Typography variant="body2" color="error" paragraph>
          {`No deployment environment has been recorded for this repository: the audit cannot show what guards deployments to production (${production}).`}
        </Typography>
      ) : (
        <>
          {!ordered.some(e => e.production) && (
            <Typography variant="body2" color="error" paragraph>
              None of the recorded environments is one the policy counts as
              production ({production}).
            </Typography>
          )}
          {ordered.map(environment => (
            <EnvironmentProtection
              key={environment.environment}
              environment={environment}
            />
          ))}
        </>
      )}
    </section>
  );
}
