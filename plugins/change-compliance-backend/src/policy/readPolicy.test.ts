import { ConfigReader } from '@backstage/config';
import { DEFAULT_POLICY } from './ChangePolicy';
import { readPolicy } from './readPolicy';

function policyFrom(policy: unknown) {
  return readPolicy(new ConfigReader({ changeCompliance: { policy } } as any));
}

describe('readPolicy', () => {
  it('is the strict default policy when nothing is configured', () => {
    expect(readPolicy(new ConfigReader({}))).toEqual(DEFAULT_POLICY);
    expect(DEFAULT_POLICY.minApprovals).toBe(1);
    expect(DEFAULT_POLICY.allowStaleApprovalAfterBaseMerge).toBe(false);
    expect(DEFAULT_POLICY.acceptEnvironmentReviewers).toBe(false);
    expect(DEFAULT_POLICY.exemptPaths).toEqual([]);
    expect(DEFAULT_POLICY.automationAccounts).toEqual([]);
  });

  it('reads a full policy, durations in either Backstage form', () => {
    const policy = policyFrom({
      productionEnvironments: ['production', 'prod-*'],
      ticketProjects: [{ system: 'jira', key: 'PAY' }],
      ticketFieldMapping: { jira: { rollbackPlan: 'customfield_10103' } },
      minApprovals: 2,
      approverGroups: ['group:default/change-advisory-board'],
      emergency: { labels: ['sev1'], retroWindow: { hours: 48 } },
      sample: { default: 30 },
    });
    expect(policy.minApprovals).toBe(2);
    expect(policy.emergency).toEqual({
      labels: ['sev1'],
      ticketTypes: [],
      ticketPriorities: [],
      retroWindowMs: 48 * 3600 * 1000,
    });
    // Configured mappings add to the defaults of the same system.
    expect(policy.ticketFieldMapping.jira).toEqual({
      description: 'description',
      requester: 'reporter',
      rollbackPlan: 'customfield_10103',
    });
    expect(policy.sample).toEqual({ min: 25, max: 40, default: 30 });
    expect(
      policyFrom({ emergency: { retroWindow: 'PT24H' } }).emergency
        .retroWindowMs,
    ).toBe(24 * 3600 * 1000);
  });

  it('maps GitHub Issues fields to the issue body’s headings and its author, unless configured otherwise', () => {
    expect(DEFAULT_POLICY.ticketFieldMapping['github-issues']).toEqual({
      description: 'Description',
      requester: 'author',
      justification: 'Justification',
      implementationPlan: 'Implementation plan',
      rollbackPlan: 'Rollback plan',
    });
    expect(
      policyFrom({
        ticketFieldMapping: { 'github-issues': { rollbackPlan: 'Back-out' } },
      }).ticketFieldMapping['github-issues'],
    ).toMatchObject({
      justification: 'Justification',
      rollbackPlan: 'Back-out',
    });
  });

  it('reads ticket projects of every system, old and new forms alike', () => {
    const ticketProjects = [
      { system: 'jira', key: 'PAY' },
      { system: 'jira', key: 'ACC', url: 'https://acme.atlassian.net' },
      { system: 'servicenow', key: 'CHG', url: 'https://acme.service-now.com' },
      {
        system: 'github-issues',
        key: 'PAYMENTS',
        repositories: ['acme/payments', 'acme/payments-ui'],
      },
    ];
    expect(policyFrom({ ticketProjects }).ticketProjects).toEqual(
      ticketProjects,
    );
  });

  it.each([
    [
      { ticketProjects: [{ system: 'github-issues', key: 'PAYMENTS' }] },
      /ticketProjects\.0\.repositories is required for system github-issues/,
    ],
    [
      {
        ticketProjects: [
          { system: 'jira', key: 'PAY', repositories: ['acme/payments'] },
        ],
      },
      /ticketProjects\.0\.repositories is only for system github-issues/,
    ],
    [
      {
        ticketProjects: [
          {
            system: 'github-issues',
            key: 'PAYMENTS',
            repositories: ['payments'],
          },
        ],
      },
      /ticketProjects\.0\.repositories\.0 must be a repository as owner\/name/,
    ],
    [
      {
        ticketProjects: [
          { system: 'github-issues', key: 'PAYMENTS', repositories: [] },
        ],
      },
      /ticketProjects\.0\.repositories/,
    ],
    [
      {
        ticketProjects: [
          { system: 'jira', key: 'PAY', url: 'acme.atlassian.net' },
        ],
      },
      /ticketProjects\.0\.url must be an http\(s\) URL/,
    ],
  ])('refuses the ticket project %j naming the key', (policy, message) => {
    expect(() => policyFrom(policy)).toThrow(message);
  });

  it.each([
    [
      { minApprovals: 0 },
      /changeCompliance\.policy\.minApprovals must be at least 1/,
    ],
    [{ minApprovals: 1.5 }, /changeCompliance\.policy\.minApprovals/],
    [
      { ticketProjects: [{ system: 'jira', key: 'pay' }] },
      /ticketProjects\.0\.key must be an upper-case/,
    ],
    [
      { approverGroups: ['cab'] },
      /approverGroups\.0 must be a group entity ref/,
    ],
    [{ productionEnvironments: [] }, /productionEnvironments/],
    [
      { ticketFieldMapping: { jira: { rollback: 'x' } } },
      /ticketFieldMapping\.jira/,
    ],
    [
      { minAprovals: 2 },
      /changeCompliance\.policy has unknown key\(s\) minAprovals/,
    ],
    [
      { emergency: { retroWindow: 'three days' } },
      /emergency\.retroWindow is not a duration/,
    ],
    [
      { sample: { min: 30, max: 20 } },
      /changeCompliance\.policy\.sample must satisfy min <= default <= max/,
    ],
  ])('refuses %j naming the key', (policy, message) => {
    expect(() => policyFrom(policy)).toThrow(message);
  });
});
