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
  const alternatives = projects.map(p => escapeRegExp(p.key)).join('|');
  // Not part of a longer word or number on either side: `XPAY-1`, `PAY-12a` and `PAY-1-2` are not keys.
  const pattern = `(?<![A-Za-z0-9])(${alternatives})-([1-9][0-9]*)(?![A-Za-z0-9]|-[0-9])`;
  const found: string[] = [];
  for (const source of sources) {
    const regex = new RegExp(pattern, source.kind === 'branch' ? 'gi' : 'g');
    const text =
      source.kind === 'branch' ? source.text : withoutCode(source.text);
    for (const match of text.matchAll(regex)) {
      const key = `${match[1].toLocaleUpperCase('en-US')}-${match[2]}`;
      if (!found.includes(key)) found.push(key);
    }
  }
  return found;
}
