import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ownedServices } from './ownedServices';

function group(name: string, children: string[]): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children },
    relations: children.map(child => ({
      type: 'parentOf',
      targetRef: `group:default/${child}`,
    })),
  };
}

function component(name: string, owner: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', owner, lifecycle: 'production' },
    relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
  };
}

describe('ownedServices', () => {
  const catalog = catalogServiceMock({
    entities: [
      group('engineering', ['payments-team', 'web-team']),
      group('payments-team', []),
      group('web-team', []),
      group('auditors', []),
      component('payments-api', 'payments-team'),
      component('ledger-service', 'payments-team'),
      component('web-banking', 'web-team'),
      component('platform-tool', 'engineering'),
      component('audit-tool', 'auditors'),
    ],
  });

  it('includes what sub-groups own', async () => {
    expect(
      await ownedServices({
        catalog,
        auth: mockServices.auth(),
        groupRef: 'group:default/engineering',
      }),
    ).toEqual([
      'component:default/ledger-service',
      'component:default/payments-api',
      'component:default/platform-tool',
      'component:default/web-banking',
    ]);
  });

  it('is only the group itself for a team without sub-groups', async () => {
    expect(
      await ownedServices({
        catalog,
        auth: mockServices.auth(),
        groupRef: 'group:default/payments-team',
      }),
    ).toEqual([
      'component:default/ledger-service',
      'component:default/payments-api',
    ]);
  });

  it('asks the catalog once per level of sub-groups, and follows a loop of groups once', async () => {
    const looped = catalogServiceMock({
      entities: [
        group('department', ['team-a', 'team-b', 'team-c']),
        group('team-a', ['department']),
        group('team-b', ['squad']),
        group('team-c', []),
        group('squad', ['team-b']),
        component('a-service', 'team-a'),
        component('squad-service', 'squad'),
      ],
    });
    const lookups = jest.spyOn(looped, 'getEntitiesByRefs');
    expect(
      await ownedServices({
        catalog: looped,
        auth: mockServices.auth(),
        groupRef: 'group:default/department',
      }),
    ).toEqual([
      'component:default/a-service',
      'component:default/squad-service',
    ]);
    // department; the three teams; the squad.
    expect(lookups).toHaveBeenCalledTimes(3);
  });

  it('is nothing for a group the catalog does not know', async () => {
    expect(
      await ownedServices({
        catalog,
        auth: mockServices.auth(),
        groupRef: 'group:default/nobody',
      }),
    ).toEqual([]);
  });
});
