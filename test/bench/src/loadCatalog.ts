/*
 * The catalog of the load benchmark's organisation, as a portal would hold it: one Component per
 * synthetic service (its repository and Jira project annotated, owned by its team), a team per
 * service under departments of 20 teams, the two developers of each team with their GitHub
 * logins, the change advisory board, and the guest who signs in. A department lead's rollup
 * therefore walks the department's sub-groups, as the group route does for any team lead.
 */
import fs from 'node:fs';

/** Teams per department: the size of a department lead's rollup. */
export const TEAMS_PER_DEPARTMENT = 20;

export function departmentCount(services: number): number {
  return Math.ceil(services / TEAMS_PER_DEPARTMENT);
}

export function departmentName(index: number): string {
  return `department-${index}`;
}

function group(name: string, parent?: string) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name },
    spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
  };
}

function user(name: string, memberOf: string[], githubLogin?: string) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: {
      name,
      ...(githubLogin
        ? { annotations: { 'github.com/user-login': githubLogin } }
        : {}),
    },
    spec: { memberOf },
  };
}

/** The catalog's entities; the names match the synthetic evidence's logins and groups. */
export function catalogEntities(services: number): object[] {
  const entities: object[] = [
    group('cab'),
    user('cab-member', ['cab'], 'cab-member'),
    user('guest', []),
  ];
  for (let d = 0; d < departmentCount(services); d++) {
    entities.push(group(departmentName(d)));
  }
  for (let s = 0; s < services; s++) {
    const team = `team-${s}`;
    entities.push(
      group(team, departmentName(Math.floor(s / TEAMS_PER_DEPARTMENT))),
      user(`dev-${s}-a`, [team], `dev-${s}-a`),
      user(`dev-${s}-b`, [team], `dev-${s}-b`),
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: `service-${s}`,
          annotations: {
            'github.com/project-slug': `bench/service-${s}`,
            'jira/project-key': `S${s}`,
          },
        },
        spec: { type: 'service', lifecycle: 'production', owner: team },
      },
    );
  }
  return entities;
}

/** Writes the entities as one YAML file of JSON documents (JSON is YAML). */
export function writeCatalogFile(file: string, services: number) {
  const entities = catalogEntities(services);
  fs.writeFileSync(
    file,
    entities.map(entity => JSON.stringify(entity)).join('\n---\n'),
  );
  return entities.length;
}
