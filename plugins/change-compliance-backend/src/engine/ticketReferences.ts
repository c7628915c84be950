import { TicketProjectPolicy } from '../policy/ChangePolicy';

/** Where a reference was read; branch names are matched without regard to case. */
export interface ReferenceSource {
  kind: 'title' | 'body' | 'branch' | 'commit' | 'deployment';
  text: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Code is not prose: keys inside fenced blocks or inline code are not references. */
function withoutCode(text: string): string {
  return text.replace(/```[\s\S]*?```/g, ' ').replace(/`[^`\n]*`/g, ' ');
}

/** Compiled once per set of projects: a service's changes all share the same patterns. */
const patternCache = new Map<string, { exact: RegExp; ignoringCase: RegExp }>();

function referencePatterns(projects: TicketProjectPolicy[]) {
  const alternatives = projects.map(p => escapeRegExp(p.key)).join('|');
  let patterns = patternCache.get(alternatives);
  if (!patterns) {
    // Not part of a longer word or number on either side: `XPAY-1`, `PAY-12a` and `PAY-1-2` are not keys.
    const pattern = `(?<![A-Za-z0-9])(${alternatives})-([1-9][0-9]*)(?![A-Za-z0-9]|-[0-9])`;
    // matchAll works on a copy of a global RegExp, so sharing these is safe.
    patterns = {
      exact: new RegExp(pattern, 'g'),
      ignoringCase: new RegExp(pattern, 'gi'),
    };
    patternCache.set(alternatives, patterns);
  }
  return patterns;
}

/**
 * The ticket keys (`PAY-123`) a change references, for the configured projects only: a key of a
 * project nobody configured (`UTF-8`, `SHA-256`, `CVE-2024-1234`) is not a ticket. Returns keys in
 * upper case, each once, in order of first appearance.
 */
export function extractTicketReferences(
  sources: ReferenceSource[],
  projects: TicketProjectPolicy[],
): string[] {
  if (projects.length === 0) return [];
  const patterns = referencePatterns(projects);
  const found: string[] = [];
  for (const source of sources) {
    const regex =
      source.kind === 'branch' ? patterns.ignoringCase : patterns.exact;
    const text =
      source.kind === 'branch' ? source.text : withoutCode(source.text);
    for (const match of text.matchAll(regex)) {
      const key = `${match[1].toUpperCase()}-${match[2]}`;
      if (!found.includes(key)) found.push(key);
    }
  }
  return found;
}
