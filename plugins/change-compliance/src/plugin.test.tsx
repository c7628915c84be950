import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import {
  changeCompliancePlugin,
  EntityChangeComplianceContent,
} from './plugin';
import { paymentsApiEntity } from './__testUtils__/demoEntity';

describe('legacy frontend system', () => {
  it('exports the plugin under its id', () => {
    expect(changeCompliancePlugin.getId()).toBe('change-compliance');
  });

  it('renders the entity tab with the empty state and the evidence sources', async () => {
    await renderInTestApp(
      <EntityProvider entity={paymentsApiEntity}>
        <EntityChangeComplianceContent />
      </EntityProvider>,
    );

    expect(
      await screen.findByText('No production deployments seen yet'),
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
