import {
  ExpectedArgoCdDeployment,
  ExpectedDeployment,
  Organisation,
} from '../model';
import { sampleOrganisation } from '../__testUtils__/sampleOrganisation';
import { createSimulator, Simulator } from './app';

function expectedDeployment(
  deploymentId: number,
  repository: string,
): ExpectedDeployment {
  return {
    service: `component:default/${repository.split('/')[1]}`,
    repository,
    deploymentId,
    sha: 'a'.repeat(40),
    environment: 'production',
    deployedAt: '2026-06-02T12:00:00.000Z',
    checks: {} as ExpectedDeployment['checks'],
    verdict: 'compliant',
    messiness: [],
    changes: [],
  };
}

const argoCdSync: ExpectedArgoCdDeployment = {
  ...expectedDeployment(4, 'northwind/web'),
  service: 'component:default/help-centre',
  instance: 'prod',
  application: 'help-centre',
  historyId: 4,
};

/** The sample organisation with an expected GitHub deployment (its own list is empty). */
function organisationOnGitHub(): Organisation {
  return {
    ...sampleOrganisation(3),
    expected: [
      expectedDeployment(1, 'northwind/payments-api'),
      expectedDeployment(2, 'northwind/payments-api'),
    ],
  };
}

/** The same, with a GitLab project's and an Argo CD sync's expectations added. */
function organisationOfThreeSources(): Organisation {
  const organisation = organisationOnGitHub();
  return {
    ...organisation,
    gitlab: {
      expected: [
        expectedDeployment(7, 'northwind-payments/settlement-service'),
      ],
    },
    argoCd: { instances: [], expected: [argoCdSync] },
  };
}

describe('GET /_simulator/expected', () => {
  let simulator: Simulator;
  let base: string;

  afterEach(async () => {
    await simulator.close();
  });

  async function serve(organisation: Organisation) {
    simulator = createSimulator({ organisation });
    base = await simulator.listen(0, '127.0.0.1');
  }

  async function expected(query = '') {
    const response = await fetch(`${base}/_simulator/expected${query}`);
    return { status: response.status, body: await response.json() };
  }

  it("lists GitHub's, GitLab's and Argo CD's expectations, each naming its source", async () => {
    const organisation = organisationOfThreeSources();
    await serve(organisation);

    const { status, body } = await expected();
    expect(status).toBe(200);
    expect(body).toEqual([
      ...organisation.expected.map(e => ({ ...e, source: 'github' })),
      {
        ...organisation.gitlab!.expected[0],
        source: 'gitlab',
      },
      { ...argoCdSync, source: 'argocd:prod' },
    ]);
  });

  it('narrows the list to one source', async () => {
    const organisation = organisationOfThreeSources();
    await serve(organisation);

    expect(
      (await expected('?source=github')).body.map(
        (e: ExpectedDeployment) => e.deploymentId,
      ),
    ).toEqual([1, 2]);
    expect(
      (await expected('?source=gitlab')).body.map(
        (e: ExpectedDeployment) => e.repository,
      ),
    ).toEqual(['northwind-payments/settlement-service']);
    expect((await expected('?source=argocd')).body).toEqual([
      { ...argoCdSync, source: 'argocd:prod' },
    ]);
    expect(await expected('?source=bitbucket')).toEqual({
      status: 400,
      body: { error: 'source must be one of github, gitlab, argocd' },
    });
  });

  it('lists only GitHub deployments for an organisation without GitLab or Argo CD', async () => {
    const organisation = organisationOnGitHub();
    await serve(organisation);

    const { body } = await expected();
    expect(body).toEqual(
      organisation.expected.map(e => ({ ...e, source: 'github' })),
    );
  });
});
