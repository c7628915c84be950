/*
 * What kind of upstream failure a recorded sync error reports, read from its message: each
 * module words its errors its own way, and the sources page shows them as they are. A message
 * none of these fits counts as `other`, and the soak prints an example of each kind so that a
 * misleading message shows.
 */
const KINDS: [kind: string, pattern: RegExp][] = [
  [
    'unauthenticated (401)',
    /\b401\b|bad credentials|not authenticated|authentication required/i,
  ],
  ['rate limited (403/429)', /\b429\b|\b403\b|rate limit|limited the rate/i],
  [
    'malformed answer',
    /json|garbled|cut off|unusable body|unexpected token|not complete|no result list/i,
  ],
  [
    'timeout or dropped connection',
    /time ?out|timed out|abort|econnreset|socket hang up|terminated|fetch failed|other side closed/i,
  ],
  [
    'server error (5xx)',
    /\b50[0-9]\b|internal server error|bad gateway|service unavailable/i,
  ],
];

export function errorKind(message: string): string {
  return KINDS.find(([, pattern]) => pattern.test(message))?.[0] ?? 'other';
}
