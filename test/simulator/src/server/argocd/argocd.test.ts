import path from 'node:path';
import { generateDemoOrganisation } from '../../generator';
import { buildOrganisation, scenarioSchema } from '../../scenario';
import { ScenarioDocument } from '../../scenario/schema';
import { createSimulator, Simulator } from '../app';
import { ARGOCD_DEMO_CREDENTIALS } from './credentials';

/**
 * One service whose production deployments are Argo CD syncs on `prod`, the first automated from
 * the default branch, the second started by a person from a release branch, and a staging sync on
 * `staging`; and one plain GitHub deployment of another service in the same repository.
 */
const SCENARIO: ScenarioDocument = {
  now: '2026-11-20T12:00:00Z',
  people: [
    {
      login: 'alice-nakamura',
      name: 'Alice Nakamura',
      email: 'alice.nakamura@northwind.example',
    },
    { login: 'northwind-deploy[bot]', bot: true },
  ],
  repositories: [
    {
      name: 'northwind/web',
      branches: [{ name: 'release/2026-11', from: '2026-11-03T00:00:00Z' }],
      directCommits: [
        {
          message: 'WEB-1 First',
          author: 'alice-nakamura',
          at: '2026-11-02T09:00:00Z',
          files: ['apps/help-centre/index.ts'],
        },
        {
          message: 'WEB-2 Fix on the release branch',
          author: 'alice-nakamura',
          at: '2026-11-04T09:00:00Z',
          branch: 'release/2026-11',
          files: ['apps/help-centre/index.ts'],
        },
      ],
      deployments: [
        {
          id: 1,
          service: 'help-centre',
          environment: 'staging',
          at: '2026-11-02T10:00:00Z',
          by: 'northwind-deploy[bot]',
          argoCd: {
            instance: 'staging',
            application: 'help-centre',
            automated: true,
            path: 'apps/help-centre',
          },
        },
        {
          id: 2,
          service: 'help-centre',
          at: '2026-11-02T11:00:00Z',
          by: 'northwind-deploy[bot]',
          argoCd: {
            instance: 'prod',
            application: 'help-centre',
            automated: true,
            path: 'apps/help-centre',
          },
          expected: {
            verdict: 'exception',
            checks: { 'review.independent': 'fail' },
          },
        },
        {
          id: 3,
          service: 'help-centre',
          ref: 'release/2026-11',
          at: '2026-11-05T11:00:00Z',
          by: 'alice-nakamura',
          argoCd: {
            instance: 'prod',
            application: 'help-centre',
            path: 'apps/help-centre',
          },
          expected: {
            verdict: 'exception',
            checks: { 'review.independent': 'fail' },
          },
        },
        {
          id: 4,
          service: 'web-banking',
          at: '2026-11-06T11:00:00Z',
          by: 'northwind-deploy[bot]',
          expected: {
            verdict: 'exception',
            checks: { 'review.independent': 'fail' },
          },
        },
      ],
    },
  ],
};

describe('Argo CD', () => {
  let sim: Simulator;
  let base: string;
  const organisation = buildOrganisation(scenarioSchema.parse(SCENARIO));
  const prodToken = ARGOCD_DEMO_CREDENTIALS.prod.token;

  async function get(url: string, token: string | null = prodToken) {
    const response = await fetch(`${base}/argocd${url}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    const text = await response.text();
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return { status: response.status, body };
  }

  beforeAll(async () => {
    sim = createSimulator({ organisation });
    base = await sim.listen();
  });
  afterAll(async () => {
    await sim.close();
  });

  it('takes the synced deployments out of GitHub and into the application history', () => {
    const web = organisation.repositories[0];
    expect(web.deployments.map(d => d.id)).toEqual([4]);
    expect(organisation.expected.map(e => e.deploymentId)).toEqual([4]);
    expect(
      organisation.argoCd!.expected.map(e => [
        e.instance,
        e.application,
        e.historyId,
        e.deploymentId,
      ]),
    ).toEqual([
      ['prod', 'help-centre', 0, 2],
      ['prod', 'help-centre', 1, 3],
    ]);
  });

  it('serves an application with its history in Argo CD’s shape', async () => {
    const { status, body } = await get('/prod/api/v1/applications/help-centre');
    expect(status).toBe(200);
    const web = organisation.repositories[0];
    expect(body.metadata).toMatchObject({
      name: 'help-centre',
      namespace: 'argocd',
    });
    expect(body.spec).toMatchObject({
      project: 'default',
      source: {
        repoURL: 'https://github.example/northwind/web.git',
        path: 'apps/help-centre',
        targetRevision: 'release/2026-11',
      },
      destination: { name: 'production', namespace: 'help-centre' },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    });
    expect(body.status.history).toEqual([
      {
        id: 0,
        revision: web.branches.main,
        deployedAt: '2026-11-02T11:00:00Z',
        deployStartedAt: '2026-11-02T10:57:00.000Z',
        source: {
          repoURL: 'https://github.example/northwind/web.git',
          path: 'apps/help-centre',
          targetRevision: 'HEAD',
        },
        initiatedBy: { automated: true },
      },
      {
        id: 1,
        revision: web.branches['release/2026-11'],
        deployedAt: '2026-11-05T11:00:00Z',
        deployStartedAt: '2026-11-05T10:57:00.000Z',
        source: {
          repoURL: 'https://github.example/northwind/web.git',
          path: 'apps/help-centre',
          targetRevision: 'release/2026-11',
        },
        // A manual sync: Argo CD omits `automated: false`.
        initiatedBy: { username: 'alice.nakamura@northwind.example' },
      },
    ]);
    expect(body.status.sync).toMatchObject({
      status: 'Synced',
      revision: web.branches['release/2026-11'],
    });
    expect(body.status.operationState.phase).toBe('Succeeded');
  });

  it('serves each instance its own applications, with its own token', async () => {
    const staging = await get(
      '/staging/api/v1/applications/help-centre',
      ARGOCD_DEMO_CREDENTIALS.staging.token,
    );
    expect(staging.status).toBe(200);
    expect(staging.body.spec.destination.name).toBe('staging');
    expect(staging.body.status.history).toHaveLength(1);

    // One instance's token is no good on another.
    const refused = await get('/staging/api/v1/applications/help-centre');
    expect(refused).toEqual({
      status: 401,
      body: {
        error: 'no session information',
        code: 16,
        message: 'no session information',
      },
    });
    expect((await get('/prod/api/v1/applications', null)).status).toBe(401);
    expect((await get('/nowhere/api/v1/applications')).status).toBe(404);
  });

  it('answers an unknown application with Argo CD’s not-found error', async () => {
    expect(await get('/prod/api/v1/applications/nothing')).toEqual({
      status: 404,
      body: {
        error: 'applications.argoproj.io "nothing" not found',
        code: 5,
        message: 'applications.argoproj.io "nothing" not found',
      },
    });
    expect(
      (await get('/prod/api/v1/applications/help-centre?appNamespace=team-a'))
        .status,
    ).toBe(404);
  });

  it('lists applications by name, label selector, project and namespace', async () => {
    const names = async (query: string) =>
      (await get(`/prod/api/v1/applications${query}`)).body.items.map(
        (a: any) => a.metadata.name,
      );
    expect(await names('')).toEqual(['help-centre']);
    expect(await names('?selector=backstage-name%3Dhelp-centre')).toEqual([
      'help-centre',
    ]);
    expect(await names('?selector=backstage-name%3Dother')).toEqual([]);
    expect(await names('?selector=backstage-name%21%3Dhelp-centre')).toEqual(
      [],
    );
    expect(await names('?name=help-centre&projects=default')).toEqual([
      'help-centre',
    ]);
    expect(await names('?projects=payments')).toEqual([]);
    expect(await names('?appNamespace=argocd')).toEqual(['help-centre']);
    expect(await names('?appNamespace=team-a')).toEqual([]);
  });

  it('exchanges a user name and password for a token', async () => {
    const login = (password: string) =>
      fetch(`${base}/argocd/prod/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'portal', password }),
      });
    const ok = await login(ARGOCD_DEMO_CREDENTIALS.prod.password);
    expect(ok.status).toBe(200);
    const { token } = (await ok.json()) as { token: string };
    expect((await get('/prod/api/v1/applications', token)).status).toBe(200);
    expect((await login('wrong')).status).toBe(401);
  });

  it('answers injected faults on its paths', async () => {
    sim.faults.set([{ path: '/argocd/prod/.*', kind: 'status-503', times: 1 }]);
    expect((await get('/prod/api/v1/applications')).status).toBe(503);
    expect((await get('/prod/api/v1/applications')).status).toBe(200);
    sim.faults.clear();
  });
});

describe('the demo organisation on Argo CD', () => {
  const organisation = generateDemoOrganisation({
    examplesDirectory: path.resolve(__dirname, '../../../../../examples'),
    seed: 42,
    now: '2026-11-20T00:00:00.000Z',
  });

  it('deploys help-centre to production with Argo CD, and to staging on a second instance', () => {
    const instances = organisation.argoCd!.instances;
    expect(instances.map(i => i.name)).toEqual(['prod', 'staging']);
    const [prod, staging] = instances.map(i => i.applications[0]);
    expect(prod.service).toBe('component:default/help-centre');
    expect(prod.destination.name).toBe('production');
    expect(staging.destination.name).toBe('staging');
    expect(prod.history.length).toBeGreaterThan(30);
    expect(staging.history).toHaveLength(prod.history.length);
    // Mostly started by the sync policy, now and then by a person (their SSO e-mail).
    const manual = prod.history.filter(h => !h.initiatedBy.automated);
    expect(manual.length).toBeGreaterThan(0);
    expect(manual.length).toBeLessThan(prod.history.length / 2);
    expect(
      manual.every(h => h.initiatedBy.username?.endsWith('@northwind.example')),
    ).toBe(true);
    expect(prod.history.every(h => h.targetRevision === 'HEAD')).toBe(true);
    expect(organisation.argoCd!.expected).toHaveLength(prod.history.length);
    // GitHub knows none of these deployments, and the GitHub answer key names none of them.
    const web = organisation.repositories.find(r => r.name === 'web')!;
    expect(
      web.deployments.filter(d => d.payload.service === 'help-centre'),
    ).toEqual([]);
    expect(
      organisation.expected.filter(
        e => e.service === 'component:default/help-centre',
      ),
    ).toEqual([]);
    // Every synced revision is a commit of the repository.
    const shas = new Set(web.commits.map(c => c.sha));
    expect(prod.history.every(h => shas.has(h.revision))).toBe(true);
  });
});
