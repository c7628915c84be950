import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  GITHUB_PROJECT_SLUG_ANNOTATION,
  GITLAB_PROJECT_SLUG_ANNOTATION,
  JIRA_PROJECT_KEY_ANNOTATION,
  MIN_APPROVALS_ANNOTATION,
  SOURCE_PATHS_ANNOTATION,
} from '@change-compliance/plugin-change-compliance-common';
import {
  ChangePolicy,
  GITHUB_ISSUES_SYSTEM,
  SERVICENOW_SYSTEM,
} from '../policy/ChangePolicy';
import { ServiceToEvaluate } from './ServiceEvaluator';

/**
 * What the catalog says about a service, as the evaluator needs it. Undefined for an entity
 * that names no repository: it has no changes to trace.
 */
export function serviceFromEntity(
  entity: Entity,
  policy: ChangePolicy,
): ServiceToEvaluate | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const github = annotations[GITHUB_PROJECT_SLUG_ANNOTATION]?.trim();
  // A GitLab project when the entity names no GitHub repository.
  const gitlab = github
    ? undefined
    : annotations[GITLAB_PROJECT_SLUG_ANNOTATION]?.trim();
  const repository = github || gitlab;
  if (!repository) return undefined;

  const owners = (entity.relations ?? [])
    .filter(r => r.type === RELATION_OWNED_BY)
    .map(r => r.targetRef);
  const specOwner =
    typeof entity.spec?.owner === 'string' ? entity.spec.owner : undefined;
  if (owners.length === 0 && specOwner) {
    owners.push(
      stringifyEntityRef(
        parseEntityRef(specOwner, {
          defaultKind: 'group',
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      ),
    );
  }

  // The ticket systems whose tickets count for the service: a Jira-style project its
  // `jira/project-key` names; ServiceNow, whose change requests serve the whole organisation; and
  // GitHub Issues, for the repositories the policy lists.
  const projectKey = annotations[JIRA_PROJECT_KEY_ANNOTATION]?.trim();
  const ticketSystems = [
    ...new Set(
      policy.ticketProjects
        .filter(p => {
          if (p.system === SERVICENOW_SYSTEM) return true;
          if (p.system === GITHUB_ISSUES_SYSTEM) {
            return (p.repositories ?? []).some(
              r => r.toLowerCase() === repository.toLowerCase(),
            );
          }
          return p.key === projectKey;
        })
        .map(p => p.system),
    ),
  ];

  // The annotation may only raise the bar; anything else is ignored.
  const annotated = Number(annotations[MIN_APPROVALS_ANNOTATION]);
  const minApprovals =
    Number.isInteger(annotated) && annotated > policy.minApprovals
      ? annotated
      : undefined;

  const paths = annotations[SOURCE_PATHS_ANNOTATION]?.split(',')
    .map(p => p.trim())
    .filter(Boolean);

  return {
    entityRef: stringifyEntityRef(entity),
    repository,
    ...(gitlab ? { sourceControl: 'gitlab' } : {}),
    owningGroups: owners,
    ticketSystems,
    ...(projectKey ? { ticketProjectKey: projectKey } : {}),
    ...(minApprovals ? { minApprovals } : {}),
    ...(paths && paths.length > 0 ? { sourcePaths: paths } : {}),
  };
}
