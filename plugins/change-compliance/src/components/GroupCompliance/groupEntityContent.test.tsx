import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  renderInTestApp as renderInLegacyTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { catalogApiRef, EntityProvider } from '@backstage/plugin-catalog-react';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import plugin, { changeComplianceGroupEntityContent } from '../../alpha';
import { changeComplianceApiRef } from '../../api/ChangeComplianceApi';
import { EntityGroupChangeComplianceContent } from '../../plugin';
import { mockChangeComplianceApi } from '../../__testUtils__/complianceEvidence';
import { paymentsApiEntity } from '../../__testUtils__/demoEntity';
import {
  catalogRoutes,
  emptyGroupSummary,
  ownedEntities,
  paymentsTeamEntity,
  paymentsTeamSummary,
  serviceSummaryOf,
} from './__testUtils__/groupEvidence';

describe('the group tab in the new frontend system', () => {
  it('is an extension of the plugin, apart from the service tab', () => {
    expect(
      String(plugin.getExtension('entity-content:change-compliance/group')),
    ).toBe(String(changeComplianceGroupEntityContent));
    expect(
      String(plugin.getExtension('entity-content:change-compliance')),
    ).not.toBe(String(changeComplianceGroupEntityContent));
  });

  it('adds a Change Compliance tab to groups only', () => {
    const tester = createExtensionTester(changeComplianceGroupEntityContent);

    expect(tester.get(coreExtensionData.routePath)).toBe('change-compliance');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Change Compliance',
    );
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    expect(filter?.(paymentsTeamEntity)).toBe(true);
    expect(filter?.({ ...paymentsTeamEntity, kind: 'group' })).toBe(true);
    expect(filter?.(paymentsApiEntity)).toBe(false);
  });

  it("renders the group's score and owned services", async () => {
    const tester = createExtensionTester(changeComplianceGroupEntityContent);
    const api = mockChangeComplianceApi({
      getGroupSummary: jest.fn().mockResolvedValue(paymentsTeamSummary),
      getServiceSummary: jest.fn(async ref => serviceSummaryOf(ref)),
    });

    await renderInTestApp(
      <EntityProvider entity={paymentsTeamEntity}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        apis: [
          [changeComplianceApiRef, api],
          [catalogApiRef, catalogApiMock({ entities: ownedEntities })],
        ],
        mountedRoutes: catalogRoutes,
      },
    );

    expect(await screen.findByText('82.8%')).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Owned services' });
    expect(
      within(table).getByRole('link', { name: 'Payments API' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/change-compliance',
    );
  });
});

describe('the group tab in the legacy frontend system', () => {
  it('renders inside the group page', async () => {
    const api = mockChangeComplianceApi({
      getGroupSummary: jest.fn().mockResolvedValue(emptyGroupSummary),
    });
    await renderInLegacyTestApp(
      <TestApiProvider
        apis={[
          [changeComplianceApiRef, api],
          [catalogApiRef, catalogApiMock()],
        ]}
      >
        <EntityProvider entity={paymentsTeamEntity}>
          <EntityGroupChangeComplianceContent />
        </EntityProvider>
      </TestApiProvider>,
    );

    expect(await screen.findByText('No services to score')).toBeInTheDocument();
    expect(api.getGroupSummary).toHaveBeenCalledWith(
      'group:default/payments-team',
      expect.anything(),
    );
  });
});
