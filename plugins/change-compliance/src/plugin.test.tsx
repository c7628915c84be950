import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ChangeComplianceClient } from '@change-compliance/plugin-change-compliance-common';
import { screen } from '@testing-library/react';
import { changeComplianceApiRef } from './api/ChangeComplianceApi';
import {
  changeCompliancePlugin,
  EntityChangeComplianceContent,
} from './plugin';
import { mockChangeComplianceApi } from './__testUtils__/complianceEvidence';
import { paymentsApiEntity } from './__testUtils__/demoEntity';

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
});
