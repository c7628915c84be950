import { InfoCard } from '@backstage/core-components';
import { auditExportPermission } from '@change-compliance/plugin-change-compliance-common';
import Typography from '@material-ui/core/Typography';

/**
 * Said where the sampling would be, to a viewer who may not draw samples: why the controls are
 * missing, and what they can still see.
 */
export function NoAuditPermission() {
  return (
    <InfoCard title="Sampling and evidence packages">
      <Typography variant="body1" paragraph>
        Drawing a sample, marking sampled changes as reviewed and exporting the
        evidence package are for auditors: they need the{' '}
        <code>{auditExportPermission.name}</code> permission, which you do not
        have.
      </Typography>
      <Typography variant="body2" color="textSecondary">
        The policy, the evidence sources and the population above are yours to
        read. Ask the portal's administrators if you audit this control.
      </Typography>
    </InfoCard>
  );
}
