import { EntityProvider, catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  ChangeComplianceApi,
  changeComplianceApiRef,
} from '../../api/ChangeComplianceApi';
import { mockChangeComplianceApi } from '../../__testUtils__/complianceEvidence';
import {
  catalogRoutes,
  emptyGroupSummary,
  ownedEntities,
  paymentsTeamEntity,
  paymentsTeamSummary,
  serviceSummaryOf,
} from './__testUtils__/groupEvidence';
import { EntityGroupChangeComplianceContent } from './EntityGroupChangeComplianceContent';

function renderTab(api: ChangeComplianceApi) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [changeComplianceApiRef, api],
        [catalogApiRef, catalogApiMock({ entities: ownedEntities })],
      ]}
    >
      <EntityProvider entity={paymentsTeamEntity}>
        <EntityGroupChangeComplianceContent />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: catalogRoutes },
  );
}

function apiWithThreeServices() {
  return mockChangeComplianceApi({
    getGroupSummary: jest.fn().mockResolvedValue(paymentsTeamSummary),
    getServiceSummary: jest.fn(async ref => serviceSummaryOf(ref)),
  });
}

/** The service names of the table's rows, top to bottom. */
function serviceOrder() {
  const table = screen.getByRole('table', { name: 'Owned services' });
  return within(table)
    .getAllByRole('link')
    .map(link => link.textContent);
}

describe('EntityGroupChangeComplianceContent', () => {
  it('shows progress while the rollup loads', async () => {
    const api = mockChangeComplianceApi({
      getGroupSummary: jest.fn().mockReturnValue(new Promise(() => {})),
    });
    await renderTab(api);

    expect(
      await screen.findByRole('progressbar', {
        name: 'Loading the change compliance of the group',
      }),
    ).toBeInTheDocument();
    expect(api.getGroupSummary).toHaveBeenCalledWith(
      'group:default/payments-team',
      { from: expect.stringMatching(/T00:00:00.000Z$/) },
    );
  });

  it('explains an error of the backend', async () => {
    const api = mockChangeComplianceApi({
      getGroupSummary: jest
        .fn()
        .mockRejectedValue(
          new Error('Not allowed: change-compliance.evidence.read'),
        ),
    });
    await renderTab(api);

    expect(
      await screen.findByText(
        /Could not load the change compliance of this group/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/Not allowed: change-compliance.evidence.read/)
        .length,
    ).toBeGreaterThan(0);
  });

  it('names the repository annotation when the group owns no service to score', async () => {
    const api = mockChangeComplianceApi({
      getGroupSummary: jest.fn().mockResolvedValue(emptyGroupSummary),
    });
    await renderTab(api);

    expect(await screen.findByText('No services to score')).toBeInTheDocument();
    expect(
      screen.getByText(/This group owns no services that name a repository/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText('github.com/project-slug').length,
    ).toBeGreaterThan(0);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('leaves out owned entities that name no repository and have no deployments', async () => {
    const api = mockChangeComplianceApi({
      getGroupSummary: jest.fn().mockResolvedValue({
        ...emptyGroupSummary,
        services: [paymentsTeamSummary.services[3]],
      }),
    });
    await renderTab(api);

    expect(await screen.findByText('No services to score')).toBeInTheDocument();
  });

  it("shows the group's score with its counts and each service with its trend and worst check", async () => {
    const api = apiWithThreeServices();
    await renderTab(api);

    const score = await screen.findByRole('group', {
      name: 'Compliance score',
    });
    expect(within(score).getByText('82.8%')).toBeInTheDocument();
    expect(
      within(score).getByText(
        '29 of 35 scored deployments compliant; 6 exceptions.',
      ),
    ).toBeInTheDocument();
    expect(within(score).getByText(/1 deployment pending/)).toBeInTheDocument();
    expect(
      screen.getByText(/^3 services, owned directly or by sub-groups/),
    ).toBeInTheDocument();

    // Worst score first; the system the team owns names no repository and is left out.
    expect(serviceOrder()).toEqual([
      'ledger',
      'payment-gateway',
      'Payments API',
    ]);

    const gateway = screen.getByRole('row', { name: /payment-gateway/ });
    expect(within(gateway).getByText('80%')).toBeInTheDocument();
    expect(
      within(gateway).getByText('16 of 20 compliant; 1 pending'),
    ).toBeInTheDocument();
    expect(
      within(gateway).getByText('Approved before deploy'),
    ).toBeInTheDocument();
    expect(
      within(gateway).getByText('approval.before-deploy'),
    ).toBeInTheDocument();
    expect(
      within(gateway).getByRole('link', { name: 'payment-gateway' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/payment-gateway/change-compliance',
    );
    expect(
      await within(gateway).findByRole('img', {
        name: 'Weekly trend over 2 weeks: 3 compliant, 1 exception, 0 pending',
      }),
    ).toBeInTheDocument();

    const ledger = screen.getByRole('row', { name: /ledger/ });
    expect(within(ledger).getByText('Ticket linked')).toBeInTheDocument();

    // The rollup carries each service's trend: no request per row.
    expect(api.getServiceSummary).not.toHaveBeenCalled();
  });

  it('sorts by exceptions and by name', async () => {
    await renderTab(apiWithThreeServices());
    await screen.findByRole('table', { name: 'Owned services' });

    expect(serviceOrder()).toEqual([
      'ledger',
      'payment-gateway',
      'Payments API',
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'Exceptions' }));
    expect(serviceOrder()).toEqual([
      'payment-gateway',
      'ledger',
      'Payments API',
    ]);
    expect(
      screen.getByRole('columnheader', { name: /Exceptions/ }),
    ).toHaveAttribute('aria-sort', 'descending');

    // Reversed, ties still go by name.
    fireEvent.click(screen.getByRole('button', { name: 'Exceptions' }));
    expect(serviceOrder()).toEqual([
      'ledger',
      'Payments API',
      'payment-gateway',
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'Service' }));
    expect(serviceOrder()).toEqual([
      'ledger',
      'payment-gateway',
      'Payments API',
    ]);
  });

  it('asks the rollup again for a longer period', async () => {
    const api = apiWithThreeServices();
    await renderTab(api);
    await screen.findByRole('table', { name: 'Owned services' });

    fireEvent.change(screen.getByLabelText('Period'), {
      target: { value: '365' },
    });
    await waitFor(() => expect(api.getGroupSummary).toHaveBeenCalledTimes(2));
    const from = api.getGroupSummary.mock.lastCall?.[1]?.from;
    expect(Date.now() - Date.parse(from!)).toBeGreaterThanOrEqual(
      365 * 86_400_000,
    );
  });
});
