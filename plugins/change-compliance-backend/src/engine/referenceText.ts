/**
 * What in a change's text is not its author naming a ticket of this change: code, template
 * comments, subjects git copied from another change, PR numbers GitHub appended, links. Each is
 * blanked out (replaced by spaces, newlines kept) rather than cut, so what stays keeps its
 * position, its line, and a separation from what stood on either side.
 */

function blanked(span: string): string {
  return span.includes('\n')
    ? span.replace(/[^\n]/g, ' ')
    : ' '.repeat(span.length);
}

function blankRange(text: string, start: number, end: number): string {
  return (
    text.slice(0, start) + blanked(text.slice(start, end)) + text.slice(end)
  );
}

const FENCE_OPENING = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/**
 * Fenced code blocks (``` or ~~~), as Markdown reads them: a block left open runs to the end, so a
 * log pasted into a PR body without its closing fence is still code.
 */
function withoutFencedCode(text: string): string {
  if (!text.includes('```') && !text.includes('~~~')) return text;
  const lines = text.split('\n');
  let closing: RegExp | undefined;
  for (let i = 0; i < lines.length; i++) {
    if (closing) {
      if (closing.test(lines[i])) closing = undefined;
      lines[i] = blanked(lines[i]);
      continue;
    }
    const opening = FENCE_OPENING.exec(lines[i]);
    // A backtick fence's info string has no backtick: ```PAY-12``` on one line is inline code.
    if (opening && !(opening[1][0] === '`' && opening[2].includes('`'))) {
      closing = new RegExp(
        `^ {0,3}${opening[1][0]}{${opening[1].length},}\\s*$`,
      );
      lines[i] = blanked(lines[i]);
    }
  }
  return lines.join('\n');
}

/** Inline code: a run of backticks up to the next run of the same length, within a paragraph. */
function withoutInlineCode(text: string): string {
  if (!text.includes('`')) return text;
  let result = text;
  const runs = /`+/g;
  for (let run = runs.exec(text); run; run = runs.exec(text)) {
    const closing = new RegExp(`(?<!\`)${run[0]}(?!\`)`, 'g');
    closing.lastIndex = run.index + run[0].length;
    const close = closing.exec(text);
    // An unmatched backtick is a literal backtick, not the start of code.
    if (!close) continue;
    if (/\n[ \t]*\n/.test(text.slice(run.index, close.index))) continue;
    const end = close.index + close[0].length;
    result = blankRange(result, run.index, end);
    runs.lastIndex = end;
  }
  return result;
}

/**
 * Code is not prose, and an HTML comment is not shown: PR templates carry instructions such as
 * `<!-- Reference the ticket, e.g. PAY-123 -->` that nobody wrote about this change.
 */
export function withoutCode(text: string): string {
  const code = withoutFencedCode(text);
  return withoutInlineCode(
    code.includes('<!--')
      ? code.replace(/<!--[\s\S]*?(?:-->|$)/g, blanked)
      : code,
  );
}

const COPIED_SUBJECT =
  /\b(?:revert(?:s|ed|ing)?|reappl(?:y|ies|ied))\b[\s,:]*["“]/gi;
const REVERTED_PULL_REQUEST =
  /\breverts?\s+(?:[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9_.-]+)?#[0-9]+/gi;

/**
 * What git and GitHub copy from the change being reverted: `Revert "PAY-12: Tokenise cards"`
 * (also `Reapply "…"`, git's revert of a revert) and GitHub's `Reverts acme/payments#45`. The
 * copied key is the reverted change's ticket and was written by nobody about this change; a
 * revert needs its own ticket like any other change (checks.md), so only what its author wrote
 * outside the quotes counts (`PAY-31: Revert "PAY-12: …"`, or `Revert PAY-12` typed by hand).
 * The quote runs to the last quote mark on its line, which covers nested reverts, or to the end
 * of the line when git's message was cut.
 */
export function withoutCopiedSubjects(text: string): string {
  if (!/revert|reappl/i.test(text)) return text;
  let result = text.replace(REVERTED_PULL_REQUEST, blanked);
  for (const match of text.matchAll(COPIED_SUBJECT)) {
    const quote = match.index + match[0].length;
    const lineEnd =
      text.indexOf('\n', quote) < 0 ? text.length : text.indexOf('\n', quote);
    const line = text.slice(quote, lineEnd);
    const lastQuote = Math.max(line.lastIndexOf('"'), line.lastIndexOf('”'));
    result = blankRange(
      result,
      quote,
      lastQuote < 0 ? lineEnd : quote + lastQuote,
    );
  }
  return result;
}

/**
 * The PR numbers GitHub writes into a subject. Squash merges append the PR's number,
 * `Tokenise cards (#45)`, and a cherry-pick through another PR appends a second, `(#45) (#51)`;
 * merge commits say `Merge pull request #45 from …`. These name pull requests, never issues, so
 * they are not tickets even where GitHub Issues is the ticket system. Only the subject (first
 * line) is read this way: elsewhere `(#12)` is as likely to be an issue as anything.
 */
export function withoutPullRequestNumbers(text: string): string {
  const lineEnd = text.indexOf('\n') < 0 ? text.length : text.indexOf('\n');
  let subject = text.slice(0, lineEnd);
  if (!subject.includes('#')) return text;
  // From the end backwards: a pattern anchored at the end would be tried at every position.
  let suffix = subject.length;
  let rest = subject.trimEnd();
  for (
    let open = rest.lastIndexOf('(#');
    open >= 0;
    open = rest.lastIndexOf('(#')
  ) {
    if (!/^\(#[0-9]+\)$/.test(rest.slice(open))) break;
    suffix = open;
    rest = rest.slice(0, open).trimEnd();
  }
  subject = blankRange(subject, suffix, subject.length).replace(
    /^(\s*Merge pull request )(#[0-9]+)/i,
    (_, before, number) => before + blanked(number),
  );
  return subject + text.slice(lineEnd);
}

/** A link in a text: where it starts, as written, and as an address. */
export interface Link {
  index: number;
  text: string;
  url: URL;
}

const LINK =
  /\b(?:https?|ftp|ssh|git):\/\/[^\s<>"'`)\]]+|\bwww\.[^\s<>"'`)\]]+/gi;

/**
 * The links in a text, and the text without them. A key in a link is part of an address, not
 * prose: whether it counts is for the caller to judge from where the link goes.
 */
export function separateLinks(text: string): {
  text: string;
  links: Link[];
} {
  if (!text.includes('://') && !/www\./i.test(text)) {
    return { text, links: [] };
  }
  const links: Link[] = [];
  const rest = text.replace(LINK, (found: string, index: number) => {
    try {
      const url = new URL(/^www\./i.test(found) ? `https://${found}` : found);
      links.push({ index, text: found, url });
    } catch {
      // Not a parsable address: still no prose, and no reference either.
    }
    return blanked(found);
  });
  return { text: rest, links };
}
