import fs from 'node:fs';
import path from 'node:path';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  Entity,
  parseEntityRef,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import authPlugin from '@backstage/plugin-auth-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { auditExportPermission } from '@change-compliance/plugin-change-compliance-common';
import YAML from 'yaml';
import permissionPolicyModule from '../permissions/module';
import demoPersonasModule from './demoPersonasModule';

const REPOSITORY_ROOT = path.resolve(__dirname, '../../../..');

function readYamlDocuments(file: string): unknown[] {
  return YAML.parseAllDocuments(
    fs.readFileSync(path.join(REPOSITORY_ROOT, file), 'utf8'),
  ).map(doc => doc.toJSON());
}

/**
 * The demo organisation as the portal's catalog serves it (examples/org.yaml): each user with the
 * `memberOf` relations the catalog's processing derives from `spec.memberOf`, which is what
 * sign-in reads the user's groups from.
 */
const demoOrganisation = readYamlDocuments('examples/org.yaml')
  .filter((doc): doc is Entity => Boolean((doc as Entity | null)?.kind))
  .map(entity => {
    const memberOf = (entity.spec?.memberOf as string[] | undefined) ?? [];
    return {
      ...entity,
      relations: memberOf.map(group => ({
        type: RELATION_MEMBER_OF,
        targetRef: stringifyEntityRef(
          parseEntityRef(group, { defaultKind: 'group' }),
        ),
      })),
    };
  });

/** The demo's persona provider config, exactly as app-config.yaml has it. */
const demoProviderConfig = (
  readYamlDocuments('app-config.yaml')[0] as {
    auth: { providers: { demo: { personas: unknown[] } } };
  }
).auth.providers.demo;

interface RefreshResponse {
  profile: { displayName?: string; email?: string };
  backstageIdentity: {
    token: string;
    identity: { userEntityRef: string; ownershipEntityRefs: string[] };
  };
}

async function startPortalBackend(
  authConfig: object,
  entities: Entity[] = demoOrganisation,
) {
  return startTestBackend({
    features: [
      authPlugin,
      demoPersonasModule,
      permissionPlugin,
      permissionPolicyModule,
      catalogServiceMock.factory({ entities }),
      // The real token services, so the permission backend sees the groups the issued user token
      // stands for, as it does in the portal.
      authServiceFactory,
      httpAuthServiceFactory,
      userInfoServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          auth: authConfig,
          permission: { enabled: true },
        },
      }),
    ],
  });
}

type TestBackend = Awaited<ReturnType<typeof startTestBackend>>;

/** What the sign-in page asks the backend for: a session as the persona named, if any. */
function requestSignIn(backend: TestBackend, persona?: string) {
  return fetch(
    `http://localhost:${backend.server.port()}/api/auth/demo/refresh`,
    {
      headers: {
        'x-requested-with': 'XMLHttpRequest',
        ...(persona === undefined ? {} : { 'x-demo-persona': persona }),
      },
    },
  );
}

describe('demo persona sign-in', () => {
  describe('with the demo config (app-config.yaml) and the demo organisation', () => {
    let backend: TestBackend;

    beforeAll(async () => {
      backend = await startPortalBackend({
        providers: {
          demo: {
            ...demoProviderConfig,
            // Jest runs outside development mode, where the provider refuses by default.
            dangerouslyAllowOutsideDevelopment: true,
          },
        },
      });
    });

    afterAll(async () => {
      await backend?.stop();
    });

    async function signInAs(persona: string): Promise<RefreshResponse> {
      const response = await requestSignIn(backend, persona);
      expect(response.status).toBe(200);
      return (await response.json()) as RefreshResponse;
    }

    async function mayExportAudits(token: string): Promise<AuthorizeResult> {
      const response = await fetch(
        `http://localhost:${backend.server.port()}/api/permission/authorize`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({
            items: [{ id: 'export', permission: auditExportPermission }],
          }),
        },
      );
      expect(response.status).toBe(200);
      const { items } = (await response.json()) as {
        items: Array<{ result: AuthorizeResult }>;
      };
      return items[0].result;
    }

    it.each([
      {
        persona: 'engineer',
        user: 'user:default/alice.nakamura',
        groups: ['group:default/payments-team'],
        displayName: 'Alice Nakamura',
        email: 'alice.nakamura@northwind.example',
        mayExport: AuthorizeResult.DENY,
      },
      {
        persona: 'team-lead',
        user: 'user:default/bob.okafor',
        groups: ['group:default/payments-team'],
        displayName: 'Bob Okafor',
        email: 'bob.okafor@northwind.example',
        mayExport: AuthorizeResult.DENY,
      },
      {
        persona: 'auditor',
        user: 'user:default/henrik.berg',
        groups: ['group:default/auditors'],
        displayName: 'Henrik Berg',
        email: 'henrik.berg@northwind.example',
        mayExport: AuthorizeResult.ALLOW,
      },
    ])(
      'signs in as the $persona: $user with the groups the catalog gives the user',
      async ({ persona, user, groups, displayName, email, mayExport }) => {
        const session = await signInAs(persona);

        expect(session.backstageIdentity.identity.userEntityRef).toBe(user);
        expect(
          [...session.backstageIdentity.identity.ownershipEntityRefs].sort(),
        ).toEqual([user, ...groups].sort());
        expect(session.profile).toMatchObject({ displayName, email });
        // The portal's permission policy decides on those groups: only the auditor may export.
        expect(await mayExportAudits(session.backstageIdentity.token)).toBe(
          mayExport,
        );
      },
    );

    it('refuses a persona the config does not list, and any user named directly', async () => {
      for (const name of ['admin', 'user:default/grace.mensah', 'Auditor']) {
        const response = await requestSignIn(backend, name);
        expect(response.status).toBe(403);
        expect(await response.text()).toContain('x-demo-persona');
      }
    });

    it('asks for the persona when the request names none', async () => {
      const response = await requestSignIn(backend);
      expect(response.status).toBe(400);
      const body = await response.text();
      expect(body).toContain('x-demo-persona');
      expect(body).toContain('engineer, team-lead, auditor');
    });
  });

  it('does not exist without auth.providers.demo', async () => {
    const backend = await startPortalBackend({
      providers: { guest: { userEntityRef: 'user:default/guest' } },
    });
    try {
      const response = await requestSignIn(backend, 'auditor');
      expect(response.status).toBe(404);
    } finally {
      await backend.stop();
    }
  });

  it('refuses outside development mode unless the config allows it', async () => {
    const backend = await startPortalBackend({
      providers: { demo: demoProviderConfig },
    });
    try {
      const response = await requestSignIn(backend, 'auditor');
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('development mode only');
    } finally {
      await backend.stop();
    }
  });

  it('does not sign in as a persona whose user is not in the catalog', async () => {
    const backend = await startPortalBackend(
      {
        providers: {
          demo: {
            personas: [
              { id: 'auditor', userEntityRef: 'user:default/henrik.berg' },
            ],
            dangerouslyAllowOutsideDevelopment: true,
          },
        },
      },
      demoOrganisation.filter(entity => entity.metadata.name !== 'henrik.berg'),
    );
    try {
      const response = await requestSignIn(backend, 'auditor');
      expect(response.status).toBe(404);
    } finally {
      await backend.stop();
    }
  });
});
