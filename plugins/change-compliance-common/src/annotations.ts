/**
 * Entity annotations the plugin reads to find a service's evidence. They are the ones the
 * community plugins already use, so a catalog that works with those needs no new annotations.
 */

/** The GitHub repository of a service, as `owner/name`. @public */
export const GITHUB_PROJECT_SLUG_ANNOTATION = 'github.com/project-slug';

/** The GitLab project of a service, as `group/project` (the community GitLab plugin's). @public */
export const GITLAB_PROJECT_SLUG_ANNOTATION = 'gitlab.com/project-slug';

/** The Jira project whose keys reference this service's changes. @public */
export const JIRA_PROJECT_KEY_ANNOTATION = 'jira/project-key';

/**
 * Paths inside a shared repository (monorepo) that belong to this service, comma separated
 * globs. Without it the whole repository is the service's.
 * @public
 */
export const SOURCE_PATHS_ANNOTATION = 'change-compliance.io/source-paths';

/**
 * A stricter minimum of approvals for one service (e.g. `2` for a payments service). It can only
 * raise the policy's `minApprovals`, never lower it.
 * @public
 */
export const MIN_APPROVALS_ANNOTATION = 'change-compliance.io/min-approvals';

/** Annotations through which a service can name where its evidence comes from. @public */
export const EVIDENCE_SOURCE_ANNOTATIONS = [
  GITHUB_PROJECT_SLUG_ANNOTATION,
  JIRA_PROJECT_KEY_ANNOTATION,
  SOURCE_PATHS_ANNOTATION,
] as const;
