import { Entity } from '@backstage/catalog-model';
import { basePolicy } from '../engine/__testUtils__/baseline';
import { serviceFromEntity } from './serviceFromEntity';

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'web-banking', namespace: 'default', annotations },
    spec: { type: 'website', owner: 'web-team', lifecycle: 'production' },
  };
}

describe('serviceFromEntity', () => {
  it('reads repository, owner, ticket system, stricter approvals and monorepo paths', () => {
    expect(
      serviceFromEntity(
        entity({
          'github.com/project-slug': 'northwind/web',
          'jira/project-key': 'PAY',
          'change-compliance.io/min-approvals': '2',
          'change-compliance.io/source-paths':
            'apps/web-banking/**, libs/ui/**',
        }),
        basePolicy(),
      ),
    ).toEqual({
      entityRef: 'component:default/web-banking',
      repository: 'northwind/web',
      owningGroups: ['group:default/web-team'],
      ticketSystems: ['jira'],
      ticketProjectKey: 'PAY',
      minApprovals: 2,
      sourcePaths: ['apps/web-banking/**', 'libs/ui/**'],
    });
  });

  it('reads a GitLab project from gitlab.com/project-slug, and GitHub’s annotation first', () => {
    expect(
      serviceFromEntity(
        entity({ 'gitlab.com/project-slug': 'payments/settlement' }),
        basePolicy(),
      ),
    ).toMatchObject({
      repository: 'payments/settlement',
      sourceControl: 'gitlab',
    });
    const both = serviceFromEntity(
      entity({
        'github.com/project-slug': 'northwind/web',
        'gitlab.com/project-slug': 'payments/settlement',
      }),
      basePolicy(),
    );
    expect(both?.repository).toBe('northwind/web');
    expect(both).not.toHaveProperty('sourceControl');
  });

  it('knows no ticket system for a project key the policy does not configure', () => {
    expect(
      serviceFromEntity(
        entity({
          'github.com/project-slug': 'northwind/web',
          'jira/project-key': 'OPS',
        }),
        basePolicy(),
      )?.ticketSystems,
    ).toEqual([]);
  });

  it('counts ServiceNow for every service, and GitHub Issues for the repositories the policy lists', () => {
    const policy = {
      ...basePolicy(),
      ticketProjects: [
        { system: 'jira', key: 'PAY' },
        { system: 'servicenow', key: 'CHG' },
        {
          system: 'github-issues',
          key: 'WEB',
          repositories: ['Northwind/Web'],
        },
      ],
    };
    const systems = (annotations: Record<string, string>) =>
      serviceFromEntity(entity(annotations), policy)?.ticketSystems;
    expect(
      systems({
        'github.com/project-slug': 'northwind/web',
        'jira/project-key': 'PAY',
      }),
    ).toEqual(['jira', 'servicenow', 'github-issues']);
    expect(systems({ 'github.com/project-slug': 'northwind/api' })).toEqual([
      'servicenow',
    ]);
  });

  it('never lets an annotation lower the approvals the policy asks for', () => {
    const policy = { ...basePolicy(), minApprovals: 2 };
    const service = serviceFromEntity(
      entity({
        'github.com/project-slug': 'northwind/web',
        'change-compliance.io/min-approvals': '1',
      }),
      policy,
    );
    expect(service?.minApprovals).toBeUndefined();
  });

  it('has nothing to evaluate for an entity without a repository', () => {
    expect(serviceFromEntity(entity({}), basePolicy())).toBeUndefined();
  });
});
