/**
 * The limits a provider module's requests retry within, the same for every upstream. Each
 * module decides which of its upstream's failures another attempt may fix (each client reports
 * them its own way); how long it waits between attempts is decided here.
 * @public
 */
export interface RetryPolicy {
  /** Attempts after the first. */
  retries: number;
  /** The first retry waits up to this long; each next one up to twice as long (full jitter). */
  baseDelayMs: number;
  /** The longest wait an upstream may ask for (`Retry-After`) before the sync gives up for now. */
  maxWaitMs: number;
  /** One attempt's time limit. */
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

/** @public */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 5,
  baseDelayMs: 500,
  maxWaitMs: 5 * 60_000,
  timeoutMs: 30_000,
  sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
  random: Math.random,
};

/**
 * How long to wait before retry `attempt` (0: the first retry): anywhere up to a ceiling that
 * doubles each time. Full jitter, so that the replicas and plugins that met the same failure do
 * not all ask again at the same moment.
 * @public
 */
export function backoffMs(policy: RetryPolicy, attempt: number): number {
  return Math.round(policy.random() * policy.baseDelayMs * 2 ** attempt);
}

/**
 * A failure a later attempt may not meet (a 5xx or 429, a dropped connection, a cut-off body), with
 * how long the upstream asked to wait, if it did.
 */
export class TransientFailure extends Error {
  constructor(
    readonly status: number | undefined,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'TransientFailure';
  }
}

/** Statuses another attempt may not meet: throttling and server errors. */
export function isTransientStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** `Retry-After` in seconds or as an HTTP date, as milliseconds from `now`. */
export function parseRetryAfter(
  header: string | null,
  now = Date.now(),
): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}
