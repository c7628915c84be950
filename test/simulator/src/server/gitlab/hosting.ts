import { Organisation, Repository, RepositoryHost } from '../../model';
import { SimulatorContext } from '../context';

export function hostOf(repository: Repository): RepositoryHost {
  return repository.host ?? 'github';
}

const views = new WeakMap<Organisation, Map<RepositoryHost, Organisation>>();

/**
 * The organisation as one host sees it: only the repositories it hosts. A GitLab project is not
 * on GitHub, so the simulated GitHub answers 404 for it as github.com would. One view per
 * organisation and host, so that what the servers derive from an organisation stays cached.
 */
export function hostedOn(
  organisation: Organisation,
  host: RepositoryHost,
): Organisation {
  let byHost = views.get(organisation);
  if (!byHost) {
    byHost = new Map();
    views.set(organisation, byHost);
  }
  let view = byHost.get(host);
  if (!view) {
    view = {
      ...organisation,
      repositories: organisation.repositories.filter(r => hostOf(r) === host),
    };
    byHost.set(host, view);
  }
  return view;
}

/** The context a host's router is given: the same simulator, only that host's repositories. */
export function contextOfHost(
  context: SimulatorContext,
  host: RepositoryHost,
): SimulatorContext {
  return {
    ...context,
    organisation: () => hostedOn(context.organisation(), host),
  };
}
