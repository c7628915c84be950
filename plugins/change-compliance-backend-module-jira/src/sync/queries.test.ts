import {
  heldKeys,
  keyBatches,
  keysJql,
  unknownKeys,
  updatedSinceJql,
} from './queries';

describe('the JQL the module asks', () => {
  it("keeps only keys of the policy's Jira projects, once each", () => {
    expect(
      heldKeys(
        [
          'PAY-2',
          'pay-10',
          'PAY-2',
          'CHG0012345',
          'northwind/web#12',
          'OPS-1',
          'PAY-0',
          'PAY-01',
          ' ACC-7 ',
        ],
        ['PAY', 'ACC'],
      ),
    ).toEqual(['ACC-7', 'PAY-10', 'PAY-2']);
  });

  it('asks for a hundred keys per search', () => {
    const keys = Array.from({ length: 250 }, (_, i) => `PAY-${i + 1}`);
    expect(keyBatches(keys).map(batch => batch.length)).toEqual([100, 100, 50]);
    expect(keysJql(['PAY-1', 'ACC-2'])).toBe(
      'key in (PAY-1, ACC-2) ORDER BY key ASC',
    );
  });

  it("reads a project's issues updated since the cursor, in the account's time zone", () => {
    expect(
      updatedSinceJql('PAY', '2026-11-02T23:30:10.000Z', 'Europe/Berlin'),
    ).toBe(
      'project = PAY AND updated >= "2026-11-03 00:30" ORDER BY updated ASC, key ASC',
    );
    // A zone not known: from 14 hours earlier in UTC, which covers every zone.
    expect(updatedSinceJql('PAY', '2026-11-02T23:30:10.000Z', undefined)).toBe(
      'project = PAY AND updated >= "2026-11-02 09:30" ORDER BY updated ASC, key ASC',
    );
  });

  it("names the keys Cloud's search refused as unknown", () => {
    expect(
      unknownKeys([
        "An issue with key 'PAY-999' does not exist for field 'key'.",
        "An issue with key 'acc-5' does not exist for field 'key'.",
        "The value 'XYZ' does not exist for the field 'project'.",
      ]),
    ).toEqual(['PAY-999', 'ACC-5']);
  });
});
