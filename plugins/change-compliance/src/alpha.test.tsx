import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { screen } from '@testing-library/react';
import plugin, { changeComplianceEntityContent } from './alpha';
import { paymentsApiEntity } from './__testUtils__/demoEntity';

describe('new frontend system', () => {
  it('is a plugin with the change-compliance id', () => {
    expect(plugin.pluginId).toBe('change-compliance');
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

  it('renders the tab content', async () => {
    const tester = createExtensionTester(changeComplianceEntityContent);

    await renderInTestApp(
      <EntityProvider entity={paymentsApiEntity}>
        {tester.reactElement()}
      </EntityProvider>,
    );

    expect(
      await screen.findByText('No production deployments seen yet'),
    ).toBeInTheDocument();
  });
});
