import { auditScopeOf, defaultScopeInput, scopePeriodText } from './auditScope';

describe('auditScopeOf', () => {
  it('ends the period at the midnight after its last day, which the API excludes', () => {
    expect(
      auditScopeOf({
        fromDate: '2026-01-01',
        toDate: '2026-06-30',
        systems: ['system:default/payments'],
        groups: [],
        services: ['component:default/ledger'],
      }),
    ).toEqual({
      scope: {
        from: '2026-01-01T00:00:00.000Z',
        to: '2026-07-01T00:00:00.000Z',
        systems: ['system:default/payments'],
        groups: [],
        services: ['component:default/ledger'],
      },
    });
  });

  it('takes a one-day period', () => {
    const result = auditScopeOf({
      ...defaultScopeInput(new Date()),
      fromDate: '2026-02-28',
      toDate: '2026-02-28',
    });
    expect(result).toMatchObject({
      scope: {
        from: '2026-02-28T00:00:00.000Z',
        to: '2026-03-01T00:00:00.000Z',
      },
    });
  });

  it.each([
    ['', '2026-06-30', 'Enter the first day of the period.'],
    ['2026-01-01', '', 'Enter the last day of the period.'],
    ['2026-02-30x', '2026-06-30', 'Enter the first day of the period.'],
    [
      '2026-07-01',
      '2026-06-30',
      'The period ends before it starts: swap the two days.',
    ],
  ])('refuses %j to %j', (fromDate, toDate, problem) => {
    expect(
      auditScopeOf({ fromDate, toDate, systems: [], groups: [], services: [] }),
    ).toEqual({ problem });
  });
});

describe('defaultScopeInput', () => {
  it('is the last 90 days up to today, every service', () => {
    expect(defaultScopeInput(new Date('2026-11-26T15:30:00Z'))).toEqual({
      fromDate: '2026-08-28',
      toDate: '2026-11-26',
      systems: [],
      groups: [],
      services: [],
    });
  });
});

describe('scopePeriodText', () => {
  it('names the last day the period includes', () => {
    expect(
      scopePeriodText({
        from: '2026-01-01T00:00:00.000Z',
        to: '2026-07-01T00:00:00.000Z',
      }),
    ).toBe('2026-01-01 to 2026-06-30 (UTC, both included)');
  });
});
