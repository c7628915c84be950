import { LoggerService } from '@backstage/backend-plugin-api';
import {
  backoffMs,
  RetryPolicy,
} from '@change-compliance/plugin-change-compliance-node';

/*
 * How this module rides out Jira's bad moments, within the limits of a RetryPolicy: it waits as long as Jira asks when Jira limits
 * its rate (429, or 503 with `Retry-After`: Cloud's answer to a burst), retries what a retry can
 * fix (a 5xx, a dropped connection, a timed-out attempt, a body cut off or garbled on the way),
 * and gives up at once on the rest (a bad credential, a query Jira refuses).
 *
 * Errors leave this module as `JiraRequestError`s built from the status and Jira's own error
 * messages only: the HTTP client's errors carry the request's configuration, `Authorization`
 * header included, and whoever logs an error logs what it holds.
 */

/** A request Jira did not answer usefully; its message holds no credential. */
export class JiraRequestError extends Error {
  constructor(
    message: string,
    /** The HTTP status, when Jira answered at all. */
    readonly status?: number,
    /** Jira's `errorMessages`, e.g. the JQL's problems. */
    readonly jiraMessages: string[] = [],
  ) {
    super(message);
    this.name = 'JiraRequestError';
  }
}

/** What a failed attempt tells, read from jira.js's HttpException or axios's own error. */
interface Failure {
  status?: number;
  retryAfterMs?: number;
  jiraMessages: string[];
  /** A short reason without request details: `ECONNRESET`, `timeout of 30000ms exceeded`. */
  reason: string;
}

type Loose = Record<string, any> | undefined;

function jiraMessagesOf(body: unknown): string[] {
  const data = body as { errorMessages?: unknown; errors?: unknown } | null;
  const messages = Array.isArray(data?.errorMessages)
    ? data!.errorMessages.filter((m): m is string => typeof m === 'string')
    : [];
  const errors =
    data?.errors && typeof data.errors === 'object'
      ? Object.entries(data.errors as Record<string, unknown>).map(
          ([field, message]) => `${field}: ${String(message)}`,
        )
      : [];
  return [...messages, ...errors];
}

function failureOf(error: unknown): Failure {
  const e = error as Loose;
  // jira.js wraps an answered request in an HttpException whose cause is the axios error;
  // a request never answered comes as the axios error itself.
  const axiosError: Loose = e?.isAxiosError ? e : e?.cause;
  const response: Loose = axiosError?.response;
  const status: number | undefined =
    response?.status ?? (typeof e?.status === 'number' ? e.status : undefined);
  const retryAfter = Number(
    response?.headers?.['retry-after'] ?? response?.headers?.['Retry-After'],
  );
  const body = response?.data ?? e?.response?.data;
  return {
    status,
    retryAfterMs: Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined,
    jiraMessages: jiraMessagesOf(body),
    reason: String(axiosError?.code ?? e?.code ?? e?.message ?? 'no answer'),
  };
}

type Decision =
  | { kind: 'retry'; waitMs: number; reason: string }
  | { kind: 'fail'; error: JiraRequestError };

function decide(
  what: string,
  failure: Failure,
  attempt: number,
  policy: RetryPolicy,
): Decision {
  const { status } = failure;
  const canRetry = attempt < policy.retries;
  const backoff = backoffMs(policy, attempt);
  const outcome = status ? `HTTP ${status}` : failure.reason;
  if (
    status === 429 ||
    (status === 503 && failure.retryAfterMs !== undefined)
  ) {
    const waitMs = failure.retryAfterMs ?? backoff;
    if (canRetry && waitMs <= policy.maxWaitMs) {
      return { kind: 'retry', waitMs, reason: `rate limited (${status})` };
    }
    return {
      kind: 'fail',
      error: new JiraRequestError(
        `Jira limited the rate of ${what}; the next sync tries again`,
        status,
      ),
    };
  }
  if ((status === undefined || status >= 500) && canRetry) {
    return {
      kind: 'retry',
      waitMs: backoff,
      reason: outcome,
    };
  }
  const detail =
    failure.jiraMessages.length > 0 ? failure.jiraMessages.join('; ') : outcome;
  return {
    kind: 'fail',
    error: new JiraRequestError(
      `Jira could not answer ${what}: ${detail}`,
      status,
      failure.jiraMessages,
    ),
  };
}

/**
 * Makes one Jira call under the policy. `what` names it in logs and errors (`POST
 * /rest/api/3/search/jql`). An answer that is not a JSON object or array (a body cut off or
 * replaced by a proxy's HTML page: the HTTP client hands such a body over as a string) is
 * retried like a dropped connection.
 */
export async function underRequestPolicy<T>(
  what: string,
  call: () => Promise<T>,
  policy: RetryPolicy,
  logger?: LoggerService,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    let decision: Decision;
    try {
      const answer = await call();
      if (typeof answer === 'object' && answer !== null) return answer;
      decision = decide(
        what,
        { jiraMessages: [], reason: 'the JSON body was cut off or garbled' },
        attempt,
        policy,
      );
    } catch (error) {
      decision = decide(what, failureOf(error), attempt, policy);
    }
    if (decision.kind === 'fail') throw decision.error;
    logger?.debug(
      `Jira ${what}: ${decision.reason}; retry ${attempt + 1} in ${
        decision.waitMs
      } ms`,
    );
    await policy.sleep(decision.waitMs);
  }
}
