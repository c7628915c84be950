import { EvidenceRef } from '@change-compliance/plugin-change-compliance-common';

/** An evidence reference of the engine (see `EvidenceRef`), taken apart for display and links. */
export type ParsedEvidenceRef =
  | { kind: 'pull-request'; repository: string; number: number }
  | { kind: 'commit'; repository: string; sha: string }
  | { kind: 'review'; repository: string; number: number; reviewId: string }
  | { kind: 'ticket'; system: string; key: string }
  | { kind: 'deployment'; id: string }
  | { kind: 'approval'; source: string; id: string }
  | { kind: 'other'; ref: string };

const PATTERNS: Array<[RegExp, (m: RegExpMatchArray) => ParsedEvidenceRef]> = [
  [
    /^pr:([^#]+)#(\d+)$/,
    m => ({ kind: 'pull-request', repository: m[1], number: Number(m[2]) }),
  ],
  [
    /^commit:([^@]+)@([0-9a-fA-F]+)$/,
    m => ({ kind: 'commit', repository: m[1], sha: m[2] }),
  ],
  [
    /^review:([^#]+)#(\d+)\/(.+)$/,
    m => ({
      kind: 'review',
      repository: m[1],
      number: Number(m[2]),
      reviewId: m[3],
    }),
  ],
  [
    /^ticket:([^/]+)\/(.+)$/,
    m => ({ kind: 'ticket', system: m[1], key: m[2] }),
  ],
  [/^deployment:(.+)$/, m => ({ kind: 'deployment', id: m[1] })],
  [
    /^approval:([^/]+)\/(.+)$/,
    m => ({ kind: 'approval', source: m[1], id: m[2] }),
  ],
];

export function parseEvidenceRef(ref: EvidenceRef): ParsedEvidenceRef {
  for (const [pattern, build] of PATTERNS) {
    const match = ref.match(pattern);
    if (match) return build(match);
  }
  return { kind: 'other', ref };
}

/** The ticket systems of ticket keys, as the ticket checks' evidence names them. */
export function ticketSystemsByKey(refs: EvidenceRef[]): Map<string, string> {
  const systems = new Map<string, string>();
  for (const ref of refs) {
    const parsed = parseEvidenceRef(ref);
    if (parsed.kind === 'ticket') systems.set(parsed.key, parsed.system);
  }
  return systems;
}
