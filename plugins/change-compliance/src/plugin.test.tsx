import { catalogApiRef, EntityProvider } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { ChangeComplianceClient } from '@change-compliance/plugin-change-compliance-common';
import { configure, screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { changeComplianceApiRef } from './api/ChangeComplianceApi';
import {
  ChangeComplianceAuditPage,
  changeCompliancePlugin,
  EntityChangeComplianceContent,
  EntityChangeComplianceOverviewCard,
} from './plugin';
import { auditWorkspaceRouteRef } from './routes';
import { catalogRoutes } from './components/GroupCompliance/__testUtils__/groupEvidence';
import {
  auditPolicy,
  mockChangeComplianceApi,
  summaryWithAnException,
} from './__testUtils__/complianceEvidence';
import { paymentsApiEntity } from './__testUtils__/demoEntity';

// The pages load lazily and render every card at once; on a busy machine that outlasts the
// defaults of jest (5 s a test) and testing-library (1 s a wait).
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 5_000 });

describe('legacy frontend system', () => {
  it('exports the plugin under its id', () => {
    expect(changeCompliancePlugin.getId()).toBe('change-compliance');
  });

  it('provides the Change Compliance API as the typed client', () => {
    const [factory] = [...changeCompliancePlugin.getApis()];
    expect(factory.api).toBe(changeComplianceApiRef);
    const client = factory.factory({
      discoveryApi: { getBaseUrl: async () => 'http://backstage.test' },
      fetchApi: { fetch },
    });
    expect(client).toBeInstanceOf(ChangeComplianceClient);
  });

  it('renders the entity tab with the empty state and the evidence sources', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[[changeComplianceApiRef, mockChangeComplianceApi()]]}
      >
        <EntityProvider entity={paymentsApiEntity}>
          <EntityChangeComplianceContent />
        </EntityProvider>
      </TestApiProvider>,
    );

    expect(
      await screen.findByText(
        'No production deployments seen in the last 90 days',
      ),
    ).toBeInTheDocument();
    const sources = screen.getByRole('list', { name: 'Evidence sources' });
    expect(sources).toHaveTextContent(
      'Repository (changes, reviews, deployments)northwind/payments-api',
    );
    expect(sources).toHaveTextContent('Ticket projectPAY');
    expect(sources).toHaveTextContent(
      'Paths in a shared repositoryNot set: the whole repository belongs to this service',
    );
  });

  it('routes the auditor workspace under the plugin root', async () => {
    expect(changeCompliancePlugin.routes.root).toBe(auditWorkspaceRouteRef);

    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            changeComplianceApiRef,
            mockChangeComplianceApi({
              getPolicy: jest.fn().mockResolvedValue(auditPolicy),
            }),
          ],
          [catalogApiRef, catalogApiMock()],
          [
            permissionApiRef,
            mockApis.permission({ authorize: AuthorizeResult.DENY }),
          ],
        ]}
      >
        <Routes>
          <Route
            path="/change-compliance"
            element={<ChangeComplianceAuditPage />}
          />
        </Routes>
      </TestApiProvider>,
      { routeEntries: ['/change-compliance'] },
    );

    expect(
      await screen.findByRole('heading', { name: 'Change Compliance' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('Step 1 · Change management policy'),
    ).toBeInTheDocument();
    // Without the audit permission the page says why there is nothing to draw.
    expect(
      await screen.findByText('Sampling and evidence packages'),
    ).toBeInTheDocument();
  });

  it('renders the overview card with the score and a link to the tab', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            changeComplianceApiRef,
            mockChangeComplianceApi({
              getServiceSummary: jest
                .fn()
                .mockResolvedValue(summaryWithAnException),
            }),
          ],
        ]}
      >
        <EntityProvider entity={paymentsApiEntity}>
          <EntityChangeComplianceOverviewCard />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: catalogRoutes },
    );

    expect(await screen.findByText('91.6%')).toBeInTheDocument();
    expect(
      screen.getByRole('link', {
        name: 'Trace every deployment in the Change Compliance tab',
      }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/change-compliance',
    );
  });
});
