import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { ChangeComplianceClient } from '@change-compliance/plugin-change-compliance-common';
import { configure, screen } from '@testing-library/react';
import plugin, {
  changeComplianceApi,
  changeComplianceAuditPage,
  changeComplianceEntityContent,
  changeComplianceOverviewCard,
} from './alpha';
import { changeComplianceApiRef } from './api/ChangeComplianceApi';
import {
  auditPolicy,
  mockChangeComplianceApi,
  page,
  summaryWithAnException,
  unreviewedDeployment,
} from './__testUtils__/complianceEvidence';
import {
  helpCentreEntity,
  paymentsApiEntity,
  settlementServiceEntity,
} from './__testUtils__/demoEntity';

// The pages load lazily and render every card at once; on a busy machine that outlasts the
// defaults of jest (5 s a test) and testing-library (1 s a wait).
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 5_000 });

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
    expect(filter?.(settlementServiceEntity)).toBe(true);
    expect(filter?.(helpCentreEntity)).toBe(true);
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

  it('adds the auditor workspace at /change-compliance, with the route and icon that make it a sidebar item', () => {
    const tester = createExtensionTester(changeComplianceAuditPage);

    expect(tester.get(coreExtensionData.routePath)).toBe('/change-compliance');
    expect(tester.get(coreExtensionData.title)).toBe('Change Compliance');
    // The app's navigation lists a page only when it has both.
    expect(tester.get(coreExtensionData.routeRef)).toBeDefined();
    expect(tester.get(coreExtensionData.icon)).toBeTruthy();
  });

  it('routes /change-compliance to the auditor workspace', async () => {
    renderTestApp({
      extensions: [changeComplianceAuditPage],
      initialRouteEntries: ['/change-compliance'],
      apis: [
        [
          changeComplianceApiRef,
          mockChangeComplianceApi({
            getPolicy: jest.fn().mockResolvedValue(auditPolicy),
          }),
        ],
        [catalogApiRef, catalogApiMock()],
        mockApis.permission(),
      ],
    });

    expect(await screen.findByText('Audit scope')).toBeInTheDocument();
    expect(
      await screen.findByText('Step 1 · Change management policy'),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: 'Draw sample' }),
    ).toBeInTheDocument();
  });

  it('adds an overview card to entities that name their repository, showing their score', async () => {
    const tester = createExtensionTester(changeComplianceOverviewCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction);
    expect(filter?.(paymentsApiEntity)).toBe(true);
    expect(filter?.(settlementServiceEntity)).toBe(true);
    expect(filter?.({ ...paymentsApiEntity, metadata: { name: 'x' } })).toBe(
      false,
    );

    await renderInTestApp(
      <EntityProvider entity={paymentsApiEntity}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        apis: [
          [
            changeComplianceApiRef,
            mockChangeComplianceApi({
              getServiceSummary: jest
                .fn()
                .mockResolvedValue(summaryWithAnException),
            }),
          ],
        ],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );

    expect(await screen.findByText('91.6%')).toBeInTheDocument();
  });
});
