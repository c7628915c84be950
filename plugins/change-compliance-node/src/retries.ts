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
