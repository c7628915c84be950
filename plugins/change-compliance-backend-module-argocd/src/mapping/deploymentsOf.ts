import {
  Actor,
  DeploymentRecord,
} from '@change-compliance/plugin-change-compliance-node';
import {
  Application,
  ApplicationSource,
  RevisionHistory,
} from '../client/application';
import { branchOf } from './branchOf';
import { environmentOf, EnvironmentRule } from './environmentOf';
import { isRepository } from './sameRepository';

/** Argo CD's control-plane namespace by default: applications there are known by name alone. */
const DEFAULT_APPLICATION_NAMESPACE = 'argocd';

/** What the mapping needs besides the application. */
export interface DeploymentContext {
  instance: { name: string; url: string };
  /** The catalog entity the application deploys. */
  serviceRef: string;
  /** `owner/name` of the service's repository, when the catalog names one. */
  repository: string | null;
  environments: EnvironmentRule[];
  /** The actor of syncs the automated sync policy started. */
  automatedSyncAccount: string;
}

/** `deployment source` of an instance's records: `argocd:<instance>`. */
export function argoCdSource(instance: string): string {
  return `argocd:${instance}`;
}

/**
 * How the instance's UI and the records name an application: by name in the control plane's
 * namespace, `namespace/name` elsewhere (applications in any namespace may share a name).
 */
function qualifiedName(application: Application): string {
  const { name, namespace } = application.metadata;
  return namespace && namespace !== DEFAULT_APPLICATION_NAMESPACE
    ? `${namespace}/${name}`
    : name;
}

/**
 * The source and revision a sync deployed: of a multi-source application, the source from the
 * service's repository (else the first).
 */
function syncedSource(
  entry: RevisionHistory,
  repository: string | null,
): { source?: ApplicationSource; revision?: string } {
  if (entry.sources && entry.sources.length > 0) {
    const index = Math.max(
      0,
      repository
        ? entry.sources.findIndex(s => isRepository(s.repoURL, repository))
        : 0,
    );
    return {
      source: entry.sources[index],
      revision: entry.revisions?.[index] ?? entry.revision,
    };
  }
  return { source: entry.source, revision: entry.revision };
}

function actorOf(
  entry: RevisionHistory,
  automatedSyncAccount: string,
): Actor | undefined {
  const by = entry.initiatedBy;
  if (by?.automated) return { login: automatedSyncAccount, type: 'Bot' };
  const username = by?.username?.trim();
  if (!username) return undefined;
  return {
    login: username,
    type: 'User',
    // SSO users are known to Argo CD by their e-mail, and to the catalog by the same.
    ...(username.includes('@') ? { email: username } : {}),
  };
}

/**
 * Every sync in an application's history as a deployment record. Argo CD records a sync in its
 * history only when it succeeded and covered the whole application, so each is a deployment
 * that went live (`success`) at `deployedAt`, of the revision synced. That revision is the
 * deployed commit when the source is the service's repository; from another repository (a
 * GitOps config repository, a Helm chart), it is no commit of the service's code: it is kept as
 * the configuration version, and the checks find no such commit in the service's repository
 * rather than a commit guessed from elsewhere.
 */
export function deploymentsOf(
  application: Application,
  context: DeploymentContext,
): DeploymentRecord[] {
  const name = qualifiedName(application);
  const { namespace } = application.metadata;
  const page = `${context.instance.url}/applications/${
    namespace ? `${encodeURIComponent(namespace)}/` : ''
  }${encodeURIComponent(application.metadata.name)}`;
  const environment = environmentOf(
    context.instance.name,
    application.spec.destination,
    context.environments,
  );
  return (application.status?.history ?? []).flatMap(entry => {
    const { source, revision } = syncedSource(entry, context.repository);
    if (!revision) return [];
    const fromServiceRepository = Boolean(
      source &&
        context.repository &&
        isRepository(source.repoURL, context.repository),
    );
    const actor = actorOf(entry, context.automatedSyncAccount);
    const ref = fromServiceRepository
      ? branchOf(source?.targetRevision)
      : undefined;
    return [
      {
        source: argoCdSource(context.instance.name),
        externalId: `${name}/${entry.id}`,
        serviceRef: context.serviceRef,
        environment,
        commitSha: revision,
        ...(fromServiceRepository || !source
          ? {}
          : { configVersion: `${source.repoURL}@${revision}` }),
        deployedAt: new Date(entry.deployedAt).toISOString(),
        ...(actor ? { actor } : {}),
        pipelineRunUrl: page,
        ...(ref ? { ref } : {}),
        status: 'success',
        ticketKeys: [],
      },
    ];
  });
}
