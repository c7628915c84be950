import { Entity } from '@backstage/catalog-model';
import { CatalogIdentities } from './CatalogIdentities';

const user = (
  name: string,
  options: { login?: string; email?: string; memberOf?: string[] },
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: {
    name,
    namespace: 'default',
    ...(options.login
      ? { annotations: { 'github.com/user-login': options.login } }
      : {}),
  },
  spec: {
    profile: options.email ? { email: options.email } : {},
    memberOf: options.memberOf ?? [],
  },
});

const group = (name: string, parent?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
});

describe('CatalogIdentities', () => {
  const identities = CatalogIdentities.fromEntities([
    group('engineering'),
    group('payments-team', 'engineering'),
    group('change-advisory-board'),
    user('alice.nakamura', {
      login: 'Alice-Nakamura',
      email: 'alice.nakamura@northwind.example',
      memberOf: ['payments-team'],
    }),
    user('grace.mensah', {
      email: 'grace.mensah@northwind.example',
      memberOf: ['group:default/change-advisory-board'],
    }),
  ]);

  it('finds a GitHub login through the user-login annotation, whatever its case, with parent groups', () => {
    expect(identities.resolve({ login: 'alice-nakamura' })).toEqual({
      login: 'alice-nakamura',
      userRef: 'user:default/alice.nakamura',
      groups: ['group:default/engineering', 'group:default/payments-team'],
    });
  });

  it('finds a Jira or ServiceNow account through the profile e-mail', () => {
    expect(
      identities.resolve({
        login: '5f2a9c0d1e',
        email: 'Grace.Mensah@northwind.example',
      }),
    ).toMatchObject({
      userRef: 'user:default/grace.mensah',
      groups: ['group:default/change-advisory-board'],
    });
  });

  it('finds a Jira or ServiceNow account by e-mail only, never by a GitHub login it happens to share', () => {
    // A Jira user name that is Alice's GitHub login belongs to someone else.
    const jiraNamesake = {
      login: 'alice-nakamura',
      email: 'a.n@contractor.example',
    };
    expect(identities.resolve(jiraNamesake, 'other')).toEqual(jiraNamesake);
    expect(identities.resolve(jiraNamesake)).toMatchObject({
      userRef: 'user:default/alice.nakamura',
    });
  });

  it('leaves an account the catalog does not know as it is: it qualifies for nothing', () => {
    const stranger = { login: 'mallory', email: 'mallory@example.com' };
    expect(identities.resolve(stranger)).toBe(stranger);
    const bot = { login: 'dependabot[bot]', type: 'Bot' as const };
    expect(identities.resolve(bot)).toBe(bot);
  });

  it('keeps groups the source already knew and adds the catalog ones', () => {
    expect(
      identities.resolve({
        login: 'alice-nakamura',
        groups: ['group:default/github-admins'],
      }).groups,
    ).toEqual([
      'group:default/github-admins',
      'group:default/engineering',
      'group:default/payments-team',
    ]);
  });

  it('follows the relations the catalog computed, not only the spec', () => {
    const fromRelations = CatalogIdentities.fromEntities([
      {
        ...group('web-team'),
        relations: [
          { type: 'childOf', targetRef: 'group:default/engineering' },
        ],
      },
      {
        ...user('emma.larsen', { login: 'emma-larsen' }),
        relations: [{ type: 'memberOf', targetRef: 'group:default/web-team' }],
      },
    ]);
    expect(fromRelations.resolve({ login: 'emma-larsen' }).groups).toEqual([
      'group:default/engineering',
      'group:default/web-team',
    ]);
  });
});
