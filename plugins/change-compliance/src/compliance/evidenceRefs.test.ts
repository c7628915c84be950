import { parseEvidenceRef, ticketSystemsByKey } from './evidenceRefs';

describe('parseEvidenceRef', () => {
  it.each([
    [
      'pr:northwind/payments-api#42',
      {
        kind: 'pull-request',
        repository: 'northwind/payments-api',
        number: 42,
      },
    ],
    [
      'commit:northwind/payments-api@a1b2c3d',
      { kind: 'commit', repository: 'northwind/payments-api', sha: 'a1b2c3d' },
    ],
    [
      'review:northwind/payments-api#42/1001',
      {
        kind: 'review',
        repository: 'northwind/payments-api',
        number: 42,
        reviewId: '1001',
      },
    ],
    ['ticket:jira/PAY-12', { kind: 'ticket', system: 'jira', key: 'PAY-12' }],
    [
      'deployment:argocd/payments/42',
      { kind: 'deployment', id: 'argocd/payments/42' },
    ],
    [
      'approval:jira-transition/5001',
      { kind: 'approval', source: 'jira-transition', id: '5001' },
    ],
    ['sbom:whatever', { kind: 'other', ref: 'sbom:whatever' }],
  ])('reads %s', (ref, parsed) => {
    expect(parseEvidenceRef(ref)).toEqual(parsed);
  });

  it('finds the ticket system of each ticket key', () => {
    expect(
      ticketSystemsByKey([
        'pr:northwind/payments-api#42',
        'ticket:jira/PAY-12',
        'ticket:servicenow/CHG0030001',
      ]),
    ).toEqual(
      new Map([
        ['PAY-12', 'jira'],
        ['CHG0030001', 'servicenow'],
      ]),
    );
  });
});
