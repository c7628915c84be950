import {
  backoffMs,
  DEFAULT_RETRY_POLICY as DEFAULT_RETRY_POLICY_OF_ALL,
  RetryPolicy,
} from '@change-compliance/plugin-change-compliance-node';

/**
 * How the module rides out the instance's bad moments: a 5xx, a 429 (ServiceNow's rate limit
 * rules), a dropped connection, a timed-out attempt or a cut-off body is asked again, a few times,
 * with exponential backoff and full jitter; `Retry-After` is honoured when the instance sends it.
 * Anything else (a refused credential, a query the instance rejects) fails at once.
 */
export type { RetryPolicy };

/** ServiceNow's instances throttle hard: fewer retries, and no `Retry-After` over two minutes. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  ...DEFAULT_RETRY_POLICY_OF_ALL,
  retries: 4,
  maxWaitMs: 120_000,
};

/** A failure a later attempt may not meet, with how long the instance asked to wait, if it did. */
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

export function isTransientStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** `Retry-After` in seconds (ServiceNow's form) or as an HTTP date. */
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

/** How long to wait before retry number `attempt` (1-based) after this failure. */
export function waitBeforeRetry(
  failure: TransientFailure,
  attempt: number,
  policy: RetryPolicy,
): number | undefined {
  if (failure.retryAfterMs !== undefined) {
    return failure.retryAfterMs <= policy.maxWaitMs
      ? failure.retryAfterMs
      : undefined;
  }
  return backoffMs(policy, attempt - 1);
}
