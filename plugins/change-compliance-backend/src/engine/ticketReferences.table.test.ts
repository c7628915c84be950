import { TicketProjectPolicy } from '../policy/ChangePolicy';
import {
  extractTicketReferences,
  findTicketReferences,
  ReferenceSource,
} from './ticketReferences';

/**
 * Messages as they are written in PR titles, bodies, branch names, commit messages and deployment
 * records, with the ticket keys an auditor would accept from each. The look-alikes are the ones
 * that reach real repositories: encodings, digests, standards, CVEs, protocol and model versions,
 * other projects' keys, links to other systems, code and template comments.
 */
const projects: TicketProjectPolicy[] = [
  { system: 'jira', key: 'PAY', url: 'https://acme.atlassian.net' },
  { system: 'jira', key: 'ACC', url: 'https://acme.atlassian.net' },
  { system: 'jira', key: 'KAFKA' },
  {
    system: 'github-issues',
    key: 'PAYMENTS',
    repositories: ['acme/payments', 'acme/payments-ui'],
  },
  { system: 'servicenow', key: 'CHG', url: 'https://acme.service-now.com' },
];
const context = { repository: 'acme/payments' };

type Row = [ReferenceSource['kind'], string, string[]];

const jiraKeys: Row[] = [
  ['title', 'PAY-123: Tokenise card numbers before logging', ['PAY-123']],
  ['title', '[PAY-123] Tokenise card numbers', ['PAY-123']],
  ['title', 'Tokenise card numbers (PAY-123)', ['PAY-123']],
  [
    'commit',
    'PAY-123 PAY-124: split the settlement job',
    ['PAY-123', 'PAY-124'],
  ],
  [
    'commit',
    'KAFKA-16743,KAFKA-16744: KafkaApis support for share group heartbeat and describe (#16574)',
    ['KAFKA-16743', 'KAFKA-16744'],
  ],
  [
    'commit',
    'KAFKA-17608, KAFKA-17604, KAFKA-16963; KRaft controller crashes when active controller is removed (#17146)',
    ['KAFKA-17608', 'KAFKA-17604', 'KAFKA-16963'],
  ],
  [
    'body',
    'Fixes PAY-12.\n\nAlso touches ACC-7 for the ledger export.',
    ['PAY-12', 'ACC-7'],
  ],
  ['title', '"PAY-12" was closed too early, reopening the work', ['PAY-12']],
  [
    'body',
    '> PAY-12: as a merchant I want masked card numbers\n\nImplements the story quoted above.',
    ['PAY-12'],
  ],
  ['commit', 'PAY-12/PAY-13: share the retry policy', ['PAY-12', 'PAY-13']],
  ['title', "ACC-7's rounding fix for the ledger", ['ACC-7']],
  ['body', 'Tracked in **PAY-12** and _ACC-7_.', ['PAY-12', 'ACC-7']],
  [
    'commit',
    'HOTFIX: add file that was missed from KAFKA-17048 commit',
    ['KAFKA-17048'],
  ],
  [
    'commit',
    '[MINOR] KAFKA-16373: KIP-1028: Modifying dockerfile comments (#16261)',
    ['KAFKA-16373'],
  ],
  ['deployment', 'Release 2026.11.3: PAY-12, PAY-15', ['PAY-12', 'PAY-15']],
];

const branches: Row[] = [
  ['branch', 'feature/pay-123-tokenise-cards', ['PAY-123']],
  ['branch', 'PAY-123', ['PAY-123']],
  ['branch', 'bugfix/ACC-7_rounding', ['ACC-7']],
  ['branch', 'payments/pay-12-and-pay-13', ['PAY-12', 'PAY-13']],
  ['branch', 'feature/chg0012345-db-failover', ['CHG0012345']],
  // A package version, not a ticket.
  ['branch', 'dependabot/npm_and_yarn/pay-1.2.3', []],
  // GitHub's revert button: the rest is the reverted PR's branch.
  ['branch', 'revert-45-feature/pay-12-tokenise', []],
  ['branch', 'release/2026-11', []],
  ['branch', 'xpay-12-experiment', []],
];

const lookAlikes: Row[] = [
  ['title', 'Use UTF-8 for CSV exports', []],
  ['commit', 'Verify SHA-256 digests of uploaded artefacts', []],
  ['title', 'Parse ISO-8601 timestamps with offsets', []],
  ['commit', 'Bump openssl to 3.0.15 to fix CVE-2024-12345', []],
  ['title', 'Enable HTTP-2 on the payments ingress', []],
  ['body', 'Summarise dispute notes with GPT-4 before review', []],
  ['commit', "Track ABC-123 from the vendor's Jira", []],
  ['title', "XPAY-12 is the partner's project", []],
  ['title', 'PAY-12a is a draft label', []],
  ['title', 'PAY-0 placeholder in the template', []],
  ['commit', 'Sync with PAY-2-1 of the runbook', []],
  ['body', 'See runbook PAY-12.md for the steps', []],
  ['body', 'Mail PAY-12@acme.example for access', []],
  ['body', 'Copy the settings from acme/PAY-12', []],
  ['commit', 'MINOR: Code cleanup Kafka Streams (#16050)', []],
  // Jira itself reads only upper-case keys in commit messages.
  ['commit', 'KAFKa-16331: remove EOSv1 support (#17521)', []],
  // A part number makes a longer token, like a version.
  ['commit', 'KAFKA-17532-2: Moved ShareGroupConfig (#17331)', []],
  ['commit', 'INC0012345 was the incident behind this', []],
  ['body', 'Numbers CHG001234 and CHG00123456 have the wrong length', []],
  ['body', 'XCHG0012345 is a partner reference', []],
];

const links: Row[] = [
  ['body', 'Details: https://acme.atlassian.net/browse/PAY-12', ['PAY-12']],
  ['body', '[PAY-12](https://acme.atlassian.net/browse/PAY-12)', ['PAY-12']],
  [
    'body',
    'Board: https://acme.atlassian.net/jira/software/projects/PAY/boards/3?selectedIssue=PAY-31',
    ['PAY-31'],
  ],
  ['body', 'Copied from https://other.atlassian.net/browse/PAY-99', []],
  ['body', 'other.atlassian.net/browse/PAY-99 has the vendor notes', []],
  ['body', 'See https://github.com/acme/PAY-12-spike/blob/main/README.md', []],
  ['body', 'Dashboard: https://grafana.acme.com/d/PAY-12/latency', []],
  // A key in the address of a site the policy does not name is not counted, even the same Jira
  // project's key: only the project's own site says which ticket it is.
  ['body', 'Logged at https://issues.apache.org/jira/browse/KAFKA-14209', []],
  [
    'body',
    'Change record: https://acme.service-now.com/change_request.do?sysparm_query=number=CHG0012345',
    ['CHG0012345'],
  ],
  [
    'body',
    'https://other.service-now.com/nav_to.do?uri=change_request.do?sysparm_query=number%3DCHG0099999',
    [],
  ],
  [
    'body',
    'Reported in https://github.com/acme/payments/issues/77#issuecomment-1',
    ['acme/payments#77'],
  ],
  ['body', 'Same as https://github.com/acme/payments/pull/78', []],
  ['body', 'Upstream: https://github.com/acme/ledger/issues/5', []],
];

const code: Row[] = [
  ['body', '```\nERROR PAY-12 settlement failed\n```\nRetry the job.', []],
  ['body', 'Run `jira view PAY-12` to see the ticket', []],
  ['body', '~~~\nPAY-12\n~~~', []],
  [
    'body',
    'Log:\n```log\nPAY-12 settlement failed (the fence was never closed)',
    [],
  ],
  ['body', 'Renames the ``PAY-12`` constant', []],
  [
    'body',
    '<!-- Reference the ticket, e.g. PAY-123 -->\nTokenise card numbers.',
    [],
  ],
  ['body', 'PAY-12 fixes the crash:\n```\nat PAY-13\n```', ['PAY-12']],
];

const reverts: Row[] = [
  ['title', 'Revert "PAY-12: Tokenise card numbers"', []],
  [
    'commit',
    'Revert "KAFKA-16448: Add ProcessingExceptionHandler interface and implementations (#16090)" (#16142)',
    [],
  ],
  [
    'commit',
    'KAFKA-17571; Revert "MINOR: Log pending join members (#17219)" (#17274)',
    ['KAFKA-17571'],
  ],
  ['commit', 'PAY-31: Revert "PAY-12: Tokenise card numbers"', ['PAY-31']],
  ['commit', 'Revert "Revert "PAY-12: Tokenise card numbers""', []],
  [
    'commit',
    'Reapply "PAY-12: Tokenise card numbers"\n\nThis reverts commit 3f2a9c1.',
    [],
  ],
  // git cut the message: the quote runs to the end of the line.
  [
    'commit',
    'Revert "KAFKA-16275: Update kraft_upgrade_test.py (#16409) (#16441)',
    [],
  ],
  ['commit', 'Revert PAY-12 tokenisation, it breaks refunds', ['PAY-12']],
  ['body', 'Reverts acme/payments#45', []],
];

const githubIssues: Row[] = [
  ['commit', 'fix: round refunds half-even (#1234)', []],
  [
    'commit',
    'fix: round refunds half-even, fixes #77 (#1234)',
    ['acme/payments#77'],
  ],
  ['title', 'Backport: fix refunds (#1234) (#1240)', []],
  ['body', 'Closes #77', ['acme/payments#77']],
  [
    'body',
    'Fixes #77 and #78, supersedes #77',
    ['acme/payments#77', 'acme/payments#78'],
  ],
  ['body', 'Part of acme/payments-ui#12', ['acme/payments-ui#12']],
  ['body', 'See acme/ledger#3', []],
  ['commit', 'Merge pull request #1234 from acme/feature/pay-12', []],
  ['body', 'Follow-up to PR #1200', []],
  ['body', 'Set the banner colour to #333', []],
  ['body', 'Escape &#123; in the e-mail templates', []],
  ['body', 'Port the C#7 client', []],
];

const serviceNow: Row[] = [
  ['title', 'CHG0012345: rotate payment gateway keys', ['CHG0012345']],
  ['body', 'Approved under CHG0012345 (CAB 2026-11-20)', ['CHG0012345']],
  ['deployment', 'CHG0012345 window 22:00-23:00', ['CHG0012345']],
];

describe('ticket references in real-style messages', () => {
  const tables = {
    'Jira keys': jiraKeys,
    'branch names': branches,
    'look-alikes': lookAlikes,
    links,
    code,
    reverts,
    'GitHub issues': githubIssues,
    'ServiceNow numbers': serviceNow,
  };

  it('covers at least 60 messages', () => {
    expect(Object.values(tables).flat().length).toBeGreaterThanOrEqual(60);
  });

  describe.each(Object.entries(tables))('%s', (_, rows) => {
    it.each(rows)('%s %j names %j', (kind, text, keys) => {
      expect(
        extractTicketReferences([{ kind, text }], projects, context),
      ).toEqual(keys);
    });
  });

  it('says which system each reference belongs to', () => {
    expect(
      findTicketReferences(
        [
          { kind: 'title', text: 'PAY-12: rotate keys under CHG0012345' },
          { kind: 'body', text: 'Closes #77' },
        ],
        projects,
        context,
      ),
    ).toEqual([
      { system: 'jira', key: 'PAY-12' },
      { system: 'servicenow', key: 'CHG0012345' },
      { system: 'github-issues', key: 'acme/payments#77' },
    ]);
  });

  it('reads no bare #12 without knowing the repository, nor in a repository not listed', () => {
    expect(
      extractTicketReferences([{ kind: 'body', text: 'Closes #77' }], projects),
    ).toEqual([]);
    expect(
      extractTicketReferences(
        [{ kind: 'body', text: 'Closes #77' }],
        projects,
        {
          repository: 'acme/ledger',
        },
      ),
    ).toEqual([]);
  });
});
