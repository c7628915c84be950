import { z } from 'zod';
import { Random } from '../generator/random';

/**
 * Fault injection for the reliability tests, off by default. Each rule applies to requests whose
 * path matches `path` (a regular expression, against the path without query), to a share `rate` of
 * them (1 = every one) chosen by a seeded sequence so that runs repeat, and optionally only to the
 * first `times` matching requests.
 */
export const faultRuleSchema = z.object({
  path: z.string().default('.*'),
  kind: z.enum([
    /** HTTP 500, 502 or 503 with the upstream's error body. */
    'status-500',
    'status-502',
    'status-503',
    /** Answer after `delayMs` (default 2,000 ms). */
    'slow',
    /** Accept the request and never answer (the client's timeout must fire). */
    'timeout',
    /** Send the first half of the JSON body, then close. */
    'truncated',
    /** Send a body that is not JSON. */
    'malformed',
    /** 401 as after a token expired (GitHub: "Bad credentials"). */
    'expired-token',
    /** GitHub secondary rate limit: 403 with `retry-after`. */
    'secondary-rate-limit',
    /** The same, as a 429. */
    'too-many-requests',
    /** A list grows at its front between pages: later pages repeat items. */
    'shifting-pages',
  ]),
  rate: z.number().min(0).max(1).default(1),
  times: z.number().int().positive().optional(),
  delayMs: z.number().int().nonnegative().optional(),
  retryAfterSeconds: z.number().int().nonnegative().optional(),
});
export type FaultRule = z.infer<typeof faultRuleSchema>;
export type FaultKind = FaultRule['kind'];

export class Faults {
  private rules: { rule: FaultRule; pattern: RegExp; hits: number }[] = [];
  private random: Random;

  constructor(private readonly seed = 1) {
    this.random = new Random(seed);
  }

  set(rules: unknown[]) {
    this.rules = rules.map(raw => {
      const rule = faultRuleSchema.parse(raw);
      return { rule, pattern: new RegExp(rule.path), hits: 0 };
    });
    this.random = new Random(this.seed);
  }

  list(): FaultRule[] {
    return this.rules.map(r => r.rule);
  }

  clear() {
    this.set([]);
  }

  /** How many requests each rule has answered so far, in the order the rules were set. */
  hits(): { kind: FaultKind; hits: number }[] {
    return this.rules.map(r => ({ kind: r.rule.kind, hits: r.hits }));
  }

  /** The fault to inject into this request, if any (at most one: the first rule that fires). */
  pick(path: string, kinds?: FaultKind[]): FaultRule | undefined {
    for (const entry of this.rules) {
      if (kinds && !kinds.includes(entry.rule.kind)) continue;
      if (!entry.pattern.test(path)) continue;
      if (entry.rule.times !== undefined && entry.hits >= entry.rule.times)
        continue;
      if (this.random.next() >= entry.rule.rate) continue;
      entry.hits += 1;
      return entry.rule;
    }
    return undefined;
  }
}
