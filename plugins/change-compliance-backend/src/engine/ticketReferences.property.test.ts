import fc from 'fast-check';
import { TicketProjectPolicy } from '../policy/ChangePolicy';
import {
  extractTicketReferences,
  findTicketReferences,
  ReferenceSource,
} from './ticketReferences';

/**
 * What must hold for any text, not only the messages someone thought of: configured keys are
 * found wherever prose sets them apart, nothing else ever is.
 */
const JIRA_KEYS = ['PAY', 'ACC', 'KAFKA'];
const projects: TicketProjectPolicy[] = [
  ...JIRA_KEYS.map(key => ({
    system: 'jira',
    key,
    url: 'https://acme.atlassian.net',
  })),
  { system: 'servicenow', key: 'CHG' },
  {
    system: 'github-issues',
    key: 'PAYMENTS',
    repositories: ['acme/payments'],
  },
];
const context = { repository: 'acme/payments' };

const proseKinds = fc.constantFrom<ReferenceSource['kind']>(
  'title',
  'body',
  'commit',
  'deployment',
);
const anyKind = fc.constantFrom<ReferenceSource['kind']>(
  'title',
  'body',
  'commit',
  'deployment',
  'branch',
);

/** Lower-case words: never a key, and never the words that change how a key is read. */
const word = fc
  .stringMatching(/^[a-z]{1,10}$/)
  .filter(
    w =>
      !/^(revert|reappl|pr$|prs$|pull|mr$|mrs$|colou?r|fill|stroke|border|background)/.test(
        w,
      ),
  );
const prose = fc.array(word, { maxLength: 12 }).map(words => words.join(' '));

const number = fc.integer({ min: 1, max: 9_999_999 });
const jiraKey = fc
  .tuple(fc.constantFrom(...JIRA_KEYS), number)
  .map(([project, n]) => `${project}-${n}`);
const serviceNowNumber = fc
  .integer({ min: 0, max: 9_999_999 })
  .map(n => `CHG${String(n).padStart(7, '0')}`);
const configuredKey = fc.oneof(jiraKey, serviceNowNumber);

/** Keys of projects nobody configured, and the look-alikes every repository has. */
const unconfiguredKey = fc.oneof(
  fc
    .tuple(fc.stringMatching(/^[A-Z][A-Z0-9]{1,7}$/), number)
    .filter(([project]) => !JIRA_KEYS.includes(project))
    .map(([project, n]) => `${project}-${n}`),
  fc.constantFrom(
    'UTF-8',
    'SHA-256',
    'ISO-8601',
    'CVE-2024-12345',
    'HTTP-2',
    'GPT-4',
    'INC0012345',
    'RITM0012345',
    'KIP-848',
  ),
);

const before = fc.constantFrom(' ', '(', '[', '"', "'", '\n', ', ', '> ', '**');
const after = fc.constantFrom(
  ' ',
  ')',
  ']',
  ':',
  '.',
  ',',
  ';',
  '\n',
  '',
  "'s",
  '**',
);

function upperKeys(text: string): string[] {
  return extractTicketReferences([{ kind: 'body', text }], projects, context);
}

describe('ticket reference properties', () => {
  it('finds any configured key that prose sets apart', () => {
    fc.assert(
      fc.property(
        proseKinds,
        prose,
        before,
        configuredKey,
        after,
        prose,
        (kind, head, open, key, close, tail) => {
          const text = `${head}${open}${key}${close} ${tail}`;
          expect(
            extractTicketReferences([{ kind, text }], projects, context),
          ).toContain(key);
        },
      ),
    );
  });

  it('finds a configured key in a branch name in any case', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', 'feature/', 'bugfix/', 'hotfix-'),
        configuredKey,
        fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
        fc.constantFrom('', '-tokenise-cards', '_rounding', '/step'),
        (prefix, key, upper, suffix) => {
          const cased = [...key]
            .map((c, i) =>
              upper[i % upper.length] ? c.toUpperCase() : c.toLowerCase(),
            )
            .join('');
          expect(
            extractTicketReferences(
              [{ kind: 'branch', text: `${prefix}${cased}${suffix}` }],
              projects,
            ),
          ).toEqual([key]);
        },
      ),
    );
  });

  it('finds nothing in text without a configured key', () => {
    const noKey = fc
      .string({ unit: fc.constantFrom(...'abcPAYKFCHGz019-#/ .([`\n') })
      .filter(text => !/PAY|ACC|KAFKA|CHG/i.test(text) && !text.includes('#'));
    fc.assert(
      fc.property(anyKind, fc.oneof(noKey, fc.string()), (kind, text) => {
        fc.pre(!/PAY|ACC|KAFKA|CHG/i.test(text) && !text.includes('#'));
        expect(
          findTicketReferences([{ kind, text }], projects, context),
        ).toEqual([]);
      }),
    );
  });

  it('never returns a key of a project nobody configured', () => {
    const token = fc.oneof(word, unconfiguredKey, configuredKey);
    fc.assert(
      fc.property(
        anyKind,
        fc.array(fc.tuple(token, before), { maxLength: 15 }),
        (kind, parts) => {
          const text = parts
            .map(([t, separator]) => `${t}${separator}`)
            .join('');
          const found = findTicketReferences(
            [{ kind, text }],
            projects,
            context,
          );
          const unconfigured = found.filter(
            ({ system, key }) =>
              !(system === 'jira' && JIRA_KEYS.includes(key.split('-')[0])) &&
              !(system === 'servicenow' && /^CHG[0-9]{7}$/.test(key)),
          );
          expect(unconfigured).toEqual([]);
        },
      ),
    );
  });

  it("finds nothing among look-alikes and other projects' keys", () => {
    fc.assert(
      fc.property(
        anyKind,
        fc.array(fc.tuple(fc.oneof(word, unconfiguredKey), before), {
          maxLength: 15,
        }),
        (kind, parts) => {
          const text = parts
            .map(([t, separator]) => `${t}${separator}`)
            .join('');
          expect(
            findTicketReferences([{ kind, text }], projects, context),
          ).toEqual([]);
        },
      ),
    );
  });

  it('never finds a key glued to a longer token', () => {
    fc.assert(
      fc.property(
        proseKinds,
        fc.stringMatching(/^[A-Za-z0-9]$/),
        jiraKey,
        fc.boolean(),
        (kind, glue, key, glueBefore) => {
          // A glued digit after a key only makes a longer number: that key is not the one written.
          fc.pre(glueBefore || !/[0-9]/.test(glue));
          const text = glueBefore
            ? `see ${glue}${key} now`
            : `see ${key}${glue} now`;
          expect(extractTicketReferences([{ kind, text }], projects)).toEqual(
            [],
          );
        },
      ),
    );
  });

  it('never finds a key inside code', () => {
    fc.assert(
      fc.property(
        prose,
        fc.array(fc.oneof(configuredKey, word), { minLength: 1, maxLength: 8 }),
        prose,
        fc.constantFrom('```', '~~~', '````', '```log'),
        (head, inside, tail, fence) => {
          const block = `${head}\n${fence}\n${inside.join(' ')}\n${fence.slice(
            0,
            3,
          )}\n${tail}`;
          const inline = `${head} \`${inside.join(' ')}\` ${tail}`;
          expect(upperKeys(block)).toEqual([]);
          expect(upperKeys(inline)).toEqual([]);
        },
      ),
    );
  });

  it('never reads a key in a link to another site', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          'https://other.atlassian.net/browse/',
          'https://github.com/acme/payments/tree/',
          'http://wiki.acme.example/pages/',
        ),
        jiraKey,
        (address, key) => {
          expect(upperKeys(`See ${address}${key} for details`)).toEqual([]);
          expect(
            upperKeys(
              `See https://acme.atlassian.net/browse/${key} for details`,
            ),
          ).toEqual([key]);
        },
      ),
    );
  });

  it('never reads the PR number GitHub appends to a subject as an issue', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<ReferenceSource['kind']>('title', 'commit'),
        prose,
        fc.array(number, { minLength: 1, maxLength: 2 }),
        (kind, subject, pullRequests) => {
          const text = `${subject} ${pullRequests
            .map(n => `(#${n})`)
            .join(' ')}`;
          expect(
            extractTicketReferences([{ kind, text }], projects, context),
          ).toEqual([]);
        },
      ),
    );
  });

  it('returns each key once, in order of first appearance', () => {
    fc.assert(
      fc.property(
        fc.array(configuredKey, { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.constantFrom(', ', ' and ', '; ', ' '),
        (keys, repeats, separator) => {
          const written = [...keys, ...repeats.map(i => keys[i % keys.length])];
          const text = written.join(separator);
          expect(upperKeys(text)).toEqual([...new Set(written)]);
          // Split across sources, the order is still that of first appearance.
          const half = Math.floor(written.length / 2);
          expect(
            extractTicketReferences(
              [
                { kind: 'title', text: written.slice(0, half).join(separator) },
                { kind: 'body', text: written.slice(half).join(separator) },
              ],
              projects,
            ),
          ).toEqual([...new Set(written)]);
        },
      ),
    );
  });
});
