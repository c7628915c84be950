import { Organisation } from '../model';
import { buildOrganisation } from '../scenario/build';
import { CatalogService, GeneratorCatalog } from './catalog';
import {
  generateServiceScenario,
  GeneratorOptions,
  newCounters,
} from './history';

/**
 * A large synthetic organisation for the benchmarks: `services` services in teams of four, each
 * with its own repository and Jira project, deploying often enough to reach `deployments` in all.
 * Services are generated, built and handed to `onService` one at a time, so memory stays flat
 * however large the organisation.
 */
export function generateLargeOrganisation(
  options: Omit<GeneratorOptions, 'daysBetweenDeployments'> & {
    services: number;
    deployments: number;
  },
  onService: (organisation: Organisation) => void,
): void {
  const teams = Math.max(1, Math.ceil(options.services / 5));
  const people = [];
  const members: Record<string, string[]> = {};
  for (let t = 0; t < teams; t++) {
    const team = `team-${t}`;
    for (let m = 0; m < 4; m++) {
      const login = `dev-${t}-${m}`;
      people.push({
        login,
        name: `Developer ${t}.${m}`,
        email: `${login}@northwind.example`,
        userRef: `user:default/${login}`,
        groups: [team],
      });
      (members[team] ??= []).push(login);
    }
  }
  const approvers = ['cab-0', 'cab-1', 'cab-2'];
  for (const login of approvers) {
    people.push({
      login,
      name: login,
      email: `${login}@northwind.example`,
      userRef: `user:default/${login}`,
      groups: ['change-advisory-board'],
    });
  }
  members['change-advisory-board'] = approvers;

  const days = options.days ?? 175;
  const perService = options.deployments / options.services;
  const counters = newCounters();
  for (let s = 0; s < options.services; s++) {
    const service: CatalogService = {
      name: `service-${s}`,
      entityRef: `component:default/service-${s}`,
      repository: `northwind/service-${s}`,
      jiraProject: `S${s}`,
      owner: `team-${s % teams}`,
      type: 'service',
      minApprovals: 1,
    };
    const catalog: GeneratorCatalog = {
      services: [service],
      people,
      members,
      approvers,
    };
    const scenario = generateServiceScenario(
      service,
      catalog,
      { ...options, days, daysBetweenDeployments: days / perService },
      counters,
    );
    onService(buildOrganisation(scenario));
  }
}
