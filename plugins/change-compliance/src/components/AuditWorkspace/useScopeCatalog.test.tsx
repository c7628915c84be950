import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { TestApiProvider } from '@backstage/test-utils';
import { renderHook, waitFor } from '@testing-library/react';
import { ReactNode } from 'react';
import {
  helpCentreEntity,
  paymentsApiEntity,
  settlementServiceEntity,
} from '../../__testUtils__/demoEntity';
import { useScopeCatalog } from './useScopeCatalog';

describe('useScopeCatalog', () => {
  it('offers services on GitHub and on GitLab, and leaves out components that name no repository', async () => {
    const catalog = catalogApiMock({
      entities: [
        paymentsApiEntity,
        settlementServiceEntity,
        helpCentreEntity,
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'design-system' },
          spec: { type: 'library', owner: 'web-team' },
        },
      ],
    });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[[catalogApiRef, catalog]]}>
        {children}
      </TestApiProvider>
    );

    const { result } = renderHook(() => useScopeCatalog(), { wrapper });

    await waitFor(() => expect(result.current.value).toBeDefined());
    expect(result.current.value!.services).toEqual([
      {
        entityRef: 'component:default/help-centre',
        displayName: 'help-centre',
        repository: 'northwind/web',
        sourceControl: 'github',
      },
      {
        entityRef: 'component:default/payments-api',
        displayName: 'payments-api',
        repository: 'northwind/payments-api',
        sourceControl: 'github',
      },
      {
        entityRef: 'component:default/settlement-service',
        displayName: 'settlement-service',
        repository: 'northwind-payments/settlement-service',
        sourceControl: 'gitlab',
      },
    ]);
  });
});
