import { Entity } from '@backstage/catalog-model';

/** A service shaped like the demo catalog's, for component tests. */
export const paymentsApiEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    annotations: {
      'github.com/project-slug': 'northwind/payments-api',
      'jira/project-key': 'PAY',
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments-team' },
};
