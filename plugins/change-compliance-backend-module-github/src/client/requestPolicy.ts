import { LoggerService } from '@backstage/backend-plugin-api';
import {
  backoffMs,
  DEFAULT_RETRY_POLICY,
  RetryPolicy,
} from '@change-compliance/plugin-change-compliance-node';
import { Octokit } from '@octokit/rest';

/**
 * How this module spends GitHub's rate limit and rides out GitHub's bad moments. The portal's
 * token is shared with every other plugin, so a sync waits when GitHub asks it to, stops before it
 * empties the budget, and retries only what a retry can fix.
 *
 * Octokit's own plugins for this line of Octokit (plugin-retry 6, plugin-throttling 8) do not add
 * jitter, do not honour `retry-after` on a 429, and queue every GraphQL request a second apart;
 * this hook does the three things this module needs and nothing else.
 */
export interface RequestPolicyOptions extends RetryPolicy {
  /** Requests left in the budget below which a sync stops, leaving the rest to other plugins. */
  reserve: number;
}

export const DEFAULT_REQUEST_POLICY: RequestPolicyOptions = {
  ...DEFAULT_RETRY_POLICY,
  reserve: 100,
};

/** The rate limit is spent (or down to the reserve): the sync stops and resumes from its cursor. */
export class RateLimitExhaustedError extends Error {
  constructor(readonly resetAt: Date) {
    super(
      `GitHub rate limit exhausted or down to the reserve; resets at ${resetAt.toISOString()}`,
    );
    this.name = 'RateLimitExhaustedError';
  }
}

type Headers = Record<string, string | number | undefined>;

interface Failure {
  status?: number;
  message?: string;
  response?: { headers?: Headers; data?: unknown };
}

/** What to do after an answer or a failure: use it, wait and ask again, or give up. */
type Decision =
  | { kind: 'retry'; waitMs: number; reason: string }
  | { kind: 'rate-limited'; resetAt: Date }
  | { kind: 'fail' };

const header = (headers: Headers | undefined, name: string) =>
  headers?.[name] === undefined ? undefined : String(headers[name]);

function resetOf(headers: Headers | undefined): Date {
  const reset = Number(header(headers, 'x-ratelimit-reset'));
  return new Date(Number.isFinite(reset) ? reset * 1000 : Date.now());
}

/** GitHub's secondary limits say so in the message, or carry `retry-after` (403 or 429). */
function decideOnFailure(
  failure: Failure,
  attempt: number,
  policy: RequestPolicyOptions,
): Decision {
  const status = failure.status;
  const headers = failure.response?.headers;
  if (status === 403 || status === 429) {
    const retryAfter = Number(header(headers, 'retry-after'));
    if (
      Number.isFinite(retryAfter) ||
      /secondary rate/i.test(failure.message ?? '')
    ) {
      const waitMs = (Number.isFinite(retryAfter) ? retryAfter : 60) * 1000;
      return attempt < policy.retries && waitMs <= policy.maxWaitMs
        ? { kind: 'retry', waitMs, reason: 'secondary rate limit' }
        : { kind: 'rate-limited', resetAt: new Date(Date.now() + waitMs) };
    }
    if (header(headers, 'x-ratelimit-remaining') === '0') {
      return { kind: 'rate-limited', resetAt: resetOf(headers) };
    }
    return { kind: 'fail' };
  }
  // No status (the connection dropped, the attempt timed out) or a server error: worth another try.
  if ((status === undefined || status >= 500) && attempt < policy.retries) {
    return {
      kind: 'retry',
      waitMs: backoffMs(policy, attempt),
      reason: status ? `HTTP ${status}` : failure.message ?? 'network error',
    };
  }
  return { kind: 'fail' };
}

/**
 * A 200 can still be a failure: a JSON body cut off or garbled reaches Octokit as text (it falls
 * back to text when JSON does not parse), and GitHub's GraphQL reports an exhausted budget as a
 * 200 with a `RATE_LIMITED` error.
 */
function failureInAnswer(response: {
  status: number;
  headers: Headers;
  data: unknown;
}): Failure | undefined {
  const contentType = header(response.headers, 'content-type') ?? '';
  if (typeof response.data === 'string' && contentType.includes('json')) {
    return { message: 'the JSON body was cut off or garbled' };
  }
  const errors = (response.data as { errors?: { type?: string }[] } | null)
    ?.errors;
  if (Array.isArray(errors) && errors.some(e => e.type === 'RATE_LIMITED')) {
    return {
      status: 403,
      response: {
        headers: { ...response.headers, 'x-ratelimit-remaining': '0' },
      },
    };
  }
  return undefined;
}

/** Installs the policy on an Octokit instance (REST and GraphQL share its request hook). */
export function applyRequestPolicy(
  octokit: Octokit,
  logger: LoggerService | undefined,
  options: Partial<RequestPolicyOptions> = {},
): Octokit {
  const policy = { ...DEFAULT_REQUEST_POLICY, ...options };
  // The budgets as GitHub last reported them to this client: REST and GraphQL count apart.
  const budgets = new Map<string, { remaining: number; resetAt: Date }>();
  octokit.hook.wrap('request', async (request, requestOptions) => {
    const resource = /\/graphql$/.test(requestOptions.url) ? 'graphql' : 'core';
    const budget = budgets.get(resource);
    if (
      budget &&
      budget.remaining < policy.reserve &&
      budget.resetAt.getTime() > Date.now()
    ) {
      throw new RateLimitExhaustedError(budget.resetAt);
    }
    for (let attempt = 0; ; attempt++) {
      let decision: Decision;
      try {
        // The attempt's time limit goes on the options object itself: the hooks registered
        // before this one (the token's, which Octokit adds in its constructor) are bound to the
        // options the request started with, and ignore options handed on here. Handed on, the
        // limit never reached fetch, and an attempt GitHub never answered never ended.
        requestOptions.request = {
          ...requestOptions.request,
          signal: AbortSignal.timeout(policy.timeoutMs),
        };
        const response = await request(requestOptions);
        const remaining = Number(
          header(response.headers, 'x-ratelimit-remaining'),
        );
        if (Number.isFinite(remaining)) {
          budgets.set(resource, {
            remaining,
            resetAt: resetOf(response.headers),
          });
        }
        const failure = failureInAnswer(response);
        if (!failure) return response;
        decision = decideOnFailure(failure, attempt, policy);
      } catch (error) {
        decision = decideOnFailure(error as Failure, attempt, policy);
        if (decision.kind === 'fail') throw error;
      }
      if (decision.kind === 'rate-limited') {
        throw new RateLimitExhaustedError(decision.resetAt);
      }
      if (decision.kind === 'fail') {
        throw new Error(
          `GitHub answered ${requestOptions.method} ${requestOptions.url} with an unusable body`,
        );
      }
      logger?.debug(
        `GitHub ${requestOptions.method} ${requestOptions.url}: ${
          decision.reason
        }; retry ${attempt + 1} in ${decision.waitMs} ms`,
      );
      await policy.sleep(decision.waitMs);
    }
  });
  return octokit;
}
