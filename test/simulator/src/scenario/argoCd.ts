import {
  ArgoCdApplication,
  ArgoCdInstance,
  ArgoCdOrganisation,
  ExpectedArgoCdDeployment,
  ExpectedDeployment,
  Person,
  Repository,
} from '../model';
import { ScenarioRepository } from './schema';

const MINUTE_MS = 60_000;

function entityRef(service: string): string {
  return service.includes(':') ? service : `component:default/${service}`;
}

/**
 * Takes the deployments a scenario marks as Argo CD syncs out of their repositories' GitHub
 * deployments and into the history of their Argo CD applications, and their answer key out of
 * the GitHub deployments' into Argo CD's. A sync deploys the commit a GitHub deployment at the
 * same time would have deployed (the branch's head then), so the builder builds both alike first.
 */
export function separateArgoCdSyncs(options: {
  specs: ScenarioRepository[];
  repositories: Repository[];
  expected: ExpectedDeployment[];
  person: (login: string) => Person;
}): { argoCd?: ArgoCdOrganisation; expected: ExpectedDeployment[] } {
  const { specs, repositories, person } = options;
  const instances = new Map<string, ArgoCdInstance>();
  const applications = new Map<string, ArgoCdApplication>();
  const syncs: {
    application: ArgoCdApplication;
    instance: string;
    /** `owner/name#id` of the deployment it replaces. */
    deployment: string;
    at: string;
    entry: ArgoCdApplication['history'][number];
  }[] = [];

  specs.forEach((spec, index) => {
    const repository = repositories[index];
    const marked = new Map(
      spec.deployments.filter(d => d.argoCd).map(d => [d.id, d]),
    );
    if (marked.size === 0) return;
    const slug = `${repository.owner}/${repository.name}`;
    for (const deployment of repository.deployments) {
      const d = marked.get(deployment.id);
      if (!d?.argoCd) continue;
      const { instance, application: name, automated, path } = d.argoCd;
      const key = `${instance}/${name}`;
      let application = applications.get(key);
      if (!application) {
        application = {
          name,
          service: entityRef(d.service),
          project: 'default',
          repository: slug,
          path,
          // The cluster is named after its environment; the module maps it (its README).
          destination: {
            name: d.environment,
            server: `https://${d.environment}.k8s.northwind.example`,
            namespace: name,
          },
          automated: false,
          history: [],
        };
        applications.set(key, application);
        if (!instances.has(instance)) {
          instances.set(instance, { name: instance, applications: [] });
        }
        instances.get(instance)!.applications.push(application);
      }
      if (automated) application.automated = true;
      syncs.push({
        application,
        instance,
        deployment: `${slug}#${deployment.id}`,
        at: d.at,
        entry: {
          id: 0,
          revision: deployment.sha,
          // Argo CD's own word for the repository's default branch.
          targetRevision:
            deployment.ref === repository.defaultBranch
              ? 'HEAD'
              : deployment.ref,
          deployStartedAt: new Date(
            Date.parse(d.at) - 3 * MINUTE_MS,
          ).toISOString(),
          deployedAt: d.at,
          initiatedBy: automated
            ? { automated: true }
            : { username: person(d.by).email, automated: false },
        },
      });
    }
    // GitHub never heard of these deployments.
    repository.deployments = repository.deployments.filter(
      x => !marked.has(x.id),
    );
  });
  if (syncs.length === 0) return { expected: options.expected };

  syncs.sort((a, b) => a.at.localeCompare(b.at));
  for (const sync of syncs) {
    sync.entry.id = sync.application.history.length;
    sync.application.history.push(sync.entry);
  }
  const bySync = new Map(syncs.map(s => [s.deployment, s]));
  const expected: ExpectedDeployment[] = [];
  const argoCdExpected: ExpectedArgoCdDeployment[] = [];
  for (const e of options.expected) {
    const sync = bySync.get(`${e.repository}#${e.deploymentId}`);
    if (!sync) {
      expected.push(e);
      continue;
    }
    argoCdExpected.push({
      ...e,
      instance: sync.instance,
      application: sync.application.name,
      historyId: sync.entry.id,
    });
  }
  return {
    argoCd: {
      instances: [...instances.values()].sort((a, b) =>
        a.name.localeCompare(b.name),
      ),
      expected: argoCdExpected.sort((a, b) =>
        a.deployedAt.localeCompare(b.deployedAt),
      ),
    },
    expected,
  };
}
