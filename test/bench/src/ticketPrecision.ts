/*
 * Precision and recall of ticket reference extraction on real commit subjects. Reads a file of
 * subjects (a TSV with a `subject` column, or one subject per line), extracts the references of
 * the given Jira projects from each subject as the engine reads a commit, and compares them with a
 * truth labelled by a separate, deliberately plain rule (below). Prints TP/FP/FN, precision,
 * recall, every disagreement, and the near misses a reader should look at by hand.
 *
 *   yarn workspace @internal/bench bench:tickets /path/commits-kafka.tsv --projects KAFKA
 *   yarn workspace @internal/bench bench:tickets /path/commits-vite.tsv --projects KAFKA,VITE --truth none
 *
 * --projects  comma-separated Jira project keys the policy configures (default KAFKA)
 * --truth     `keys` (default): the truth rule below; `none`: the repository uses no ticket keys,
 *             so every key found is a false positive
 * --column    the TSV column to read (default subject)
 * --url       the projects' Jira site, e.g. https://issues.apache.org/jira: keys in links to it count
 *
 * Truth rule `keys`, per subject, with plain string operations and no pattern shared with the
 * extraction: (1) the part from the quote after `Revert "` or `Reapply "` to the subject's last
 * quote (or its end) is dropped: it is the reverted change's subject, copied by git; (2) the rest
 * is split at white space and at , ; : ( ) [ ] " ' / |; (3) a piece, less one trailing full stop, is
 * a key when it is exactly a configured project key in upper case, a hyphen, and digits not
 * starting with 0 (Jira's own form: keys are upper case).
 *
 * Results go to docs/benchmarks.md by hand, with the command. Tests never run this script: the
 * subject files are not part of the repository.
 */
import fs from 'node:fs';
import path from 'node:path';
// The extraction is internal to the backend and its package exports do not reach it, so the
// script takes it from the source, as the engine runs it.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { findTicketReferences } from '../../../plugins/change-compliance-backend/src/engine/ticketReferences';
import { argument } from './arguments';

const file = process.argv
  .slice(2)
  .find((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
if (!file) {
  process.stderr.write(
    'usage: bench:tickets <subjects.tsv> [--projects KAFKA,...] [--truth keys|none]\n',
  );
  process.exit(2);
}
const projectKeys = argument('projects', 'KAFKA')
  .split(',')
  .map(k => k.trim())
  .filter(Boolean);
const truthRule = argument('truth', 'keys');
if (truthRule !== 'keys' && truthRule !== 'none') {
  process.stderr.write(`--truth must be keys or none, not ${truthRule}\n`);
  process.exit(2);
}

/** Yarn runs the script in the workspace; a relative path means where the command was typed. */
function readSubjects(name: string): string[] {
  const resolved = path.resolve(process.env.INIT_CWD ?? process.cwd(), name);
  const lines = fs.readFileSync(resolved, 'utf8').split(/\r?\n/);
  const header = lines[0].split('\t');
  const column = header.indexOf(argument('column', 'subject'));
  const rows = column >= 0 ? lines.slice(1) : lines;
  return rows
    .filter(line => line.trim() !== '')
    .map(line => (column >= 0 ? line.split('\t')[column] ?? '' : line));
}

function withoutRevertedSubject(subject: string): string {
  const lower = subject.toLowerCase();
  const starts = ['revert "', 'reapply "']
    .map(marker => {
      const at = lower.indexOf(marker);
      return at < 0 ? -1 : at + marker.length;
    })
    .filter(at => at >= 0);
  if (starts.length === 0) return subject;
  const start = Math.min(...starts);
  const end = subject.lastIndexOf('"');
  return end >= start
    ? subject.slice(0, start) + subject.slice(end)
    : subject.slice(0, start);
}

function isDigits(text: string): boolean {
  return text.length > 0 && [...text].every(c => c >= '0' && c <= '9');
}

function truthKeys(subject: string): string[] {
  if (truthRule === 'none') return [];
  const keys: string[] = [];
  let rest = withoutRevertedSubject(subject);
  for (const separator of [
    ',',
    ';',
    ':',
    '(',
    ')',
    '[',
    ']',
    '"',
    "'",
    '/',
    '|',
  ]) {
    rest = rest.split(separator).join(' ');
  }
  for (let piece of rest.split(/\s+/)) {
    if (piece.endsWith('.')) piece = piece.slice(0, -1);
    const hyphen = piece.indexOf('-');
    const project = piece.slice(0, hyphen);
    const number = piece.slice(hyphen + 1);
    if (
      hyphen > 0 &&
      projectKeys.includes(project) &&
      isDigits(number) &&
      !number.startsWith('0') &&
      !keys.includes(piece)
    ) {
      keys.push(piece);
    }
  }
  return keys;
}

/** Subjects where a reader might see a ticket that neither rule counts: typos, spaces, case. */
function isNearMiss(subject: string): boolean {
  const lower = subject.toLowerCase();
  return projectKeys.some(key => {
    for (let at = lower.indexOf(key.toLowerCase()); at >= 0; ) {
      const after = subject.slice(at + key.length, at + key.length + 3);
      if (/^[-_ ]{0,2}[0-9]/.test(after)) return true;
      at = lower.indexOf(key.toLowerCase(), at + 1);
    }
    return false;
  });
}

const site = argument('url', '');
const projects = projectKeys.map(key => ({
  system: 'jira',
  key,
  ...(site ? { url: site } : {}),
}));
const subjects = readSubjects(file);

let truePositives = 0;
let falsePositives = 0;
let falseNegatives = 0;
let subjectsWithTruth = 0;
let subjectsWithFound = 0;
const disagreements: string[] = [];
const nearMisses: string[] = [];

const started = process.hrtime.bigint();
for (const subject of subjects) {
  const found = findTicketReferences(
    [{ kind: 'commit', text: subject }],
    projects,
  ).map(r => r.key);
  const truth = truthKeys(subject);
  if (truth.length > 0) subjectsWithTruth += 1;
  if (found.length > 0) subjectsWithFound += 1;
  const extra = found.filter(k => !truth.includes(k));
  const missed = truth.filter(k => !found.includes(k));
  truePositives += found.length - extra.length;
  falsePositives += extra.length;
  falseNegatives += missed.length;
  if (extra.length > 0 || missed.length > 0) {
    disagreements.push(
      `  ${extra
        .map(k => `FP ${k}`)
        .concat(missed.map(k => `FN ${k}`))
        .join(', ')}\t${subject}`,
    );
  } else if (truth.length === 0 && isNearMiss(subject)) {
    nearMisses.push(`  ${subject}`);
  }
}
const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;

const ratio = (n: number, d: number) =>
  d === 0 ? 'n/a (no keys)' : (n / d).toFixed(4);
const lines = [
  `file: ${file}`,
  `projects: ${projectKeys.join(', ')}${
    site ? ` at ${site}` : ''
  }; truth: ${truthRule}`,
  `rows: ${subjects.length}; with a key by the truth: ${subjectsWithTruth}; with a key found: ${subjectsWithFound}`,
  `keys: TP ${truePositives}, FP ${falsePositives}, FN ${falseNegatives}`,
  `precision: ${ratio(truePositives, truePositives + falsePositives)}`,
  `recall: ${ratio(truePositives, truePositives + falseNegatives)}`,
  `extraction time: ${elapsedMs.toFixed(0)} ms`,
  `disagreements (${disagreements.length}):`,
  ...disagreements,
  `near misses, no key by either rule (${nearMisses.length}):`,
  ...nearMisses,
];
process.stdout.write(`${lines.join('\n')}\n`);
