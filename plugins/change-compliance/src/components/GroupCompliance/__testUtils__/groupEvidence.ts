import { Entity } from '@backstage/catalog-model';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  GroupSummary,
  ServiceSummary,
} from '@change-compliance/plugin-change-compliance-common';

/** The demo's payments team and what it owns, shaped as the catalog and the backend answer. */

export const paymentsTeamEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments-team' },
  spec: { type: 'team', children: [] },
};

function service(name: string, title?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      ...(title ? { title } : {}),
      annotations: { 'github.com/project-slug': `northwind/${name}` },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'payments-team' },
  };
}

/** What the team owns in the catalog: three services and a system, which names no repository. */
export const ownedEntities: Entity[] = [
  service('payments-api', 'Payments API'),
  service('payment-gateway'),
  service('ledger'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'payments' },
    spec: { owner: 'payments-team' },
  },
];

/** Two weeks of one service: 3 compliant, 1 exception. */
const TWO_WEEKS = [
  {
    weekStart: '2026-10-26T00:00:00.000Z',
    compliant: 2,
    exceptions: 0,
    pending: 0,
  },
  {
    weekStart: '2026-11-02T00:00:00.000Z',
    compliant: 1,
    exceptions: 1,
    pending: 0,
  },
];

export const paymentsTeamSummary: GroupSummary = {
  groupRef: 'group:default/payments-team',
  from: '2026-08-05T00:00:00.000Z',
  to: '2026-11-03T15:00:00.000Z',
  compliant: 29,
  exceptions: 6,
  pending: 1,
  score: 29 / 35,
  failuresByCheck: {
    'approval.before-deploy': 4,
    'ticket.linked': 1,
    'review.independent': 1,
  },
  services: [
    {
      entityRef: 'component:default/ledger',
      compliant: 2,
      exceptions: 1,
      pending: 0,
      score: 2 / 3,
      trend: TWO_WEEKS,
      worstCheck: 'ticket.linked',
    },
    {
      entityRef: 'component:default/payment-gateway',
      compliant: 16,
      exceptions: 4,
      pending: 1,
      score: 0.8,
      trend: TWO_WEEKS,
      worstCheck: 'approval.before-deploy',
    },
    {
      entityRef: 'component:default/payments-api',
      compliant: 11,
      exceptions: 1,
      pending: 0,
      score: 11 / 12,
      trend: TWO_WEEKS,
      worstCheck: 'review.independent',
    },
    {
      entityRef: 'system:default/payments',
      compliant: 0,
      exceptions: 0,
      pending: 0,
      score: null,
      trend: TWO_WEEKS,
    },
  ],
};

export const emptyGroupSummary: GroupSummary = {
  ...paymentsTeamSummary,
  compliant: 0,
  exceptions: 0,
  pending: 0,
  score: null,
  failuresByCheck: {},
  services: [],
};

/** A service's own summary (the service tab's). */
export function serviceSummaryOf(entityRef: string): ServiceSummary {
  return {
    entityRef,
    from: paymentsTeamSummary.from,
    to: paymentsTeamSummary.to,
    compliant: 3,
    exceptions: 1,
    pending: 0,
    score: 0.75,
    trend: TWO_WEEKS,
    failuresByCheck: { 'review.independent': 1 },
  };
}

/** Where the catalog mounts entity pages, so rows can link to a service's tab. */
export const catalogRoutes = {
  '/catalog/:namespace/:kind/:name': entityRouteRef,
};
