import {
  canonicalTicketKey,
  extractTicketReferences,
} from './ticketReferences';

const projects = [
  { system: 'jira', key: 'PAY' },
  { system: 'jira', key: 'KAFKA' },
];

describe('extractTicketReferences', () => {
  it.each([
    ['KAFKA-19234: Fix flaky test (#20711)', ['KAFKA-19234']],
    ['[PAY-12] Tokenise cards', ['PAY-12']],
    ['PAY-12, PAY-13 and PAY-12 again', ['PAY-12', 'PAY-13']],
    ['MINOR: Cleanup in streams (#20700)', []],
    ['HOTFIX: revert broken build', []],
    ['Use UTF-8 and SHA-256 with ISO-8601 dates', []],
    ['Fix CVE-2024-1234 in HTTP-2 client', []],
    ['XPAY-12 is another project', []],
    ['PAY-12a is not a key', []],
    ['PAY-0 is not a key', []],
    ['see `PAY-12` in code', []],
  ])('reads %p as %p', (text, keys) => {
    expect(
      extractTicketReferences([{ kind: 'title', text }], projects),
    ).toEqual(keys);
  });

  it('reads by the projects as they are at each call, also when the same list was changed in place', () => {
    const configured = [{ system: 'jira', key: 'PAY' }];
    const title = [{ kind: 'title' as const, text: 'PAY-12 and OPS-7' }];
    expect(extractTicketReferences(title, configured)).toEqual(['PAY-12']);
    configured[0].key = 'OPS';
    expect(extractTicketReferences(title, configured)).toEqual(['OPS-7']);
    configured.push({ system: 'jira', key: 'PAY' });
    expect(extractTicketReferences(title, configured)).toEqual([
      'PAY-12',
      'OPS-7',
    ]);
  });

  it('reads branch names without regard to case', () => {
    expect(
      extractTicketReferences(
        [{ kind: 'branch', text: 'feature/pay-12-tokenise' }],
        projects,
      ),
    ).toEqual(['PAY-12']);
  });

  it('reads Jira-style keys for any system other than GitHub Issues and ServiceNow', () => {
    expect(
      extractTicketReferences(
        [{ kind: 'title', text: 'OPS-7: rotate keys' }],
        [{ system: 'youtrack', key: 'OPS' }],
      ),
    ).toEqual(['OPS-7']);
  });

  it('finds nothing when no project is configured', () => {
    expect(
      extractTicketReferences([{ kind: 'title', text: 'PAY-12' }], []),
    ).toEqual([]);
  });
});

describe('canonicalTicketKey', () => {
  it.each([
    ['pay-12', 'PAY-12'],
    [' PAY-12 ', 'PAY-12'],
    ['chg0012345', 'CHG0012345'],
    ['acme/Payments#12', 'acme/Payments#12'],
    ['release-2026.11', 'release-2026.11'],
  ])('keeps %p as %p', (written, stored) => {
    expect(canonicalTicketKey(written)).toBe(stored);
  });
});
