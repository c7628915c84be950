import {
  backoffMs,
  DEFAULT_RETRY_POLICY,
  requestUpstreamJson,
  RetryPolicy,
  TransientFailure,
} from '@change-compliance/plugin-change-compliance-node';
import { z } from 'zod';
import {
  GitlabAccessError,
  gitlabErrorDetail,
  GitlabRequestError,
} from './errors';

/** GitLab's largest page. */
const PER_PAGE = 100;

export type Query = Record<string, string | number | boolean | undefined>;

/**
 * GitLab's REST API v4, read-only, with one token. Every answer is checked against a zod schema,
 * so a payload the module does not understand fails the sync instead of being misread. A 429,
 * a 5xx, a dropped connection, a timed-out attempt or a cut-off body is asked again within the
 * retry policy (full-jitter backoff; GitLab's `Retry-After` honoured); a refused token or a
 * request GitLab rejects fails at once. Lists are read to their end through GitLab's pagination
 * (`Link: rel="next"`, else `X-Next-Page`), a hundred at a time.
 */
export class GitlabClient {
  private readonly retry: RetryPolicy;
  private readonly doFetch: typeof fetch;

  constructor(
    private readonly options: {
      /** `https://gitlab.example.com/api/v4`, without a trailing slash. */
      apiBaseUrl: string;
      /** Sent as `PRIVATE-TOKEN`; none for anonymous reads of public projects. */
      token?: string;
      retry?: Partial<RetryPolicy>;
      fetch?: typeof fetch;
    },
  ) {
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.doFetch = options.fetch ?? fetch;
  }

  /** One resource. */
  async get<T>(path: string, schema: z.ZodType<T>, query: Query = {}) {
    const { body } = await this.request(this.url(path, query), path);
    return this.parse(path, schema, body);
  }

  /** One resource, or undefined when GitLab answers 404 (an unknown user, a Free tier feature). */
  async getIfFound<T>(
    path: string,
    schema: z.ZodType<T>,
    query: Query = {},
  ): Promise<T | undefined> {
    try {
      return await this.get(path, schema, query);
    } catch (error) {
      if (
        (error instanceof GitlabRequestError && error.status === 404) ||
        (error instanceof GitlabAccessError && error.status === 403)
      ) {
        return undefined;
      }
      throw error;
    }
  }

  /** Every item of a list, page after page. */
  async list<T>(
    path: string,
    schema: z.ZodType<T>,
    query: Query = {},
  ): Promise<T[]> {
    const items: T[] = [];
    let next: URL | undefined = this.url(path, {
      per_page: PER_PAGE,
      ...query,
    });
    while (next) {
      const { body, headers }: { body: unknown; headers: Headers } =
        await this.request(next, path);
      items.push(...this.parse(path, z.array(schema), body));
      next = this.nextPage(next, headers);
    }
    return items;
  }

  private nextPage(current: URL, headers: Headers): URL | undefined {
    const link = headers
      .get('link')
      ?.split(',')
      .map(part => part.match(/<([^>]+)>\s*;\s*rel="next"/)?.[1])
      .find((url): url is string => !!url);
    if (link) {
      // The token goes only to the configured GitLab: a next link on any other origin (GitLab's
      // external_url behind a proxy, or a hostile answer) lends only its query to this request.
      const linked = new URL(link, current);
      if (linked.origin === current.origin) return linked;
      const next = new URL(current);
      next.search = linked.search;
      return next;
    }
    const page = headers.get('x-next-page');
    if (!page) return undefined;
    const next = new URL(current);
    next.searchParams.set('page', page);
    return next;
  }

  private url(path: string, query: Query): URL {
    const url = new URL(`${this.options.apiBaseUrl}${path}`);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url;
  }

  private parse<T>(what: string, schema: z.ZodType<T>, body: unknown): T {
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new GitlabRequestError(
        `GET ${what}`,
        200,
        `the answer is not as expected: ${parsed.error.issues
          .slice(0, 3)
          .map(i => `${i.path.join('.')}: ${i.message}`)
          .join('; ')}`,
      );
    }
    return parsed.data;
  }

  private async request(
    url: URL,
    path: string,
  ): Promise<{ body: unknown; headers: Headers }> {
    const what = `GET ${path}`;
    for (let retry = 0; ; retry++) {
      try {
        return await this.attempt(url, what);
      } catch (error) {
        if (!(error instanceof TransientFailure)) throw error;
        const wait =
          retry >= this.retry.retries
            ? undefined
            : this.waitBefore(error, retry);
        if (wait === undefined) {
          throw new GitlabRequestError(
            what,
            error.status,
            `${error.message}${
              retry > 0 ? ` (after ${retry + 1} attempts)` : ''
            }`,
          );
        }
        await this.retry.sleep(wait);
      }
    }
  }

  private waitBefore(
    failure: TransientFailure,
    retry: number,
  ): number | undefined {
    if (failure.retryAfterMs !== undefined) {
      return failure.retryAfterMs <= this.retry.maxWaitMs
        ? failure.retryAfterMs
        : undefined;
    }
    return backoffMs(this.retry, retry);
  }

  private async attempt(
    url: URL,
    what: string,
  ): Promise<{ body: unknown; headers: Headers }> {
    const answer = await requestUpstreamJson(
      this.doFetch,
      url,
      {
        headers: {
          accept: 'application/json',
          ...(this.options.token
            ? { 'private-token': this.options.token }
            : {}),
        },
        timeoutMs: this.retry.timeoutMs,
      },
      gitlabErrorDetail,
    );
    if (answer.status === 401 || answer.status === 403) {
      throw new GitlabAccessError(
        answer.status,
        what,
        gitlabErrorDetail(answer.body),
      );
    }
    if (!answer.ok) {
      throw new GitlabRequestError(
        what,
        answer.status,
        gitlabErrorDetail(answer.body) || answer.statusText,
      );
    }
    return { body: answer.body, headers: answer.headers };
  }
}
