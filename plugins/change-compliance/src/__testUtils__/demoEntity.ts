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

/** A service whose code is on GitLab, as the demo catalog's settlement-service. */
export const settlementServiceEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'settlement-service',
    annotations: {
      'gitlab.com/project-slug': 'northwind-payments/settlement-service',
      'jira/project-key': 'PAY',
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments-team' },
};

/** A service Argo CD deploys from a GitHub monorepo, as the demo catalog's help-centre. */
export const helpCentreEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'help-centre',
    annotations: {
      'github.com/project-slug': 'northwind/web',
      'jira/project-key': 'WEB',
      'change-compliance.io/source-paths': 'apps/help-centre/**',
      'argocd/app-name': 'help-centre',
    },
  },
  spec: { type: 'website', lifecycle: 'production', owner: 'web-team' },
};
