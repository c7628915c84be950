import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { RepositoryHost } from '../model';

/** A catalog service the generator writes history for. */
export interface CatalogService {
  name: string;
  entityRef: string;
  /** `owner/name` */
  repository: string;
  /** `gitlab` when the entity names a GitLab project (`gitlab.com/project-slug`); default GitHub. */
  host?: RepositoryHost;
  jiraProject: string;
  /** Group name (default namespace). */
  owner: string;
  type: string;
  /** Monorepo path filter: the directory prefix this service's changes touch. */
  sourceDirectory?: string;
  minApprovals: number;
  /**
   * The Argo CD application that deploys it (`argocd/app-name`), and the instance it is on
   * (`argocd/instance-name`): its production deployments are then Argo CD syncs.
   */
  argoCd?: { application: string; instance?: string };
  /** The label value its pods carry (`backstage.io/kubernetes-id`): it runs on Kubernetes. */
  kubernetesId?: string;
}

export interface CatalogPerson {
  login: string;
  name: string;
  email: string;
  userRef: string;
  groups: string[];
}

/** What the generator needs from a Backstage catalog: services, people and who is in which group. */
export interface GeneratorCatalog {
  /** Services whose repositories are on GitHub. */
  services: CatalogService[];
  /**
   * Services whose repositories are GitLab projects, kept apart so that what reads `services`
   * (the GitHub module's tests) finds only what the simulated GitHub serves.
   */
  gitlabServices?: CatalogService[];
  people: CatalogPerson[];
  /** Group name to the logins of its members. */
  members: Record<string, string[]>;
  /** The change advisory board's logins: they approve tickets. */
  approvers: string[];
}

interface Entity {
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
}

function readEntities(file: string): Entity[] {
  return YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map(doc => doc.toJSON() as Entity | null)
    .filter((e): e is Entity => Boolean(e?.kind));
}

/**
 * Reads the demo catalog (examples/entities.yaml and examples/org.yaml), so that the generated
 * history names the same services, repositories, teams and people the portal shows.
 */
export function readDemoCatalog(examplesDirectory: string): GeneratorCatalog {
  const entities = [
    ...readEntities(path.join(examplesDirectory, 'entities.yaml')),
    ...readEntities(path.join(examplesDirectory, 'org.yaml')),
  ];
  const people: CatalogPerson[] = entities
    .filter(
      e =>
        e.kind === 'User' && e.metadata.annotations?.['github.com/user-login'],
    )
    .map(e => {
      const profile = (e.spec?.profile ?? {}) as {
        displayName?: string;
        email?: string;
      };
      return {
        login: e.metadata.annotations!['github.com/user-login'],
        name: profile.displayName ?? e.metadata.name,
        email: profile.email ?? `${e.metadata.name}@northwind.example`,
        userRef: `user:default/${e.metadata.name}`,
        groups: (e.spec?.memberOf as string[] | undefined) ?? [],
      };
    });
  const members: Record<string, string[]> = {};
  for (const person of people) {
    for (const group of person.groups) {
      (members[group] ??= []).push(person.login);
    }
  }
  const services: CatalogService[] = entities
    .filter(
      e =>
        e.kind === 'Component' &&
        (e.metadata.annotations?.['github.com/project-slug'] ||
          e.metadata.annotations?.['gitlab.com/project-slug']),
    )
    .map(e => {
      const annotations = e.metadata.annotations!;
      const sourcePaths = annotations['change-compliance.io/source-paths'];
      const github = annotations['github.com/project-slug'];
      return {
        name: e.metadata.name,
        entityRef: `component:default/${e.metadata.name}`,
        repository: github ?? annotations['gitlab.com/project-slug'],
        host: github ? ('github' as const) : ('gitlab' as const),
        jiraProject: annotations['jira/project-key'] ?? 'OPS',
        owner: String(e.spec?.owner ?? '').replace(/^group:(default\/)?/, ''),
        type: String(e.spec?.type ?? 'service'),
        sourceDirectory: sourcePaths
          ?.split(',')[0]
          .trim()
          .replace(/\/\*\*$/, ''),
        minApprovals: Number(
          annotations['change-compliance.io/min-approvals'] ?? 1,
        ),
        ...(annotations['argocd/app-name']
          ? {
              argoCd: {
                application: annotations['argocd/app-name'],
                instance: annotations['argocd/instance-name'],
              },
            }
          : {}),
        ...(annotations['backstage.io/kubernetes-id']
          ? { kubernetesId: annotations['backstage.io/kubernetes-id'] }
          : {}),
      };
    });
  const gitlabServices = services.filter(s => s.host === 'gitlab');
  return {
    services: services.filter(s => s.host !== 'gitlab'),
    ...(gitlabServices.length > 0 ? { gitlabServices } : {}),
    people,
    members,
    approvers: members['change-advisory-board'] ?? [],
  };
}
