import crypto from 'node:crypto';
import {
  ArgoCdApplication,
  ArgoCdHistoryEntry,
  GITHUB_WEB,
  Organisation,
} from '../../model';

/** The namespace of Argo CD's control plane, where its Application resources live. */
export const ARGOCD_NAMESPACE = 'argocd';

/**
 * How many syncs an application keeps (`spec.revisionHistoryLimit`). Argo CD's default is 10; the
 * demo's applications keep more, so that six months of history can be read at once. The module
 * keeps every sync it has seen, so a portal that syncs more often than ten deployments needs no
 * more than the default.
 */
export const DEMO_REVISION_HISTORY_LIMIT = 500;

function uid(text: string): string {
  const hex = crypto.createHash('sha1').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(
    12,
    16,
  )}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function repoUrl(application: ArgoCdApplication): string {
  return `${GITHUB_WEB}/${application.repository}.git`;
}

function sourceAt(application: ArgoCdApplication, targetRevision: string) {
  return {
    repoURL: repoUrl(application),
    path: application.path,
    targetRevision,
  };
}

/** `omitempty` as Argo CD's Go types have it: a manual sync has no `automated: false`. */
function initiatedBy(entry: ArgoCdHistoryEntry) {
  return entry.initiatedBy.automated
    ? { automated: true }
    : { username: entry.initiatedBy.username ?? '' };
}

/** A history entry in `status.history[]`'s shape (`RevisionHistory`). */
export function renderHistoryEntry(
  application: ArgoCdApplication,
  entry: ArgoCdHistoryEntry,
) {
  return {
    revision: entry.revision,
    deployedAt: entry.deployedAt,
    id: entry.id,
    source: sourceAt(application, entry.targetRevision),
    deployStartedAt: entry.deployStartedAt,
    initiatedBy: initiatedBy(entry),
  };
}

/**
 * An Application as `GET /api/v1/applications/{name}` answers it (`v1alpha1.Application`): the
 * fields a reader of deployments needs, in Argo CD's names and nesting, with the history the
 * simulated present has reached and the revision history limit applies.
 */
export function renderApplication(
  organisation: Organisation,
  instance: string,
  application: ArgoCdApplication,
) {
  const now = organisation.now;
  const history = application.history
    .filter(h => h.deployedAt <= now)
    .slice(-DEMO_REVISION_HISTORY_LIMIT);
  const last = history[history.length - 1];
  const targetRevision = last?.targetRevision ?? 'HEAD';
  const destination = {
    name: application.destination.name,
    namespace: application.destination.namespace,
  };
  return {
    metadata: {
      name: application.name,
      namespace: ARGOCD_NAMESPACE,
      uid: uid(`${instance}/${application.name}`),
      resourceVersion: String(1000 + history.length),
      generation: history.length + 1,
      creationTimestamp: application.history[0]?.deployStartedAt ?? now,
      labels: { 'backstage-name': application.name },
    },
    spec: {
      source: sourceAt(application, targetRevision),
      destination,
      project: application.project,
      ...(application.automated
        ? { syncPolicy: { automated: { prune: true, selfHeal: true } } }
        : {}),
      revisionHistoryLimit: DEMO_REVISION_HISTORY_LIMIT,
    },
    status: {
      resources: [
        {
          version: 'v1',
          kind: 'Service',
          namespace: application.destination.namespace,
          name: application.name,
          status: 'Synced',
          health: { status: 'Healthy' },
        },
        {
          group: 'apps',
          version: 'v1',
          kind: 'Deployment',
          namespace: application.destination.namespace,
          name: application.name,
          status: 'Synced',
          health: { status: 'Healthy' },
        },
      ],
      sync: {
        status: 'Synced',
        comparedTo: {
          source: sourceAt(application, targetRevision),
          destination,
        },
        revision: last?.revision ?? '',
      },
      health: { status: 'Healthy', lastTransitionTime: last?.deployedAt },
      history: history.map(entry => renderHistoryEntry(application, entry)),
      reconciledAt: now,
      ...(last
        ? {
            operationState: {
              operation: {
                sync: { revision: last.revision },
                initiatedBy: initiatedBy(last),
                retry: {},
              },
              phase: 'Succeeded',
              message: 'successfully synced (all tasks run)',
              syncResult: {
                revision: last.revision,
                source: sourceAt(application, targetRevision),
              },
              startedAt: last.deployStartedAt,
              finishedAt: last.deployedAt,
            },
          }
        : {}),
      sourceType: 'Directory',
      summary: {},
      controllerNamespace: ARGOCD_NAMESPACE,
    },
  };
}
