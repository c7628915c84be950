import { Entity } from '@backstage/catalog-model';
import {
  GITHUB_PROJECT_SLUG_ANNOTATION,
  GITLAB_PROJECT_SLUG_ANNOTATION,
} from '@change-compliance/plugin-change-compliance-common';

/** The source-control host a service's repository is on. */
export type SourceControl = 'github' | 'gitlab';

/** Where a service's changes come from, as its catalog annotation names it. */
export interface ServiceRepository {
  /** `owner/name` on GitHub, `group/project` (subgroups included) on GitLab. */
  slug: string;
  sourceControl: SourceControl;
  /** The annotation that named it, for messages that tell owners what to check. */
  annotation: string;
}

/** The annotations that can name a service's repository, in the order they are read. */
export const REPOSITORY_ANNOTATIONS = [
  GITHUB_PROJECT_SLUG_ANNOTATION,
  GITLAB_PROJECT_SLUG_ANNOTATION,
] as const;

/**
 * The repository the entity names, or undefined when it names none. GitHub's annotation wins
 * when both are set, as the backend reads them: the two must agree on which repository's
 * evidence the service's verdicts rest on.
 */
export function serviceRepository(
  entity: Entity,
): ServiceRepository | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const github = annotations[GITHUB_PROJECT_SLUG_ANNOTATION]?.trim();
  if (github) {
    return {
      slug: github,
      sourceControl: 'github',
      annotation: GITHUB_PROJECT_SLUG_ANNOTATION,
    };
  }
  const gitlab = annotations[GITLAB_PROJECT_SLUG_ANNOTATION]?.trim();
  if (gitlab) {
    return {
      slug: gitlab,
      sourceControl: 'gitlab',
      annotation: GITLAB_PROJECT_SLUG_ANNOTATION,
    };
  }
  return undefined;
}
