import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { RepositoryEvidence } from '@change-compliance/plugin-change-compliance-common';
import { screen, within } from '@testing-library/react';
import {
  ChangeComplianceApi,
  changeComplianceApiRef,
} from '../../api/ChangeComplianceApi';
import { mockChangeComplianceApi } from '../../__testUtils__/complianceEvidence';
import { RepositoryEvidenceCard } from './RepositoryEvidenceCard';

const ENTITY_REF = 'component:default/payments-api';

const firstProtection = {
  branch: 'main',
  observedAt: '2026-10-01T09:00:00.000Z',
  protected: true,
  settings: {
    requiredApprovingReviewCount: 1,
    dismissStaleReviews: false,
    requireCodeOwnerReviews: false,
    enforceAdmins: false,
    allowForcePushes: false,
    allowDeletions: false,
    requiredStatusChecks: ['ci/build', 'ci/test'],
  },
};

/** payments-api deploys from main; admins were brought under the rule and stale reviews dismissed. */
const evidence: RepositoryEvidence = {
  entityRef: ENTITY_REF,
  repository: 'northwind/payments-api',
  defaultBranch: 'main',
  productionBranches: ['$default', 'release/*'],
  protection: [
    firstProtection,
    {
      ...firstProtection,
      observedAt: '2026-10-20T12:30:00.000Z',
      settings: {
        ...firstProtection.settings,
        enforceAdmins: true,
        dismissStaleReviews: true,
        mergeQueue: 'required',
      },
    },
    {
      branch: 'release/1.4',
      observedAt: '2026-10-05T08:00:00.000Z',
      protected: false,
      settings: {},
    },
    {
      branch: 'feature/x',
      observedAt: '2026-10-05T08:00:00.000Z',
      protected: false,
      settings: {},
    },
  ],
};

function renderCard(api: ChangeComplianceApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[changeComplianceApiRef, api]]}>
      <RepositoryEvidenceCard
        entityRef={ENTITY_REF}
        repository="northwind/payments-api"
      />
    </TestApiProvider>,
  );
}

function answering(answer: Promise<RepositoryEvidence>) {
  return mockChangeComplianceApi({
    getRepositoryEvidence: jest.fn().mockReturnValue(answer),
  });
}

function items(list: HTMLElement) {
  return within(list)
    .getAllByRole('listitem')
    .map(item => item.textContent);
}

describe('RepositoryEvidenceCard', () => {
  it('shows the protection in force on each production branch', async () => {
    const api = answering(Promise.resolve(evidence));
    await renderCard(api);

    expect(
      await screen.findByText('northwind/payments-api'),
    ).toBeInTheDocument();
    expect(api.getRepositoryEvidence).toHaveBeenCalledWith(ENTITY_REF);
    expect(
      items(screen.getByRole('list', { name: 'Protection of main in force' })),
    ).toEqual([
      'Pull request required: yes',
      'Required approvals: 1',
      'Stale approvals dismissed: yes',
      'Code owners must review: no',
      'Administrators included: yes',
      'Force pushes blocked: yes',
      'Deletions blocked: yes',
      'Required status checks: ci/build, ci/test',
      'Merge queue: required',
    ]);
    expect(
      items(
        screen.getByRole('list', {
          name: 'Protection of release/1.4 in force',
        }),
      ),
    ).toEqual(['Pull request required: no']);
    // Not a production branch: the glob release/* does not match it.
    expect(screen.queryByText('feature/x')).not.toBeInTheDocument();
    expect(
      screen.getByText('Environment protection: not recorded yet'),
    ).toBeInTheDocument();
  });

  it('shows what each record changed, newest first', async () => {
    await renderCard(answering(Promise.resolve(evidence)));

    const changes = await screen.findByRole('list', {
      name: 'Changes to the protection of main',
    });
    expect(items(changes)).toEqual([
      '2026-10-20 12:30 UTC: Stale approvals dismissed: no → yes; Administrators included: no → yes; Merge queue: not recorded → required',
      '2026-10-01 09:00 UTC: First recorded: pull request required',
    ]);
  });

  it('names the repository annotation while the repository is not synced', async () => {
    const notFound = Object.assign(new Error('No repository known'), {
      name: 'ResponseError',
      statusCode: 404,
    });
    await renderCard(answering(Promise.reject(notFound)));

    expect(
      await screen.findByText(/has not\s+been synced yet/),
    ).toBeInTheDocument();
    expect(screen.getByText('github.com/project-slug')).toBeInTheDocument();
    expect(screen.getByText('northwind/payments-api')).toBeInTheDocument();
  });

  it('shows other errors as they came', async () => {
    await renderCard(
      answering(Promise.reject(new Error('The store is unreachable'))),
    );

    expect(
      await screen.findByText(
        /Could not load the repository evidence of this service/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/The store is unreachable/).length,
    ).toBeGreaterThan(0);
  });
});
