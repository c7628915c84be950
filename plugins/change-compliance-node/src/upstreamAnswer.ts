import {
  isTransientStatus,
  parseRetryAfter,
  TransientFailure,
} from './retries';

/** What an upstream's JSON API answered, once the failures worth asking again are set apart. */
export interface UpstreamAnswer {
  status: number;
  ok: boolean;
  statusText: string;
  headers: Headers;
  /** The parsed JSON, or undefined when the body is empty or not JSON (only on an error status). */
  body: unknown;
}

/**
 * One request to an upstream's JSON API, read the way every REST client of the product reads one:
 * a dropped connection or a timeout, a 5xx or 429 (with the wait its Retry-After asks for) and a
 * 2xx whose body is cut off or not JSON are thrown as TransientFailure, for the client's retries;
 * any other answer is returned, for the client to tell access errors from request errors in its
 * upstream's words. `errorDetail` finds the upstream's own message in an error body.
 */
export async function requestUpstreamJson(
  doFetch: typeof fetch,
  url: URL,
  init: RequestInit & { timeoutMs: number },
  errorDetail: (body: unknown) => string,
): Promise<UpstreamAnswer> {
  const { timeoutMs, ...request } = init;
  let response: Response;
  try {
    response = await doFetch(url, {
      ...request,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new TransientFailure(undefined, (error as Error).message);
  }
  const text = await response.text().catch(() => undefined);
  let body: unknown;
  try {
    body = text === undefined ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (isTransientStatus(response.status)) {
    throw new TransientFailure(
      response.status,
      errorDetail(body) || response.statusText || 'server error',
      parseRetryAfter(response.headers.get('retry-after')),
    );
  }
  if (response.ok && body === undefined) {
    // A 2xx whose body is cut off or not JSON: the connection dropped mid-answer.
    throw new TransientFailure(
      response.status,
      'the answer is not complete JSON',
    );
  }
  return {
    status: response.status,
    ok: response.ok,
    statusText: response.statusText,
    headers: response.headers,
    body,
  };
}
