import { mockCredentials } from '@backstage/backend-test-utils';
import { PermissionsService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { RememberedPermissions } from './RememberedPermissions';

const read = createPermission({ name: 'test.read', attributes: {} });
const exportIt = createPermission({ name: 'test.export', attributes: {} });

/** A permissions service that answers from a table and counts what it was asked. */
function portalPermissions(allowed: Record<string, string[]>) {
  const asked: string[] = [];
  const service: PermissionsService = {
    async authorize(requests, { credentials }) {
      const principal = credentials.principal as {
        userEntityRef?: string;
        subject?: string;
      };
      const who = principal.userEntityRef ?? principal.subject ?? 'nobody';
      return requests.map(request => {
        asked.push(`${who} ${request.permission.name}`);
        return {
          result: (allowed[who] ?? []).includes(request.permission.name)
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
        };
      });
    },
    async authorizeConditional() {
      throw new Error('not used');
    },
  };
  return { service, asked };
}

describe('RememberedPermissions', () => {
  const alice = mockCredentials.user('user:default/alice');
  const bob = mockCredentials.user('user:default/bob');
  let clock = 0;
  const now = () => clock;

  beforeEach(() => {
    clock = 1_000_000;
  });

  it('asks the policy once per caller and permission within the period', async () => {
    const portal = portalPermissions({ 'user:default/alice': ['test.read'] });
    const permissions = new RememberedPermissions(portal.service, {
      seconds: 10,
      now,
    });

    for (let i = 0; i < 3; i++) {
      const [decision] = await permissions.authorize([{ permission: read }], {
        credentials: alice,
      });
      expect(decision.result).toBe(AuthorizeResult.ALLOW);
    }
    expect(portal.asked).toEqual(['user:default/alice test.read']);
  });

  it('keeps callers and permissions apart, denials included', async () => {
    const portal = portalPermissions({ 'user:default/alice': ['test.read'] });
    const permissions = new RememberedPermissions(portal.service, {
      seconds: 10,
      now,
    });
    const decide = async (credentials: typeof alice, permission = read) =>
      (await permissions.authorize([{ permission }], { credentials }))[0]
        .result;

    expect(await decide(alice)).toBe(AuthorizeResult.ALLOW);
    expect(await decide(bob)).toBe(AuthorizeResult.DENY);
    expect(await decide(alice, exportIt)).toBe(AuthorizeResult.DENY);
    expect(await decide(bob)).toBe(AuthorizeResult.DENY);
    expect(portal.asked).toEqual([
      'user:default/alice test.read',
      'user:default/bob test.read',
      'user:default/alice test.export',
    ]);
  });

  it('asks again once the period is over', async () => {
    const portal = portalPermissions({ 'user:default/alice': ['test.read'] });
    const permissions = new RememberedPermissions(portal.service, {
      seconds: 10,
      now,
    });
    await permissions.authorize([{ permission: read }], { credentials: alice });
    clock += 9_999;
    await permissions.authorize([{ permission: read }], { credentials: alice });
    clock += 1;
    await permissions.authorize([{ permission: read }], { credentials: alice });
    expect(portal.asked).toHaveLength(2);
  });

  it('remembers nothing with 0 seconds or for several permissions at once', async () => {
    const portal = portalPermissions({});
    const permissions = new RememberedPermissions(portal.service, {
      seconds: 0,
      now,
    });
    await permissions.authorize([{ permission: read }], { credentials: alice });
    await permissions.authorize([{ permission: read }], { credentials: alice });
    expect(portal.asked).toHaveLength(2);

    const remembering = new RememberedPermissions(portal.service, {
      seconds: 10,
      now,
    });
    const both = [{ permission: read }, { permission: exportIt }];
    await remembering.authorize(both, { credentials: alice });
    await remembering.authorize(both, { credentials: alice });
    expect(portal.asked).toHaveLength(6);
  });

  it('remembers service principals by their subject, and nothing for anonymous callers', async () => {
    const portal = portalPermissions({ 'plugin:catalog': ['test.read'] });
    const permissions = new RememberedPermissions(portal.service, {
      seconds: 10,
      now,
    });
    const service = mockCredentials.service('plugin:catalog');
    await permissions.authorize([{ permission: read }], {
      credentials: service,
    });
    await permissions.authorize([{ permission: read }], {
      credentials: service,
    });
    await permissions.authorize([{ permission: read }], {
      credentials: mockCredentials.none(),
    });
    await permissions.authorize([{ permission: read }], {
      credentials: mockCredentials.none(),
    });
    expect(portal.asked).toEqual([
      'plugin:catalog test.read',
      'nobody test.read',
      'nobody test.read',
    ]);
  });
});
