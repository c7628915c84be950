import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EnvironmentProtectionSettings,
  RepositoryEvidence,
} from '@change-compliance/plugin-change-compliance-common';
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

const guarded: EnvironmentProtectionSettings = {
  requiredReviewers: [
    { type: 'user', name: 'grace-mensah' },
    { type: 'team', name: 'northwind/payments-leads' },
  ],
  preventSelfReview: false,
  waitTimerMinutes: 0,
  deploymentBranchPolicy: { type: 'protected-branches' },
};

const unguarded: EnvironmentProtectionSettings = {
  requiredReviewers: [],
  preventSelfReview: false,
  waitTimerMinutes: 0,
  deploymentBranchPolicy: null,
};

/**
 * payments-api deploys from main; admins were brought under the rule and stale reviews dismissed.
 * Production gained self-review prevention, a wait and custom branch patterns; staging (listed
 * first, as an API might) has no rule.
 */
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
  productionEnvironments: ['production'],
  environments: [
    {
      environment: 'staging',
      production: false,
      history: [
        {
          environment: 'staging',
          observedAt: '2026-10-01T09:00:00.000Z',
          settings: unguarded,
        },
      ],
    },
    {
      environment: 'production',
      production: true,
      history: [
        {
          environment: 'production',
          observedAt: '2026-10-01T09:00:00.000Z',
          settings: guarded,
        },
        {
          environment: 'production',
          observedAt: '2026-10-22T10:15:00.000Z',
          settings: {
            ...guarded,
            preventSelfReview: true,
            waitTimerMinutes: 30,
            deploymentBranchPolicy: {
              type: 'custom',
              patterns: ['main', 'release/*'],
            },
          },
        },
      ],
    },
  ],
};

/** The same repository whose production environment has lost every rule. */
function withProduction(
  history: RepositoryEvidence['environments'][number]['history'],
): RepositoryEvidence {
  return {
    ...evidence,
    environments: [{ environment: 'production', production: true, history }],
  };
}

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
  });

  it('shows each environment’s protection, production first, with its changes', async () => {
    await renderCard(answering(Promise.resolve(evidence)));

    const environments = await screen.findByRole('region', {
      name: 'Environment protection',
    });
    expect(
      within(environments)
        .getAllByRole('heading', { level: 4 })
        .map(h => h.textContent),
    ).toEqual(['production (production)', 'staging']);
    expect(
      items(
        screen.getByRole('list', {
          name: 'Protection of environment production in force',
        }),
      ),
    ).toEqual([
      'Required reviewers: grace-mensah, team northwind/payments-leads',
      'Self-review prevented: yes',
      'Wait timer: 30 minutes',
      'Deployment branches: matching main, release/*',
    ]);
    const production = screen.getByRole('region', {
      name: 'Environment production',
    });
    expect(
      within(production).getByText('In force since 2026-10-22 10:15 UTC'),
    ).toBeInTheDocument();
    expect(
      items(
        screen.getByRole('list', {
          name: 'Changes to the protection of environment production',
        }),
      ),
    ).toEqual([
      '2026-10-22 10:15 UTC: Self-review prevented: no → yes; Wait timer: none → 30 minutes; Deployment branches: protected branches only → matching main, release/*',
      '2026-10-01 09:00 UTC: First recorded',
    ]);
    // Staging has no rule: said plainly, not as a production finding.
    const staging = screen.getByRole('region', { name: 'Environment staging' });
    expect(
      within(staging).getByText('No protection rules.'),
    ).toBeInTheDocument();
  });

  it('states a production environment without protection rules as a finding', async () => {
    await renderCard(
      answering(
        Promise.resolve(
          withProduction([
            {
              environment: 'production',
              observedAt: '2026-10-01T09:00:00.000Z',
              settings: guarded,
            },
            {
              environment: 'production',
              observedAt: '2026-11-02T16:00:00.000Z',
              settings: unguarded,
            },
          ]),
        ),
      ),
    );

    const production = await screen.findByRole('region', {
      name: 'Environment production',
    });
    expect(
      within(production).getByText(
        /No protection rules: any deployment to this production environment proceeds without a reviewer/,
      ),
    ).toBeInTheDocument();
    expect(
      within(production).queryByRole('list', {
        name: 'Protection of environment production in force',
      }),
    ).not.toBeInTheDocument();
    expect(
      items(
        within(production).getByRole('list', {
          name: 'Changes to the protection of environment production',
        }),
      )[0],
    ).toBe(
      '2026-11-02 16:00 UTC: Required reviewers: grace-mensah, team northwind/payments-leads → none; Deployment branches: protected branches only → any branch',
    );
  });

  it('says when no environment, or no production one, has been recorded', async () => {
    const { unmount } = await renderCard(
      answering(Promise.resolve({ ...evidence, environments: [] })),
    );
    expect(
      await screen.findByText(
        /No deployment environment has been recorded for this repository: the audit cannot show what guards deployments to production \(production\)/,
      ),
    ).toBeInTheDocument();
    unmount();

    await renderCard(
      answering(
        Promise.resolve({
          ...evidence,
          environments: evidence.environments.filter(e => !e.production),
        }),
      ),
    );
    expect(
      await screen.findByText(
        'None of the recorded environments is one the policy counts as production (production).',
      ),
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
