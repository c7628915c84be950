import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import {
  ChangeComplianceApi,
  changeComplianceApiRef,
} from '../../api/ChangeComplianceApi';
import {
  mockChangeComplianceApi,
  summaryWithAnException,
} from '../../__testUtils__/complianceEvidence';
import { paymentsApiEntity } from '../../__testUtils__/demoEntity';
import { catalogRoutes } from '../GroupCompliance/__testUtils__/groupEvidence';
import { EntityChangeComplianceOverviewCard } from './EntityChangeComplianceOverviewCard';

function renderCard(api: ChangeComplianceApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[changeComplianceApiRef, api]]}>
      <EntityProvider entity={paymentsApiEntity}>
        <EntityChangeComplianceOverviewCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: catalogRoutes },
  );
}

describe('EntityChangeComplianceOverviewCard', () => {
  it('shows the score of the last 90 days with its counts, and leads to the tab', async () => {
    const api = mockChangeComplianceApi({
      getServiceSummary: jest
        .fn()
        .mockResolvedValue({ ...summaryWithAnException, pending: 2 }),
    });
    await renderCard(api);

    const score = await screen.findByRole('group', {
      name: 'Change compliance score',
    });
    expect(score).toHaveTextContent('91.6%');
    expect(score).toHaveTextContent('11 compliant');
    expect(score).toHaveTextContent('1 exception');
    expect(score).toHaveTextContent('2 pending (emergency window)');
    const from = api.getServiceSummary.mock.lastCall?.[1]?.from;
    expect(api.getServiceSummary).toHaveBeenCalledWith(
      'component:default/payments-api',
      { from: expect.stringMatching(/T00:00:00.000Z$/) },
    );
    expect(Date.now() - Date.parse(from!)).toBeGreaterThanOrEqual(
      90 * 86_400_000,
    );
    expect(
      screen.getByRole('link', {
        name: 'Trace every deployment in the Change Compliance tab',
      }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/change-compliance',
    );
  });

  it('says when nothing was deployed, instead of a score', async () => {
    await renderCard(mockChangeComplianceApi());

    expect(await screen.findByText('Not scored')).toBeInTheDocument();
    expect(
      screen.getByText('No production deployments seen in the last 90 days.'),
    ).toBeInTheDocument();
  });

  it('says why the score could not be read', async () => {
    await renderCard(
      mockChangeComplianceApi({
        getServiceSummary: jest
          .fn()
          .mockRejectedValue(
            new Error('Not allowed: change-compliance.evidence.read'),
          ),
      }),
    );

    expect(
      await screen.findByText(
        'Could not load the change compliance of this service: Not allowed: change-compliance.evidence.read',
      ),
    ).toBeInTheDocument();
  });
});
