import { EmptyState, InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { EvidenceSources } from './EvidenceSources';

/**
 * The Change Compliance tab of a service: each production deployment traced to its changes,
 * tickets, reviews and approvals, with a verdict per check. Until evidence has been synced it
 * says so and shows where the evidence will come from.
 *
 * @public
 */
export function EntityChangeComplianceContent() {
  const { entity } = useEntity();
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={8}>
        <EmptyState
          missing="data"
          title="No production deployments seen yet"
          description="Deployments of this service appear here once a deployment source has been synced, each with its change set, reviews, tickets and approvals, and a verdict per check."
        />
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard title="Evidence sources">
          <EvidenceSources entity={entity} />
        </InfoCard>
      </Grid>
    </Grid>
  );
}
