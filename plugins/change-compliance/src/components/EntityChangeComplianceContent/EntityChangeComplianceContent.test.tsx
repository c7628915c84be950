import { EntityProvider } from '@backstage/plugin-catalog-react';
import { configApiRef } from '@backstage/core-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  ChangeComplianceApi,
  changeComplianceApiRef,
} from '../../api/ChangeComplianceApi';
import { CHECK_REMEDIES } from '../../compliance/checkVocabulary';
import {
  compliantDeployments,
  mockChangeComplianceApi,
  page,
  REVIEW_REASON,
  summaryWithAnException,
  TICKET_REASON,
  unreviewedDeployment,
} from '../../__testUtils__/complianceEvidence';
import { Entity } from '@backstage/catalog-model';
import {
  helpCentreEntity,
  paymentsApiEntity,
  settlementServiceEntity,
} from '../../__testUtils__/demoEntity';
import { EntityChangeComplianceContent } from './EntityChangeComplianceContent';

function renderTab(
  api: ChangeComplianceApi,
  entity: Entity = paymentsApiEntity,
) {
  return renderInTestApp(
    <TestApiProvider apis={[[changeComplianceApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityChangeComplianceContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

const ENTITY_REF = 'component:default/payments-api';

/** A service whose period holds one exception: the unreviewed v1.4.2. */
function apiWithAnException() {
  return mockChangeComplianceApi({
    getServiceSummary: jest.fn().mockResolvedValue(summaryWithAnException),
    getServiceDeployments: jest
      .fn()
      .mockResolvedValue(page([unreviewedDeployment])),
  });
}

/** Opens the trace of the unreviewed v1.4.2 and waits for its reasons. */
async function openTheException() {
  fireEvent.click(
    await screen.findByRole('button', {
      name: 'Show the trace of v1.4.2 (github/9001)',
    }),
  );
  return screen.findByRole('region', {
    name: 'What keeps this deployment from being compliant',
  });
}

/** The failing review, with the backend's reason and what would fix it. */
function expectTheMissingReview(unmet: HTMLElement) {
  expect(
    within(unmet).getByText(`pr:northwind/payments-api#42: ${REVIEW_REASON}`),
  ).toBeInTheDocument();
  expect(
    within(unmet).getByText(CHECK_REMEDIES['review.independent']),
  ).toBeInTheDocument();
}

/** The trace of the one change v1.4.2 carried, PR #42. */
function theChange() {
  return screen.getByRole('region', {
    name: 'Change pr:northwind/payments-api#42',
  });
}

const PR_URL = 'https://github.com/northwind/payments-api/pull/42';

describe('EntityChangeComplianceContent', () => {
  it('shows progress while the summary loads', async () => {
    const api = mockChangeComplianceApi({
      getServiceSummary: jest.fn().mockReturnValue(new Promise(() => {})),
    });
    await renderTab(api);

    expect(
      await screen.findByRole('progressbar', {
        name: 'Loading the change compliance summary',
      }),
    ).toBeInTheDocument();
    expect(api.getServiceDeployments).not.toHaveBeenCalled();
  });

  it('explains an error of the backend', async () => {
    const api = mockChangeComplianceApi({
      getServiceSummary: jest
        .fn()
        .mockRejectedValue(
          new Error('Not allowed: change-compliance.evidence.read'),
        ),
    });
    await renderTab(api);

    expect(
      await screen.findByText(
        /Could not load the change compliance of this service/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/Not allowed: change-compliance.evidence.read/)
        .length,
    ).toBeGreaterThan(0);
  });

  it('names the repository annotation when no deployment was seen', async () => {
    const api = mockChangeComplianceApi({
      getSources: jest.fn().mockResolvedValue({
        sources: [
          {
            provider: 'github',
            scope: 'northwind/payments-api',
            lastStartedAt: '2026-11-03T12:00:00.000Z',
            lastSucceededAt: '2026-11-03T12:01:00.000Z',
            lastFailedAt: null,
            cursor: null,
            lastError: null,
            consecutiveFailures: 0,
            itemsSynced: 0,
          },
        ],
        rounds: [],
      }),
    });
    await renderTab(api);

    expect(
      await screen.findByText(
        'No production deployments seen in the last 90 days',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('github.com/project-slug')).toBeInTheDocument();
    expect(
      screen.getAllByText('northwind/payments-api').length,
    ).toBeGreaterThan(0);
    expect(
      await screen.findByText(
        'northwind/payments-api was last synced at 2026-11-03 12:01 UTC (0 items so far).',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'Evidence sources' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Not scored')).toBeInTheDocument();
    // Nothing narrowed the history but the period: the empty state is about the service.
    expect(api.getServiceDeployments).toHaveBeenCalledWith(ENTITY_REF, {
      from: expect.stringMatching(/T00:00:00.000Z$/),
      environment: undefined,
      verdict: undefined,
      check: undefined,
      page: 1,
      pageSize: 25,
    });
  });

  it('names the GitLab annotation and project of a service on GitLab', async () => {
    const project = 'northwind-payments/settlement-service';
    const api = mockChangeComplianceApi({
      getSources: jest.fn().mockResolvedValue({
        sources: [
          {
            provider: 'gitlab',
            scope: project,
            lastStartedAt: '2026-11-03T12:00:00.000Z',
            lastSucceededAt: null,
            lastFailedAt: '2026-11-03T12:01:00.000Z',
            cursor: null,
            lastError: '404 Project Not Found',
            consecutiveFailures: 1,
            itemsSynced: 0,
          },
        ],
        rounds: [],
      }),
    });
    await renderTab(api, settlementServiceEntity);

    expect(
      await screen.findByText(
        'No production deployments seen in the last 90 days',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('gitlab.com/project-slug')).toBeInTheDocument();
    expect(
      screen.queryByText('github.com/project-slug'),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText(/project's deployments to a production environment/),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(new RegExp(`The last sync of ${project} failed`)),
    ).toBeInTheDocument();
    const sources = screen.getByRole('list', { name: 'Evidence sources' });
    expect(
      within(sources).getByText(
        'GitLab project (changes, reviews, deployments)',
      ),
    ).toBeInTheDocument();
    expect(within(sources).getByText(project)).toBeInTheDocument();
    // The history and the repository evidence are asked for the service, as for one on GitHub.
    expect(api.getServiceSummary).toHaveBeenCalledWith(
      'component:default/settlement-service',
      expect.anything(),
    );
    expect(api.getServiceDeployments).toHaveBeenCalledWith(
      'component:default/settlement-service',
      expect.anything(),
    );
  });

  it("links a GitLab service's changes and commits to its GitLab", async () => {
    const api = apiWithAnException();
    const config = mockApis.config({
      data: {
        integrations: {
          gitlab: [
            {
              host: 'gitlab.northwind.example',
              baseUrl: 'https://gitlab.northwind.example/',
            },
          ],
        },
      },
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [changeComplianceApiRef, api],
          [configApiRef, config],
        ]}
      >
        <EntityProvider entity={settlementServiceEntity}>
          <EntityChangeComplianceContent />
        </EntityProvider>
      </TestApiProvider>,
    );
    await openTheException();

    expect(
      within(theChange()).getByRole('link', {
        name: 'Pull request northwind/payments-api#42',
      }),
    ).toHaveAttribute(
      'href',
      'https://gitlab.northwind.example/northwind/payments-api/-/merge_requests/42',
    );
    const record = screen.getByRole('table', { name: 'Deployment record' });
    expect(
      within(record).getByRole('link', {
        name: unreviewedDeployment.commitSha,
      }),
    ).toHaveAttribute(
      'href',
      `https://gitlab.northwind.example/northwind-payments/settlement-service/-/commit/${unreviewedDeployment.commitSha}`,
    );
  });

  it('lists the Argo CD application of a service Argo CD deploys', async () => {
    const api = mockChangeComplianceApi();
    await renderTab(api, helpCentreEntity);

    expect(
      await screen.findByText(
        'No production deployments seen in the last 90 days',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('github.com/project-slug')).toBeInTheDocument();
    const sources = screen.getByRole('list', { name: 'Evidence sources' });
    expect(
      within(sources).getByText('Argo CD application (deployments)'),
    ).toBeInTheDocument();
    expect(within(sources).getByText('help-centre')).toBeInTheDocument();
    expect(within(sources).getByText('northwind/web')).toBeInTheDocument();
  });

  it('opens on the exceptions and traces a failing deployment to its reason and remedy', async () => {
    const api = apiWithAnException();
    await renderTab(api);

    expect(await screen.findByText('91.6%')).toBeInTheDocument();
    expect(
      screen.getByText('11 of 12 scored deployments compliant; 1 exception.'),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('button', {
        name: 'Show the trace of v1.4.2 (github/9001)',
      }),
    ).toBeInTheDocument();
    // Failing first: the API orders by time only, so the history opens on the exceptions.
    expect(api.getServiceDeployments).toHaveBeenCalledTimes(1);
    expect(api.getServiceDeployments).toHaveBeenCalledWith(
      ENTITY_REF,
      expect.objectContaining({ verdict: 'exception', page: 1 }),
    );
    expect(screen.getByLabelText('Verdict')).toHaveValue('exception');
    expect(
      screen.getByText('Exceptions first: 1 in this period'),
    ).toBeInTheDocument();

    const row = screen.getByRole('row', { name: /v1\.4\.2/ });
    expect(within(row).getByText('Exception')).toBeInTheDocument();
    expect(within(row).getByText('dana')).toBeInTheDocument();
    expect(within(row).getByText('2026-11-03 14:05 UTC')).toBeInTheDocument();
    expect(
      within(row).getByLabelText('review.independent: fail'),
    ).toBeInTheDocument();

    const unmet = await openTheException();
    expect(api.getDeployment).toHaveBeenCalledWith('github/9001');
    expectTheMissingReview(unmet);

    const change = theChange();
    expect(
      within(change).getByRole('link', {
        name: 'Pull request northwind/payments-api#42',
      }),
    ).toHaveAttribute('href', PR_URL);
    expect(
      within(change).getByText(/Emergency change: retrospective window closed/),
    ).toBeInTheDocument();
    expect(
      within(change).getByText('Linked: PAY-12 (jira)'),
    ).toBeInTheDocument();
    expect(
      within(change).getByText(/Approved by carol at 2026-11-02T09:00:00Z/),
    ).toBeInTheDocument();

    const record = screen.getByRole('table', { name: 'Deployment record' });
    expect(
      within(record).getByRole('link', {
        name: 'https://ci.northwind.example/runs/77',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('deployment event github/9001'),
    ).toBeInTheDocument();
  });

  it('shows the evidence of an exception: reviews, missing ticket fields, late approvals', async () => {
    const api = apiWithAnException();
    await renderTab(api);
    await openTheException();
    expect(api.getDeploymentTrace).toHaveBeenCalledWith('github/9001');

    const reviews = await screen.findByRole('table', {
      name: 'Reviews of northwind/payments-api#42',
    });
    const bob = within(reviews).getByRole('row', { name: /bob/ });
    expect(within(bob).getByText('Approved')).toBeInTheDocument();
    expect(within(bob).getByText('Earlier commit 0123456')).toBeInTheDocument();
    const erin = within(reviews).getByRole('row', { name: /erin/ });
    expect(within(erin).getByText('Approved')).toBeInTheDocument();
    expect(within(erin).getByText('Dismissed')).toBeInTheDocument();
    expect(within(erin).getByText('Head commit')).toBeInTheDocument();

    const change = theChange();
    expect(
      within(change).getByRole('link', {
        name: 'PAY-12: round refunds half-even',
      }),
    ).toHaveAttribute('href', PR_URL);
    expect(
      within(change).getByText(
        'Authored by alice; merged by alice at 2026-11-03 13:50 UTC',
      ),
    ).toBeInTheDocument();

    const ticket = within(change).getByRole('region', {
      name: 'Ticket PAY-12',
    });
    expect(
      within(ticket).getByRole('link', { name: 'PAY-12' }),
    ).toHaveAttribute('href', 'https://northwind.atlassian.net/browse/PAY-12');
    expect(
      within(ticket).getByText('Required fields: 4 of 5 filled'),
    ).toBeInTheDocument();
    expect(
      within(ticket).getByRole('listitem', {
        name: 'Justification (customfield_10101): missing',
      }),
    ).toBeInTheDocument();
    expect(
      within(ticket).getByRole('listitem', {
        name: 'Rollback plan (customfield_10103): present',
      }),
    ).toBeInTheDocument();
    expect(within(change).getByText(TICKET_REASON)).toBeInTheDocument();

    const approvals = within(change).getByRole('table', {
      name: 'Approvals of pr:northwind/payments-api#42',
    });
    const late = within(approvals).getByRole('row', { name: /frank/ });
    expect(
      within(late).getByText('GitHub deployment review'),
    ).toBeInTheDocument();
    expect(within(late).getByText('this deployment')).toBeInTheDocument();
    expect(within(late).getByText('After the deployment')).toBeInTheDocument();
    const inTime = within(approvals).getByRole('row', { name: /carol/ });
    expect(within(inTime).getByText('Jira workflow')).toBeInTheDocument();
    expect(
      within(inTime).queryByText('After the deployment'),
    ).not.toBeInTheDocument();
  });

  it('keeps the reasons on screen when the evidence cannot be read', async () => {
    const api = apiWithAnException();
    api.getDeploymentTrace.mockRejectedValue(
      new Error('Request failed with 503'),
    );
    await renderTab(api);
    const unmet = await openTheException();

    expect(
      await screen.findByText(
        'Could not load the pull requests, reviews, tickets and approvals of github/9001: Request failed with 503',
      ),
    ).toBeInTheDocument();
    expectTheMissingReview(unmet);
    const change = theChange();
    expect(within(change).getByText(TICKET_REASON)).toBeInTheDocument();
    expect(
      screen.queryByRole('table', {
        name: 'Reviews of northwind/payments-api#42',
      }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Deployment record' }),
    ).toBeInTheDocument();
  });

  it('asks the server again with a changed filter, from the first page', async () => {
    const api = apiWithAnException();
    await renderTab(api);
    await screen.findByRole('table', { name: 'Production deployments' });

    fireEvent.change(screen.getByLabelText('Environment'), {
      target: { value: 'production' },
    });
    await waitFor(() =>
      expect(api.getServiceDeployments).toHaveBeenLastCalledWith(
        ENTITY_REF,
        expect.objectContaining({
          environment: 'production',
          verdict: 'exception',
          page: 1,
        }),
      ),
    );

    fireEvent.change(screen.getByLabelText('Verdict'), {
      target: { value: 'all' },
    });
    fireEvent.change(screen.getByLabelText('Failing check'), {
      target: { value: 'approval.before-deploy' },
    });
    await waitFor(() =>
      expect(api.getServiceDeployments).toHaveBeenLastCalledWith(
        ENTITY_REF,
        expect.objectContaining({
          environment: 'production',
          verdict: undefined,
          check: 'approval.before-deploy',
          page: 1,
        }),
      ),
    );
  });

  it('asks the server for the next page', async () => {
    const api = mockChangeComplianceApi({
      getServiceDeployments: jest.fn(async (_ref, query) =>
        page(
          compliantDeployments(25, ((query?.page ?? 1) - 1) * 25),
          5000,
          query?.page,
        ),
      ),
    });
    await renderTab(api);
    expect(
      await screen.findByText('1-25 of 5000', { exact: false }),
    ).toBeInTheDocument();
    expect(screen.getByText('v1.3.200')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));

    await waitFor(() =>
      expect(api.getServiceDeployments).toHaveBeenLastCalledWith(
        ENTITY_REF,
        expect.objectContaining({ page: 2, pageSize: 25 }),
      ),
    );
    expect(await screen.findByText('v1.3.175')).toBeInTheDocument();
    expect(
      screen.getByText('26-50 of 5000', { exact: false }),
    ).toBeInTheDocument();
  });

  it('says when filters match nothing, and clears them', async () => {
    const api = mockChangeComplianceApi({
      getServiceSummary: jest.fn().mockResolvedValue(summaryWithAnException),
      getServiceDeployments: jest.fn(async (_ref, query) =>
        query?.check ? page([]) : page([unreviewedDeployment]),
      ),
    });
    await renderTab(api);

    fireEvent.click(
      await screen.findByRole('button', { name: /Independent review: 1/ }),
    );
    expect(
      await screen.findByText('No deployments match these filters'),
    ).toBeInTheDocument();
    expect(api.getServiceDeployments).toHaveBeenLastCalledWith(
      ENTITY_REF,
      expect.objectContaining({ check: 'review.independent' }),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() =>
      expect(api.getServiceDeployments).toHaveBeenLastCalledWith(
        ENTITY_REF,
        expect.objectContaining({ check: undefined, verdict: undefined }),
      ),
    );
  });

  it('asks summary and history for the same, longer period', async () => {
    const api = mockChangeComplianceApi();
    await renderTab(api);
    await screen.findByText(
      'No production deployments seen in the last 90 days',
    );

    fireEvent.change(screen.getByLabelText('Period'), {
      target: { value: '365' },
    });
    expect(
      await screen.findByText(
        'No production deployments seen in the last 365 days',
      ),
    ).toBeInTheDocument();
    const from = api.getServiceSummary.mock.lastCall?.[1]?.from;
    expect(api.getServiceDeployments).toHaveBeenLastCalledWith(
      ENTITY_REF,
      expect.objectContaining({ from }),
    );
    expect(Date.now() - Date.parse(from!)).toBeGreaterThanOrEqual(
      365 * 86_400_000,
    );
  });
});
