import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { catalogAuditCatalog } from './AuditCatalog';

function entity(
  kind: string,
  name: string,
  spec: JsonObject,
  relations: Array<[string, string]> = [],
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec,
    relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
  };
}

describe('catalogAuditCatalog', () => {
  const catalog = catalogAuditCatalog({
    auth: mockServices.auth(),
    catalog: catalogServiceMock({
      entities: [
        entity('System', 'payments', { owner: 'payments-team' }),
        entity('System', 'empty', { owner: 'payments-team' }),
        entity('Group', 'engineering', { type: 'org', children: [] }, [
          ['parentOf', 'group:default/payments-team'],
        ]),
        entity('Group', 'payments-team', { type: 'team', children: [] }),
        // Placed in its system by the catalog's relation.
        entity(
          'Component',
          'payments-api',
          { type: 'service', owner: 'payments-team', system: 'payments' },
          [
            ['partOf', 'system:default/payments'],
            ['ownedBy', 'group:default/payments-team'],
          ],
        ),
        // Only its spec names the system (as before the catalog has stitched it).
        entity('Component', 'ledger-service', {
          type: 'service',
          owner: 'payments-team',
          system: 'default/payments',
        }),
        entity(
          'Component',
          'web-banking',
          { type: 'website', owner: 'engineering' },
          [['ownedBy', 'group:default/engineering']],
        ),
      ],
    }),
  });

  it('expands a system to the entities that are part of it, and knows an empty one', async () => {
    expect(await catalog.systemServices('system:default/payments')).toEqual([
      'component:default/payments-api',
    ]);
    expect(await catalog.systemServices('system:default/empty')).toEqual([]);
    expect(
      await catalog.systemServices('system:default/nowhere'),
    ).toBeUndefined();
  });

  it('expands a group to what it and its sub-groups own, and knows no unknown group', async () => {
    expect(await catalog.groupServices('group:default/engineering')).toEqual([
      'component:default/payments-api',
      'component:default/web-banking',
    ]);
    expect(await catalog.groupServices('group:default/nobody')).toBeUndefined();
  });

  it("names each service's system, from its relation or its spec", async () => {
    expect(
      Object.fromEntries(
        await catalog.systemsOf([
          'component:default/payments-api',
          'component:default/ledger-service',
          'component:default/web-banking',
          'component:default/gone',
        ]),
      ),
    ).toEqual({
      'component:default/payments-api': 'system:default/payments',
      'component:default/ledger-service': 'system:default/payments',
    });
  });
});
