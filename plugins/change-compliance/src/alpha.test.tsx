import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { ChangeComplianceClient } from '@change-compliance/plugin-change-compliance-common';
import { screen } from '@testing-library/react';
import plugin, {
  changeComplianceApi,
  changeComplianceEntityContent,
} from './alpha';
import { changeComplianceApiRef } from './api/ChangeComplianceApi';
import {
  mockChangeComplianceApi,
  page,
  summaryWithAnException,
  unreviewedDeployment,
} from './__testUtils__/complianceEvidence';
import { paymentsApiEntity } from './__testUtils__/demoEntity';

describe('new frontend system', () => {
  it('is a plugin with the change-compliance id', () => {
    expect(plugin.pluginId).toBe('change-compliance');
  });

  it('provides the Change Compliance API as the typed client, over discovery and fetch', () => {
    const tester = createExtensionTester(changeComplianceApi);
    const factory = tester.get(ApiBlueprint.dataRefs.factory);

    expect(factory.api.id).toBe(changeComplianceApiRef.id);
    expect(Object.values(factory.deps).map(ref => ref.id)).toEqual([
      'core.discovery',
      'core.fetch',
    ]);
    expect(
      factory.factory({
        discoveryApi: { getBaseUrl: async () => 'http://backstage.test' },
        fetchApi: { fetch },
      }),
    ).toBeInstanceOf(ChangeComplianceClient);
  });

  it('adds a Change Compliance tab only to entities that name their repository', () => {
    const tester = createExtensionTester(changeComplianceEntityContent);

    expect(tester.get(coreExtensionData.routePath)).toBe('change-compliance');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Change Compliance',
    );
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    expect(filter?.(paymentsApiEntity)).toBe(true);
    expect(filter?.({ ...paymentsApiEntity, metadata: { name: 'x' } })).toBe(
      false,
    );
  });

  it('renders the empty tab content', async () => {
    const tester = createExtensionTester(changeComplianceEntityContent);

    await renderInTestApp(
      <EntityProvider entity={paymentsApiEntity}>
        {tester.reactElement()}
      </EntityProvider>,
      { apis: [[changeComplianceApiRef, mockChangeComplianceApi()]] },
    );

    expect(
      await screen.findByText(
        'No production deployments seen in the last 90 days',
      ),
    ).toBeInTheDocument();
  });

  it('renders the score and the history of a service with deployments', async () => {
    const tester = createExtensionTester(changeComplianceEntityContent);
    const api = mockChangeComplianceApi({
      getServiceSummary: jest.fn().mockResolvedValue(summaryWithAnException),
      getServiceDeployments: jest
        .fn()
        .mockResolvedValue(page([unreviewedDeployment])),
    });

    await renderInTestApp(
      <EntityProvider entity={paymentsApiEntity}>
        {tester.reactElement()}
      </EntityProvider>,
      { apis: [[changeComplianceApiRef, api]] },
    );

    expect(await screen.findByText('91.6%')).toBeInTheDocument();
    expect(
      await screen.findByRole('table', { name: 'Production deployments' }),
    ).toHaveTextContent('v1.4.2');
  });
});
