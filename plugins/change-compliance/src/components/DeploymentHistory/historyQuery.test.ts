import { deploymentQuery, effectiveVerdict } from './historyQuery';

describe('the history query', () => {
  it('opens on the exceptions when the period has any, on everything otherwise', () => {
    expect(effectiveVerdict(undefined, 3)).toBe('exception');
    expect(effectiveVerdict(undefined, 0)).toBe('all');
    expect(effectiveVerdict(undefined, undefined)).toBe('all');
  });

  it("keeps the viewer's choice", () => {
    expect(effectiveVerdict('all', 3)).toBe('all');
    expect(effectiveVerdict('compliant', 0)).toBe('compliant');
  });

  it('sends no verdict for all verdicts', () => {
    expect(
      deploymentQuery('2026-08-05T00:00:00.000Z', { periodDays: 90 }, 'all'),
    ).toEqual({
      from: '2026-08-05T00:00:00.000Z',
      environment: undefined,
      verdict: undefined,
      check: undefined,
    });
  });
});
