import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { auditExportPermission } from '@change-compliance/plugin-change-compliance-common';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { changeCompliancePlugin } from './plugin';

jest.setTimeout(60_000);

/**
 * Every documented route against every kind of caller, through the real plugin, the real
 * permission backend and the portal's own permission policy (packages/backend/src/permissions),
 * so that a change to a route's `authorize` call, to the policy or to the plugin's auth policy
 * shows up here as a changed cell.
 */

const ENGINEER = 'user:default/alice.nakamura';
const AUDITOR = 'user:default/henrik.berg';

type Principal = 'anonymous' | 'engineer' | 'auditor' | 'service';
const PRINCIPALS: Principal[] = ['anonymous', 'engineer', 'auditor', 'service'];

// The test backend treats a request without a header as a signed-in user, so the anonymous
// caller sends the mock "no credentials" header explicitly.
const HEADERS: Record<Principal, string> = {
  anonymous: mockCredentials.none.header(),
  engineer: mockCredentials.user.header(ENGINEER),
  auditor: mockCredentials.user.header(AUDITOR),
  service: mockCredentials.service.header(),
};

// Group membership as the catalog's org data (examples/org.yaml) has it: the auditor is in
// group:default/auditors, the portal's default `changeCompliance.auditorGroups`.
const OWNERSHIP: Record<string, string[]> = {
  [ENGINEER]: [ENGINEER, 'group:default/payments-team'],
  [AUDITOR]: [AUDITOR, 'group:default/auditors'],
};

const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: BackstageCredentials) {
      const principal = credentials.principal as { userEntityRef: string };
      return {
        userEntityRef: principal.userEntityRef,
        ownershipEntityRefs: OWNERSHIP[principal.userEntityRef] ?? [
          principal.userEntityRef,
        ],
      };
    },
  }),
});

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments-team', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'payments-api',
      namespace: 'default',
      annotations: { 'github.com/project-slug': 'northwind/payments-api' },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'payments-team' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/payments-team' }],
  },
];

let runs = 0;
/** A valid event with an id not seen before, so that an accepted post is a creation. */
function deploymentEvent(externalId = `run-${++runs}`) {
  return {
    source: 'ci',
    externalId,
    entityRef: 'component:default/payments-api',
    environment: 'production',
    commitSha: 'a'.repeat(40),
    deployedAt: '2026-11-12T10:00:00Z',
    status: 'success',
  };
}

/** Sample values for the path parameters: all name things that exist (`id`: drawn at start). */
const PATH_PARAMS: Record<string, string> = {
  kind: 'component',
  namespace: 'default',
  name: 'payments-api',
  source: 'ci',
  externalId: 'seeded',
};

/** An audit period and scope that holds the seeded deployment. */
const AUDIT_SCOPE = {
  from: '2026-11-01T00:00:00Z',
  to: '2026-12-01T00:00:00Z',
  services: ['component:default/payments-api'],
};

/** What each route that takes a body is sent. */
function bodyOf(route: string): object | undefined {
  if (route === 'POST /deployments') return deploymentEvent();
  if (route === 'POST /audit/samples') return { scope: AUDIT_SCOPE };
  if (route.startsWith('PUT /audit/samples/')) {
    return { conclusion: 'effective', note: 'Evidence complete.' };
  }
  return undefined;
}

/**
 * The expected status of each documented route per caller. Engineers and auditors read the
 * evidence alike; recording deployments is for pipelines only ("a person could otherwise invent
 * deployments"); /health answers load balancers without a token. Samples and evidence packages
 * are the auditors' (change-compliance.audit.export): drawing a sample and marking its changes
 * reviewed are a person's acts, attributed to them, so a service principal may read and export
 * samples but neither draw nor mark.
 */
const MATRIX: Record<string, Record<Principal, number>> = {
  'GET /health': { anonymous: 200, engineer: 200, auditor: 200, service: 200 },
  'GET /policy': { anonymous: 401, engineer: 200, auditor: 200, service: 200 },
  'GET /sources': { anonymous: 401, engineer: 200, auditor: 200, service: 200 },
  'POST /deployments': {
    anonymous: 401,
    engineer: 403,
    auditor: 403,
    service: 201,
  },
  'GET /entities/{kind}/{namespace}/{name}/summary': {
    anonymous: 401,
    engineer: 200,
    auditor: 200,
    service: 200,
  },
  'GET /entities/{kind}/{namespace}/{name}/deployments': {
    anonymous: 401,
    engineer: 200,
    auditor: 200,
    service: 200,
  },
  'GET /groups/{namespace}/{name}/summary': {
    anonymous: 401,
    engineer: 200,
    auditor: 200,
    service: 200,
  },
  'GET /deployments/{source}/{externalId}': {
    anonymous: 401,
    engineer: 200,
    auditor: 200,
    service: 200,
  },
  'GET /deployments/{source}/{externalId}/trace': {
    anonymous: 401,
    engineer: 200,
    auditor: 200,
    service: 200,
  },
  'GET /entities/{kind}/{namespace}/{name}/repository': {
    anonymous: 401,
    engineer: 200,
    auditor: 200,
    service: 200,
  },
  'GET /audit/population': {
    anonymous: 401,
    engineer: 200,
    auditor: 200,
    service: 200,
  },
  'POST /audit/samples': {
    anonymous: 401,
    engineer: 403,
    auditor: 201,
    service: 403,
  },
  'GET /audit/samples': {
    anonymous: 401,
    engineer: 403,
    auditor: 200,
    service: 200,
  },
  'GET /audit/samples/{id}': {
    anonymous: 401,
    engineer: 403,
    auditor: 200,
    service: 200,
  },
  'PUT /audit/samples/{id}/items/{source}/{externalId}/review': {
    anonymous: 401,
    engineer: 403,
    auditor: 200,
    service: 403,
  },
  'GET /audit/samples/{id}/export': {
    anonymous: 401,
    engineer: 403,
    auditor: 200,
    service: 200,
  },
};

/** Query strings of the routes that need one. */
const QUERIES: Record<string, string> = {
  'GET /audit/population': `?from=${AUDIT_SCOPE.from}&to=${AUDIT_SCOPE.to}`,
};

const documented: string[] = Object.entries(
  parse(fs.readFileSync(path.join(__dirname, 'schema', 'openapi.yaml'), 'utf8'))
    .paths as Record<string, object>,
).flatMap(([route, operations]) =>
  Object.keys(operations).map(method => `${method.toUpperCase()} ${route}`),
);

const groupSummaryParams: Record<string, string> = {
  ...PATH_PARAMS,
  name: 'payments-team',
};

function concretePath(route: string): string {
  const params = route.startsWith('/groups/')
    ? groupSummaryParams
    : PATH_PARAMS;
  return route.replace(/\{(\w+)\}/g, (_, param: string) => {
    if (!(param in params)) {
      throw new Error(`No sample value for path parameter ${param}`);
    }
    return encodeURIComponent(params[param]);
  });
}

describe('authorization matrix', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    // Loaded by path: the policy belongs to the portal, which this plugin does not depend on.
    const portalPolicy = jest.requireActual(
      '../../../packages/backend/src/permissions/module',
    ).default;
    const backend = await startTestBackend({
      features: [
        changeCompliancePlugin,
        jest.requireActual('@backstage/plugin-permission-backend').default,
        portalPolicy,
        permissionsServiceFactory,
        userInfoFactory,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: { permission: { enabled: true } },
        }),
      ],
    });
    server = backend.server;

    // The deployment the path parameters name, so that the read routes answer 200, not 404.
    const seeded = await request(server)
      .post('/api/change-compliance/deployments')
      .set('authorization', HEADERS.service)
      .send(deploymentEvent(PATH_PARAMS.externalId));
    if (seeded.status !== 201) {
      throw new Error(
        `Seeding the deployment failed: ${seeded.status} ${seeded.text}`,
      );
    }
    // The store learns the catalog's services (and their repositories) in the scheduled
    // evaluation, which the test backend runs at start: wait for it, so that the repository route
    // has a service to answer about.
    const deadline = Date.now() + 10_000;
    for (;;) {
      const known = await request(server)
        .get(
          '/api/change-compliance/entities/component/default/payments-api/repository',
        )
        .set('authorization', HEADERS.service);
      if (known.status === 200) break;
      if (Date.now() > deadline) {
        throw new Error(`The service never became known: ${known.status}`);
      }
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    // The sample the `id` path parameter names, drawn by the auditor over the seeded deployment.
    const drawn = await request(server)
      .post('/api/change-compliance/audit/samples')
      .set('authorization', HEADERS.auditor)
      .send({ scope: AUDIT_SCOPE });
    if (drawn.status !== 201) {
      throw new Error(
        `Drawing the sample failed: ${drawn.status} ${drawn.text}`,
      );
    }
    PATH_PARAMS.id = drawn.body.id;
  });

  it('has a row for every documented route, and none for an undocumented one', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...documented].sort());
  });

  const cells = Object.entries(MATRIX).flatMap(([route, row]) =>
    PRINCIPALS.map(principal => [route, principal, row[principal]] as const),
  );

  it.each(cells)('%s as %s is %i', async (route, principal, expected) => {
    const [method, routePath] = route.split(' ');
    let call = request(server)
      [method.toLowerCase() as 'get' | 'post' | 'put'](
        `/api/change-compliance${concretePath(routePath)}${
          QUERIES[route] ?? ''
        }`,
      )
      .set('authorization', HEADERS[principal]);
    const body = bodyOf(route);
    if (body) {
      call = call.send(body);
    }
    const response = await call;
    // The body rides along so that a wrong cell shows the error the route gave.
    expect({ status: response.status, body: response.body }).toMatchObject({
      status: expected,
    });
  });

  // Asking the permission backend directly shows that the portal's policy is the one in force, so
  // the audit cells above answer for that policy and not for a default.
  it.each([
    ['engineer', 'DENY'],
    ['auditor', 'ALLOW'],
  ] as const)(
    'the portal policy decides the audit export for the %s: %s',
    async (principal, result) => {
      const response = await request(server)
        .post('/api/permission/authorize')
        .set('authorization', HEADERS[principal])
        .send({
          items: [
            {
              id: 'export',
              permission: {
                type: 'basic',
                name: auditExportPermission.name,
                attributes: auditExportPermission.attributes,
              },
            },
          ],
        });
      expect(response.body).toEqual({ items: [{ id: 'export', result }] });
    },
  );
});
