/** An ATX heading, `## Rollback plan`, with at most three spaces before it, as Markdown allows. */
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$/;
/** The closing sequence an ATX heading may end with: `## Rollback plan ##`. */
const CLOSING_HASHES = /(?:^|[ \t]+)#+$/;
/** A fence that opens or closes a code block: a heading inside one is code, not a heading. */
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** Invisible in the rendered issue, so no content: an issue template's guidance is often one. */
const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
/**
 * What GitHub's issue forms write for an optional field left empty. It is no answer, and the
 * product's placeholder list (written for every ticket system) does not know it.
 */
const NO_RESPONSE = /^_No response_$/i;

/** The text of a heading: without its closing hashes, emphasis around it, a final colon. */
function headingText(raw: string): string {
  return raw
    .replace(CLOSING_HASHES, '')
    .trim()
    .replace(/^([*_]{1,2})(.*)\1$/, '$2')
    .replace(/:$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function sectionText(lines: string[]): string {
  const text = lines.join('\n').replace(HTML_COMMENT, '').trim();
  return NO_RESPONSE.test(text) ? '' : text;
}

/**
 * The sections of an issue body, by heading: `## Justification` and the text under it, up to the
 * next heading of any level. A heading's own sub-headings end its text: a section holding only
 * sub-headings is empty, not filled by their titles. The first of several headings that differ
 * only in case keeps its place (a template's empty `## Rollback plan` is not filled by a later
 * `## Rollback Plan`); the text of each is as written, less HTML comments, and an issue form's
 * `_No response_` is empty.
 */
export function issueSections(body: string): Record<string, string> {
  const sections: Record<string, string> = {};
  const taken = new Set<string>();
  let current: { heading: string; lines: string[] } | undefined;
  let fence: string | undefined;
  const close = () => {
    if (!current) return;
    const folded = current.heading.toLowerCase();
    if (current.heading !== '' && !taken.has(folded)) {
      taken.add(folded);
      sections[current.heading] = sectionText(current.lines);
    }
    current = undefined;
  };
  for (const line of body.replace(/\r\n?/g, '\n').split('\n')) {
    const fenceMark = FENCE.exec(line)?.[1];
    if (fence) {
      if (
        fenceMark &&
        fenceMark[0] === fence[0] &&
        fenceMark.length >= fence.length
      ) {
        fence = undefined;
      }
      current?.lines.push(line);
      continue;
    }
    if (fenceMark) {
      fence = fenceMark;
      current?.lines.push(line);
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      close();
      current = { heading: headingText(heading[2] ?? ''), lines: [] };
      continue;
    }
    current?.lines.push(line);
  }
  close();
  return sections;
}
