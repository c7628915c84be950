import { periodLabel, periodStart } from './period';

describe('periods', () => {
  it('start at midnight UTC, so the same day asks the same question', () => {
    expect(periodStart(90, new Date('2026-11-03T14:05:00Z'))).toBe(
      '2026-08-05T00:00:00.000Z',
    );
    expect(periodStart(90, new Date('2026-11-03T23:59:59Z'))).toBe(
      '2026-08-05T00:00:00.000Z',
    );
  });

  it('are named for the sentences they appear in', () => {
    expect(periodLabel(30)).toBe('last 30 days');
    expect(periodLabel(7)).toBe('last 7 days');
  });
});
