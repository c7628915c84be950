import { GraphqlSubject, GraphqlTimelineItem } from './queries';

/** Code shows text, it does not refer: fenced blocks, inline code, HTML comments. */
const CODE =
  /(^|\n) {0,3}(`{3,}|~{3,})[\s\S]*?(?:\n {0,3}\2[^\n]*|$)|`[^`\n]*`|<!--[\s\S]*?(?:-->|$)/g;
/** A pull request's address: `https://<host>/<owner>/<name>/pull/<n>`. */
const PULL_URL =
  /\bhttps?:\/\/([^/\s]+)\/([A-Za-z0-9][A-Za-z0-9-]*)\/([A-Za-z0-9_.-]+)\/pull\/([1-9][0-9]*)(?![0-9])/g;
/** `owner/name#12`, as GitHub links it; not inside a longer word or path. */
const QUALIFIED =
  /(?<![A-Za-z0-9_.\-/@])([A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9_.-]+)#([1-9][0-9]*)(?![A-Za-z0-9_])/g;
/** `#12`: an issue or pull request of the issue's own repository (they share one numbering). */
const BARE = /(?<![A-Za-z0-9_&/#.\-])#([1-9][0-9]*)(?![A-Za-z0-9_])/g;

function pullRequestOf(subject: GraphqlSubject): string | undefined {
  return subject.__typename === 'PullRequest'
    ? `${subject.repository.nameWithOwner}#${subject.number}`
    : undefined;
}

/** The pull requests an issue's own text names: addresses on its host, `owner/name#n`, `#n`. */
function mentionedInBody(
  body: string,
  repository: string,
  host: string,
): string[] {
  const text = body.replace(CODE, '$1');
  const found: string[] = [];
  for (const match of text.matchAll(PULL_URL)) {
    if (match[1].toLowerCase() === host.toLowerCase()) {
      found.push(`${match[2]}/${match[3]}#${match[4]}`);
    }
  }
  const withoutUrls = text.replace(PULL_URL, ' ');
  for (const match of withoutUrls.matchAll(QUALIFIED)) {
    found.push(`${match[1]}#${match[2]}`);
  }
  for (const match of withoutUrls.matchAll(BARE)) {
    found.push(`${repository}#${match[1]}`);
  }
  return found;
}

/**
 * What an issue points back at, for `trace.bidirectional`, as `owner/name#n`: the pull requests
 * whose mention of it GitHub recorded on its timeline (`CrossReferencedEvent`, the mention as
 * GitHub shows it under the issue), those linked to it in its Development sidebar and not
 * unlinked since (`ConnectedEvent`, `DisconnectedEvent`; the pull request may be either side of
 * the event), and those its own body names. `#n` can name an issue as well as a pull request:
 * it is kept all the same, since a link back counts only when it names the change's own PR.
 */
export function backLinks(
  issue: { body: string; url: string },
  repository: string,
  timeline: GraphqlTimelineItem[],
): string[] {
  const mentions = new Set<string>();
  const connected = new Set<string>();
  for (const item of timeline) {
    if (item.__typename === 'CrossReferencedEvent') {
      const pull = pullRequestOf(item.source);
      if (pull) mentions.add(pull);
    } else if (
      item.__typename === 'ConnectedEvent' ||
      item.__typename === 'DisconnectedEvent'
    ) {
      const pull = pullRequestOf(item.source) ?? pullRequestOf(item.subject);
      if (!pull) continue;
      if (item.__typename === 'ConnectedEvent') connected.add(pull);
      else connected.delete(pull);
    }
  }
  const host = new URL(issue.url).host;
  return [
    ...new Set([
      ...mentions,
      ...connected,
      ...mentionedInBody(issue.body, repository, host),
    ]),
  ];
}
