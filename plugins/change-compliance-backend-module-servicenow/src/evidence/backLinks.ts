/*
 * What a change request points back at, for `trace.bidirectional`: its correlation fields as they
 * stand (an integration writes the PR, commit or deployment there), and the PRs, links and commit
 * SHAs its texts name. Bare numbers in prose are not taken: `17` could be any deployment.
 */

/** An address, without the punctuation that ends the sentence around it. */
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>()"'`]+/gi;
/** `acme/payments#12`: a PR (or issue) of the named repository. */
const QUALIFIED_PULL_REQUEST =
  /(?<![A-Za-z0-9_.\-/@])[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9_.-]+#[1-9][0-9]*(?![0-9])/g;
/** A full or abbreviated commit SHA standing as a word. */
const COMMIT_SHA = /(?<![A-Za-z0-9])[0-9a-f]{7,40}(?![A-Za-z0-9])/gi;

const TRAILING_PUNCTUATION = /[.,;:!?]+$/;

/** The links, PR references and SHAs named in free text, each once, in order of appearance. */
export function referencesInText(text: string): string[] {
  const found: { index: number; value: string }[] = [];
  const withoutUrls = text.replace(URL_IN_TEXT, (url, index: number) => {
    found.push({ index, value: url.replace(TRAILING_PUNCTUATION, '') });
    return ' '.repeat(url.length);
  });
  for (const pattern of [QUALIFIED_PULL_REQUEST, COMMIT_SHA]) {
    for (const match of withoutUrls.matchAll(pattern)) {
      found.push({ index: match.index, value: match[0] });
    }
  }
  return [
    ...new Set(found.sort((a, b) => a.index - b.index).map(f => f.value)),
  ];
}

/**
 * The ticket's back links: each correlation value whole, then what the correlation values and
 * the texts name.
 */
export function backLinks(
  correlations: (string | undefined)[],
  texts: (string | undefined)[],
): string[] {
  const whole = correlations
    .map(value => value?.trim() ?? '')
    .filter(value => value !== '');
  return [
    ...new Set([
      ...whole,
      ...[...whole, ...texts.filter((t): t is string => Boolean(t))].flatMap(
        referencesInText,
      ),
    ]),
  ];
}
