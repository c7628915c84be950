import { isoFromJira, jqlTime } from './time';

describe('Jira times', () => {
  it('reads Jira timestamps, whose offsets have no colon, as UTC', () => {
    expect(isoFromJira('2026-11-02T12:30:05.013+0100')).toBe(
      '2026-11-02T11:30:05.013Z',
    );
    expect(isoFromJira('2026-11-02T12:30:05.013-0530')).toBe(
      '2026-11-02T18:00:05.013Z',
    );
    expect(isoFromJira('2026-11-02T12:30:05.013Z')).toBe(
      '2026-11-02T12:30:05.013Z',
    );
    expect(() => isoFromJira('yesterday')).toThrow('Not a Jira timestamp');
  });

  it("writes JQL dates to the minute in the account's time zone", () => {
    expect(jqlTime('2026-11-02T11:30:59.999Z', 'UTC')).toBe('2026-11-02 11:30');
    expect(jqlTime('2026-11-02T23:30:00.000Z', 'Europe/Berlin')).toBe(
      '2026-11-03 00:30',
    );
    expect(jqlTime('2026-07-01T00:15:00.000Z', 'America/New_York')).toBe(
      '2026-06-30 20:15',
    );
  });
});
