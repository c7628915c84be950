import {
  GITHUB_PROJECT_SLUG_ANNOTATION,
  GITLAB_PROJECT_SLUG_ANNOTATION,
} from '@change-compliance/plugin-change-compliance-common';
import Typography from '@material-ui/core/Typography';

/**
 * The store knows no repository for this service yet: either the annotation is missing or wrong,
 * or its repository has not been synced. Both are for the service's owners to check.
 */
export function RepositoryNotSynced(props: { repository?: string }) {
  const { repository } = props;
  return (
    <Typography variant="body2">
      {repository ? (
        <>
          The repository evidence of <strong>{repository}</strong> (named by the{' '}
          <code>{GITHUB_PROJECT_SLUG_ANNOTATION}</code> or{' '}
          <code>{GITLAB_PROJECT_SLUG_ANNOTATION}</code> annotation) has not been
          synced yet. Check the annotation, or wait for the next sync.
        </>
      ) : (
        <>
          The repository evidence has not been synced yet: this entity has no{' '}
          <code>{GITHUB_PROJECT_SLUG_ANNOTATION}</code> or{' '}
          <code>{GITLAB_PROJECT_SLUG_ANNOTATION}</code> annotation naming its
          repository as <code>owner/name</code>.
        </>
      )}
    </Typography>
  );
}
