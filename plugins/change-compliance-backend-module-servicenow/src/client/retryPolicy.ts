import {
  backoffMs,
  DEFAULT_RETRY_POLICY as DEFAULT_RETRY_POLICY_OF_ALL,
  RetryPolicy,
  TransientFailure,
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
