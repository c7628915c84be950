import {
  GITHUB_ISSUES_SYSTEM,
  SERVICENOW_SYSTEM,
  TicketProjectPolicy,
} from '../policy/ChangePolicy';
import {
  Link,
  separateLinks,
  withoutCode,
  withoutCopiedSubjects,
  withoutPullRequestNumbers,
} from './referenceText';

/** Where a reference was read; branch names are matched without regard to case. */
export interface ReferenceSource {
  kind: 'title' | 'body' | 'branch' | 'commit' | 'deployment';
  text: string;
}

/** A ticket a change names: the ticket system it lives in and its key there. */
export interface TicketReference {
  /** The configured system: `jira` (or another system with Jira-style keys), `servicenow`, `github-issues`. */
  system: string;
  /** `PAY-12`, `CHG0012345`, `acme/payments#12`: the key the ticket is stored and looked up by. */
  key: string;
}

/** What a text alone cannot tell. */
export interface ReferenceContext {
  /** The repository the change was made in (`owner/name`): the one a bare `#12` points into. */
  repository?: string;
}

/** Where a project's tickets are shown: only links there may carry its keys. */
interface Site {
  host: string;
  path: string;
}

interface TicketRepository {
  /** `owner/name` as the policy spells it: the ticket key's spelling. */
  slug: string;
  system: string;
  site: Site;
}

/** Everything the extraction needs from one set of projects, compiled once. */
interface Matchers {
  /** Jira-style keys (groups `key`, `number`) and ServiceNow numbers (`prefix`, `digits`). */
  inProse?: RegExp;
  inBranch?: RegExp;
  inLink?: RegExp;
  /** By upper-case project key (`PAY`) or number prefix (`CHG`): the systems and sites. */
  keyed: Map<string, { systems: string[]; sites: Site[] }>;
  numbered: Map<string, { systems: string[]; sites: Site[] }>;
  /** GitHub repositories whose issues are tickets, by lower-case `owner/name`. */
  repositories: Map<string, TicketRepository>;
}

interface Found {
  index: number;
  reference: TicketReference;
}

/** ServiceNow numbers a change request with its prefix and seven digits (the instance default). */
const SERVICENOW_DIGITS = 7;
const GITHUB = 'https://github.com';

/**
 * Before a key in prose: not a letter or digit (`XPAY-12` is another project's key), nor a hyphen
 * (`X-PAY-12`), dot (`org.PAY-12`), backslash, or slash after a word (a path or an address:
 * `acme/PAY-12`, `other.atlassian.net/browse/PAY-12` written without its scheme), nor `@` (a
 * mention or e-mail). A slash after a number separates keys: `PAY-12/PAY-13`.
 */
const PROSE_BEFORE = '(?<![A-Za-z0-9@\\\\.\\-]|(?<![0-9])/)';
/**
 * After a key: not a letter or digit (`PAY-12a`), nor a hyphen or dot and a digit (`PAY-1-2`,
 * `PAY-1.2` are versions or dates), nor a dot and a letter (`PAY-12.md` is a file), nor `@`.
 */
const PROSE_AFTER = '(?![A-Za-z0-9@]|[-.][0-9]|\\.[A-Za-z])';
/** In branch names `/`, `-`, `_` and `.` separate words: `feature/pay-12-tokenise`. */
const BRANCH_BEFORE = '(?<![A-Za-z0-9])';
const BRANCH_AFTER = '(?![A-Za-z0-9]|[-.][0-9])';
/** In a link's path and query a key stands after `/`, `=`, `?`, `#` or `&`. */
const LINK_BEFORE = '(?<![A-Za-z0-9.\\-])';

/** `acme/payments#12`: an issue of the named repository. */
const QUALIFIED_ISSUE =
  /(?<![A-Za-z0-9_.\-/@])([A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9_.-]+)#([1-9][0-9]*)(?![A-Za-z0-9_]|\.[0-9])/g;
/** `#12`: an issue of the change's own repository; not `C#12`, `&#12;`, `page#12` or `##12`. */
const BARE_ISSUE =
  /(?<![A-Za-z0-9_&/#.\-])#([1-9][0-9]*)(?![A-Za-z0-9_]|\.[0-9])/g;
/** `/acme/payments/issues/12` in a GitHub link; `/pull/12` is a pull request, not a ticket. */
const ISSUE_PATH = /^\/([^/]+)\/([^/]+)\/issues\/([1-9][0-9]*)(?:[/?#]|$)/;
/** `PR #45`, `pull request #45`, `MR #45`: GitHub numbers issues and pull requests alike. */
const NAMES_A_PULL_REQUEST =
  /(?:\bPRs?|\bpull(?:\s+requests?)?|\bmerge\s+requests?|\bMRs?)[\s:]*$/i;
/** `color: #333`, `background to #000`: a CSS colour, not an issue. */
const NAMES_A_COLOUR =
  /\b(?:colou?rs?|background(?:-colou?r)?|border(?:-colou?r)?|fill|stroke)\b[\s:=]*(?:(?:to|from)\s+)?$/i;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function siteOf(url: string): Site {
  const parsed = new URL(url);
  return {
    host: parsed.host.toLowerCase(),
    path: parsed.pathname.replace(/\/+$/, ''),
  };
}

function isOn(url: URL, site: Site): boolean {
  return (
    url.host.toLowerCase() === site.host &&
    (url.pathname === site.path || url.pathname.startsWith(`${site.path}/`))
  );
}

function addTo(
  map: Map<string, { systems: string[]; sites: Site[] }>,
  project: TicketProjectPolicy,
) {
  const entry = map.get(project.key) ?? { systems: [], sites: [] };
  if (!entry.systems.includes(project.system))
    entry.systems.push(project.system);
  if (project.url) entry.sites.push(siteOf(project.url));
  map.set(project.key, entry);
}

function compile(projects: TicketProjectPolicy[]): Matchers {
  const matchers: Matchers = {
    keyed: new Map(),
    numbered: new Map(),
    repositories: new Map(),
  };
  for (const project of projects) {
    if (project.system === GITHUB_ISSUES_SYSTEM) {
      const site = siteOf(project.url ?? GITHUB);
      for (const slug of project.repositories ?? []) {
        matchers.repositories.set(slug.toLowerCase(), {
          slug,
          system: project.system,
          site,
        });
      }
    } else if (project.system === SERVICENOW_SYSTEM) {
      addTo(matchers.numbered, project);
    } else {
      addTo(matchers.keyed, project);
    }
  }
  const alternatives = (keys: Iterable<string>) =>
    [...keys].map(escapeRegExp).join('|');
  const forms: string[] = [];
  if (matchers.keyed.size > 0) {
    forms.push(
      `(?<key>${alternatives(matchers.keyed.keys())})-(?<number>[1-9][0-9]*)`,
    );
  }
  if (matchers.numbered.size > 0) {
    forms.push(
      `(?<prefix>${alternatives(
        matchers.numbered.keys(),
      )})(?<digits>[0-9]{${SERVICENOW_DIGITS}})`,
    );
  }
  if (forms.length > 0) {
    const token = `(?:${forms.join('|')})`;
    matchers.inProse = new RegExp(`${PROSE_BEFORE}${token}${PROSE_AFTER}`, 'g');
    matchers.inBranch = new RegExp(
      `${BRANCH_BEFORE}${token}${BRANCH_AFTER}`,
      'gi',
    );
    matchers.inLink = new RegExp(`${LINK_BEFORE}${token}${BRANCH_AFTER}`, 'g');
  }
  return matchers;
}

/** Compiled once per set of projects: a service's changes all share the same patterns. */
const compiled = new Map<string, Matchers>();

/** The projects last asked for, as they were then, and their patterns. */
let lastUsed:
  | { projects: TicketProjectPolicy[]; matchers: Matchers }
  | undefined;

function sameProjects(
  asked: TicketProjectPolicy[],
  kept: TicketProjectPolicy[],
): boolean {
  return (
    asked.length === kept.length &&
    asked.every((p, i) => {
      const q = kept[i];
      return (
        p.system === q.system &&
        p.key === q.key &&
        p.url === q.url &&
        (p.repositories ?? []).length === (q.repositories ?? []).length &&
        (p.repositories ?? []).every((r, j) => r === q.repositories![j])
      );
    })
  );
}

function matchersFor(projects: TicketProjectPolicy[]): Matchers {
  // A service's changes come one after another with the same projects: compared field by field
  // (against a copy, so that a policy changed in place is noticed), without building a signature.
  if (lastUsed && sameProjects(projects, lastUsed.projects)) {
    return lastUsed.matchers;
  }
  let signature = '';
  for (const p of projects) {
    signature += `${p.system}\u0000${p.key}\u0000${p.url ?? ''}\u0000${
      p.repositories?.join(',') ?? ''
    }\n`;
  }
  let matchers = compiled.get(signature);
  if (!matchers) {
    matchers = compile(projects);
    compiled.set(signature, matchers);
  }
  lastUsed = {
    projects: projects.map(p => ({
      ...p,
      ...(p.repositories ? { repositories: [...p.repositories] } : {}),
    })),
    matchers,
  };
  return matchers;
}

/** The references a Jira-style key or ServiceNow number stands for, with the sites it may be linked on. */
function keyedReferences(
  groups: Record<string, string | undefined>,
  matchers: Matchers,
): { references: TicketReference[]; sites: Site[] } {
  if (groups.key) {
    const project = groups.key.toUpperCase();
    const entry = matchers.keyed.get(project);
    const key = `${project}-${groups.number}`;
    return {
      references: (entry?.systems ?? []).map(system => ({ system, key })),
      sites: entry?.sites ?? [],
    };
  }
  const prefix = (groups.prefix ?? '').toUpperCase();
  const entry = matchers.numbered.get(prefix);
  const key = `${prefix}${groups.digits}`;
  return {
    references: (entry?.systems ?? []).map(system => ({ system, key })),
    sites: entry?.sites ?? [],
  };
}

function issueReference(
  repository: TicketRepository,
  number: string,
): TicketReference {
  return { system: repository.system, key: `${repository.slug}#${number}` };
}

/** A key in a link counts when the link goes where the key's project keeps its tickets. */
function referencesInLink(link: Link, matchers: Matchers): Found[] {
  const found: Found[] = [];
  let address = `${link.url.pathname}${link.url.search}${link.url.hash}`;
  try {
    address = decodeURIComponent(address);
  } catch {
    // A malformed escape: read the address as written.
  }
  for (const match of matchers.inLink
    ? address.matchAll(matchers.inLink)
    : []) {
    const { references, sites } = keyedReferences(match.groups ?? {}, matchers);
    if (sites.some(site => isOn(link.url, site))) {
      found.push(
        ...references.map(reference => ({ index: link.index, reference })),
      );
    }
  }
  const issue = ISSUE_PATH.exec(link.url.pathname);
  const repository =
    issue && matchers.repositories.get(`${issue[1]}/${issue[2]}`.toLowerCase());
  if (issue && repository && isOn(link.url, repository.site)) {
    found.push({
      index: link.index,
      reference: issueReference(repository, issue[3]),
    });
  }
  return found;
}

/** The words just before a position, on its line. */
function lineBefore(text: string, index: number): string {
  return text.slice(
    Math.max(text.lastIndexOf('\n', index - 1) + 1, index - 40),
    index,
  );
}

function namesAnIssue(text: string, index: number): boolean {
  const before = lineBefore(text, index);
  return !NAMES_A_PULL_REQUEST.test(before) && !NAMES_A_COLOUR.test(before);
}

function issuesInProse(
  text: string,
  matchers: Matchers,
  here: TicketRepository | undefined,
): Found[] {
  if (matchers.repositories.size === 0) return [];
  const found: Found[] = [];
  for (const match of text.matchAll(QUALIFIED_ISSUE)) {
    const repository = matchers.repositories.get(match[1].toLowerCase());
    if (repository && namesAnIssue(text, match.index)) {
      found.push({
        index: match.index,
        reference: issueReference(repository, match[2]),
      });
    }
  }
  if (here) {
    for (const match of text.matchAll(BARE_ISSUE)) {
      if (namesAnIssue(text, match.index)) {
        found.push({
          index: match.index,
          reference: issueReference(here, match[1]),
        });
      }
    }
  }
  return found;
}

function referencesInProse(
  source: ReferenceSource,
  matchers: Matchers,
  here: TicketRepository | undefined,
): Found[] {
  let text = withoutCopiedSubjects(withoutCode(source.text));
  if (source.kind === 'title' || source.kind === 'commit') {
    text = withoutPullRequestNumbers(text);
  }
  const separated = separateLinks(text);
  text = separated.text;
  const found = separated.links.flatMap(link =>
    referencesInLink(link, matchers),
  );
  for (const match of matchers.inProse ? text.matchAll(matchers.inProse) : []) {
    const { references } = keyedReferences(match.groups ?? {}, matchers);
    found.push(
      ...references.map(reference => ({ index: match.index, reference })),
    );
  }
  found.push(...issuesInProse(text, matchers, here));
  return found;
}

function referencesInBranch(branch: string, matchers: Matchers): Found[] {
  // GitHub's revert button names the branch `revert-45-<the reverted PR's branch>`: what follows
  // is the reverted change's branch, and its key that change's ticket.
  if (!matchers.inBranch || /^revert-[0-9]+-/i.test(branch)) return [];
  return [...branch.matchAll(matchers.inBranch)].flatMap(match =>
    keyedReferences(match.groups ?? {}, matchers).references.map(reference => ({
      index: match.index,
      reference,
    })),
  );
}

/**
 * The tickets a change names, in the configured projects only: a key of a project nobody
 * configured (`UTF-8`, `SHA-256`, `CVE-2024-1234`) is not a ticket. Reads Jira-style keys
 * (`PAY-123`, `[PAY-123]`, `pay-123` in a branch name), ServiceNow change numbers (`CHG0012345`)
 * and GitHub issues (`acme/payments#12`; `#12` when `context.repository` is one of the project's
 * repositories); not inside code, HTML comments, subjects copied by a revert, the PR numbers
 * GitHub appends, or links to anywhere but the project's own site. Each reference once, in order
 * of first appearance (source by source, then by position).
 */
export function findTicketReferences(
  sources: ReferenceSource[],
  projects: TicketProjectPolicy[],
  context: ReferenceContext = {},
): TicketReference[] {
  if (projects.length === 0) return [];
  const matchers = matchersFor(projects);
  const here = context.repository
    ? matchers.repositories.get(context.repository.toLowerCase())
    : undefined;
  const references: TicketReference[] = [];
  const seen = new Set<string>();
  for (const source of sources) {
    const found =
      source.kind === 'branch'
        ? referencesInBranch(source.text, matchers)
        : referencesInProse(source, matchers, here);
    if (found.length > 1) found.sort((a, b) => a.index - b.index);
    for (const { reference } of found) {
      const id = `${reference.system}\u0000${reference.key}`;
      if (!seen.has(id)) {
        seen.add(id);
        references.push(reference);
      }
    }
  }
  return references;
}

/**
 * The keys of the tickets a change names (`PAY-123`, `CHG0012345`, `acme/payments#12`), each
 * once, in order of first appearance: `findTicketReferences` without the systems, for the
 * ticket store, which is keyed by ticket key.
 */
export function extractTicketReferences(
  sources: ReferenceSource[],
  projects: TicketProjectPolicy[],
  context: ReferenceContext = {},
): string[] {
  return [
    ...new Set(
      findTicketReferences(sources, projects, context).map(r => r.key),
    ),
  ];
}

/**
 * A ticket key as the store keeps it, whoever wrote it: Jira-style keys (`pay-12` is `PAY-12`) and
 * ServiceNow numbers (`chg0012345` is `CHG0012345`) in upper case, GitHub issue references
 * (`acme/payments#12`) as they are spelled.
 */
export function canonicalTicketKey(key: string): string {
  const trimmed = key.trim();
  return /^[A-Za-z][A-Za-z0-9_]*-\d+$/.test(trimmed) ||
    /^[A-Za-z]+\d{7}$/.test(trimmed)
    ? trimmed.toUpperCase()
    : trimmed;
}
