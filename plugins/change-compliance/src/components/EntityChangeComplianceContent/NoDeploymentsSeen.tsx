import { EmptyState, InfoCard } from '@backstage/core-components';
import { Entity } from '@backstage/catalog-model';
import {
  GITHUB_PROJECT_SLUG_ANNOTATION,
  GITLAB_PROJECT_SLUG_ANNOTATION,
} from '@change-compliance/plugin-change-compliance-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { serviceRepository } from '../../compliance/serviceRepository';
import { EvidenceSources } from './EvidenceSources';
import { RepositorySyncStatus } from './RepositorySyncStatus';

/**
 * The history is empty for the whole period. The commonest cause is the repository annotation,
 * so the message names it and what it holds, says how the repository last synced, and lists
 * where the evidence comes from.
 */
export function NoDeploymentsSeen(props: {
  entity: Entity;
  periodLabel: string;
}) {
  const { entity, periodLabel } = props;
  const repository = serviceRepository(entity);
  const description = (
    <>
      <Typography variant="body1" component="span" display="block" paragraph>
        {repository ? (
          <>
            Is the <code>{repository.annotation}</code> annotation right? It
            names <strong>{repository.slug}</strong>: deployments are read from
            that{' '}
            {repository.sourceControl === 'gitlab' ? 'project' : 'repository'}
            &apos;s deployments to a production environment, from the syncs of
            the Argo CD applications the entity names, and from the deployment
            events pipelines send for this entity.
          </>
        ) : (
          <>
            This entity has no <code>{GITHUB_PROJECT_SLUG_ANNOTATION}</code> or{' '}
            <code>{GITLAB_PROJECT_SLUG_ANNOTATION}</code> annotation: add one
            naming its repository as <code>owner/name</code>.
          </>
        )}
      </Typography>
      {repository && <RepositorySyncStatus repository={repository.slug} />}
    </>
  );
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={8}>
        <EmptyState
          missing="data"
          title={`No production deployments seen in the ${periodLabel}`}
          description={description}
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
