import { applicationSchema } from '../client/application';
import single from '../__fixtures__/application.json';
import multiSource from '../__fixtures__/multiSourceApplication.json';
import gitOps from '../__fixtures__/gitOpsApplication.json';
import { branchOf } from './branchOf';
import { deploymentsOf, DeploymentContext } from './deploymentsOf';
import { environmentOf } from './environmentOf';
import { isRepository } from './sameRepository';

const context = (
  overrides: Partial<DeploymentContext> = {},
): DeploymentContext => ({
  instance: { name: 'eu', url: 'https://argocd.acme.example' },
  serviceRef: 'component:default/payments-api',
  repository: 'acme/payments-api',
  environments: [{ cluster: 'prod-*', environment: 'production' }],
  automatedSyncAccount: 'argocd-automated-sync',
  ...overrides,
});

describe('deploymentsOf', () => {
  it('records every sync of an application’s history as a successful deployment', () => {
    const records = deploymentsOf(applicationSchema.parse(single), context());
    expect(records).toEqual([
      {
        source: 'argocd:eu',
        externalId: 'payments-api/17',
        serviceRef: 'component:default/payments-api',
        environment: 'production',
        commitSha: '1a2b3c4d5e6f708192a3b4c5d6e7f80912a3b4c5',
        deployedAt: '2026-10-02T08:15:03.000Z',
        pipelineRunUrl:
          'https://argocd.acme.example/applications/argocd/payments-api',
        status: 'success',
        ticketKeys: [],
      },
      {
        source: 'argocd:eu',
        externalId: 'payments-api/18',
        serviceRef: 'component:default/payments-api',
        environment: 'production',
        commitSha: '2b3c4d5e6f708192a3b4c5d6e7f80912a3b4c5d6',
        deployedAt: '2026-11-03T14:22:10.000Z',
        actor: {
          login: 'alice.nakamura@acme.example',
          type: 'User',
          email: 'alice.nakamura@acme.example',
        },
        pipelineRunUrl:
          'https://argocd.acme.example/applications/argocd/payments-api',
        ref: 'release/2026.11',
        status: 'success',
        ticketKeys: [],
      },
      {
        source: 'argocd:eu',
        externalId: 'payments-api/19',
        serviceRef: 'component:default/payments-api',
        environment: 'production',
        commitSha: '9f2c4b1a7e6d5c3b2a19087f6e5d4c3b2a190876',
        deployedAt: '2026-11-10T12:04:31.000Z',
        // The automated sync policy: the configured account, marked as a bot.
        actor: { login: 'argocd-automated-sync', type: 'Bot' },
        pipelineRunUrl:
          'https://argocd.acme.example/applications/argocd/payments-api',
        status: 'success',
        ticketKeys: [],
      },
    ]);
  });

  it('takes the service’s own source of a multi-source application, and its revision', () => {
    const [record] = deploymentsOf(applicationSchema.parse(multiSource), {
      ...context(),
      serviceRef: 'component:default/ledger-service',
      repository: 'acme/ledger-service',
    });
    expect(record).toMatchObject({
      // Outside the control plane's namespace an application is known as namespace/name.
      externalId: 'team-payments/ledger/4',
      commitSha: '7c6b5a4938271605f4e3d2c1b0a9f8e7d6c5b4a3',
      ref: 'main',
      // No rule matches the server: the server URL is the environment (not production).
      environment: 'https://10.20.0.1:6443',
      actor: { login: 'admin', type: 'User' },
      pipelineRunUrl:
        'https://argocd.acme.example/applications/team-payments/ledger',
    });
    expect(record.configVersion).toBeUndefined();
  });

  it('keeps a revision of another repository as the configuration version, never as a branch', () => {
    const [record] = deploymentsOf(applicationSchema.parse(gitOps), {
      ...context(),
      serviceRef: 'component:default/checkout',
      repository: 'acme/checkout',
      environments: [
        { cluster: 'https://kubernetes.default.svc', environment: 'staging' },
        { namespace: 'checkout', environment: 'production' },
      ],
    });
    expect(record).toMatchObject({
      externalId: 'checkout/0',
      // Not a commit of acme/checkout: the checks find it in no branch of the service's repository.
      commitSha: 'e5d4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a',
      configVersion:
        'https://github.com/acme/gitops-config@e5d4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a',
      environment: 'staging',
    });
    expect(record.ref).toBeUndefined();
  });

  it('records nothing for a history entry without a revision, and no actor where Argo CD names none', () => {
    const application = applicationSchema.parse({
      ...single,
      status: {
        history: [
          { id: 1, deployedAt: '2026-11-01T00:00:00Z' },
          {
            id: 2,
            revision: 'abc1234',
            deployedAt: '2026-11-02T00:00:00Z',
            initiatedBy: {},
          },
        ],
      },
    });
    const records = deploymentsOf(application, context());
    expect(records.map(r => r.externalId)).toEqual(['payments-api/2']);
    expect(records[0].actor).toBeUndefined();
  });

  it('refuses a history entry whose time is not a time', () => {
    expect(
      applicationSchema.safeParse({
        ...single,
        status: { history: [{ id: 1, revision: 'a', deployedAt: 'soon' }] },
      }).success,
    ).toBe(false);
  });
});

describe('environmentOf', () => {
  const destination = {
    name: 'prod-eu-1',
    server: 'https://prod.k8s',
    namespace: 'pay',
  };

  it('takes the first rule whose every criterion matches', () => {
    expect(
      environmentOf('eu', destination, [
        { instance: 'us', environment: 'us-production' },
        { cluster: 'prod-*', namespace: 'other', environment: 'x' },
        { cluster: 'prod-*', namespace: 'pay', environment: 'production' },
        { environment: 'fallback' },
      ]),
    ).toBe('production');
    expect(
      environmentOf('us', destination, [
        { instance: 'us', environment: 'us-production' },
      ]),
    ).toBe('us-production');
  });

  it('is the cluster’s name without a matching rule, else its server', () => {
    expect(environmentOf('eu', destination, [])).toBe('prod-eu-1');
    expect(environmentOf('eu', { server: 'https://prod.k8s' }, [])).toBe(
      'https://prod.k8s',
    );
  });
});

describe('branchOf', () => {
  it.each([
    ['HEAD', undefined],
    ['', undefined],
    [undefined, undefined],
    ['main', 'main'],
    ['release/2026.11', 'release/2026.11'],
    ['refs/heads/main', 'main'],
    ['refs/tags/v1.2.0', undefined],
    ['v1.2.0', undefined],
    ['3.4.1', undefined],
    ['9f2c4b1', undefined],
    ['9f2c4b1a7e6d5c3b2a19087f6e5d4c3b2a190876', undefined],
  ])('%s is branch %s', (revision, branch) => {
    expect(branchOf(revision)).toBe(branch);
  });
});

describe('isRepository', () => {
  it.each([
    'https://github.com/acme/web.git',
    'https://github.com/acme/web',
    'https://github.com/Acme/Web/',
    'git@github.com:acme/web.git',
    'ssh://git@github.com/acme/web.git',
  ])('%s is acme/web', url => {
    expect(isRepository(url, 'acme/web')).toBe(true);
  });

  it('tells another repository apart', () => {
    expect(isRepository('https://github.com/acme/web-config', 'acme/web')).toBe(
      false,
    );
    expect(isRepository('https://charts.acme.example', 'acme/web')).toBe(false);
  });
});
