import { EmptyState } from '@backstage/core-components';
import {
  GITHUB_PROJECT_SLUG_ANNOTATION,
  GITLAB_PROJECT_SLUG_ANNOTATION,
} from '@change-compliance/plugin-change-compliance-common';
import Typography from '@material-ui/core/Typography';

/**
 * The group has nothing to score. Ownership and the repository annotation are both catalog
 * entries, so the message says which two a service needs to appear here.
 */
export function NoOwnedServices() {
  return (
    <EmptyState
      missing="data"
      title="No services to score"
      description={
        <Typography variant="body1" component="span">
          This group owns no services that name a repository (
          <code>{GITHUB_PROJECT_SLUG_ANNOTATION}</code> or{' '}
          <code>{GITLAB_PROJECT_SLUG_ANNOTATION}</code>), directly or through
          its sub-groups. A service appears here when its catalog entry names
          this group or one of its sub-groups as owner and its repository in one
          of these annotations.
        </Typography>
      }
    />
  );
}
