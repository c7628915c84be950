import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  AuditReviewRequest,
  AuditSample,
  AuditSampleRequest,
  AuditScope,
} from '@change-compliance/plugin-change-compliance-common';
import { fireEvent, within } from '@testing-library/react';
import {
  ChangeComplianceApi,
  changeComplianceApiRef,
} from '../../../api/ChangeComplianceApi';
import {
  auditPolicy,
  auditSample,
  mockChangeComplianceApi,
  paymentsPopulation,
  sampledCompliant,
  sampledException,
} from '../../../__testUtils__/complianceEvidence';
import {
  catalogRoutes,
  ownedEntities,
  paymentsTeamEntity,
} from '../../GroupCompliance/__testUtils__/groupEvidence';
import { AuditWorkspace } from '../AuditWorkspace';

const DAY_MS = 86_400_000;

/** The default scope: the last 90 days, today included, every service. */
export function defaultScope(): AuditScope {
  const now = new Date();
  const midnight = Date.UTC(
    now.getUTCFullYear(),
    now.getUTCMonth(),
    now.getUTCDate(),
  );
  return {
    from: new Date(midnight - 90 * DAY_MS).toISOString(),
    to: new Date(midnight + DAY_MS).toISOString(),
    systems: [],
    groups: [],
    services: [],
  };
}

export function renderWorkspace(
  api: ChangeComplianceApi,
  options: { mayAudit?: boolean } = {},
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [changeComplianceApiRef, api],
        [
          catalogApiRef,
          catalogApiMock({ entities: [...ownedEntities, paymentsTeamEntity] }),
        ],
        [
          permissionApiRef,
          mockApis.permission({
            authorize:
              options.mayAudit === false
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          }),
        ],
      ]}
    >
      <AuditWorkspace />
    </TestApiProvider>,
    { mountedRoutes: catalogRoutes },
  );
}

/** An auditor's API over the demo: 14 production changes, sampled as asked. */
export function auditorApi() {
  return mockChangeComplianceApi({
    getPolicy: jest.fn().mockResolvedValue(auditPolicy),
    getAuditPopulation: jest.fn(async scope => paymentsPopulation(scope)),
    drawAuditSample: jest.fn(async (request: AuditSampleRequest) =>
      auditSample(request.scope, {
        seed: request.seed ?? 'b7c1e0',
        size: request.size ?? 25,
      }),
    ),
  });
}

/** The backend's answer to a review of v1.4.2: the sample, with the mark stored, attributed and timed. */
export function sampleReviewed(review: AuditReviewRequest): AuditSample {
  return auditSample(defaultScope(), {
    items: [
      {
        ...sampledException,
        review: {
          ...review,
          reviewedBy: 'user:default/henrik.berg',
          reviewedAt: '2026-11-21T09:30:00.000Z',
        },
      },
      sampledCompliant,
    ],
  });
}

/** Fills in the review form within `container` as an auditor would, and submits it. */
export function submitReview(
  container: HTMLElement,
  review: { conclusion: 'Effective' | 'Exception'; note: string },
) {
  const form = within(container);
  fireEvent.click(form.getByLabelText(new RegExp(`^${review.conclusion}`)));
  fireEvent.change(form.getByLabelText(/^Note/), {
    target: { value: review.note },
  });
  fireEvent.click(
    form.getByRole('button', {
      name: /^Mark as reviewed$|^Replace the review mark$/,
    }),
  );
}
