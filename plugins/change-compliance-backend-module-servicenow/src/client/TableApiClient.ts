import { z } from 'zod';
import { ServiceNowCredentials } from './credentials';
import {
  ServiceNowAccessError,
  ServiceNowRequestError,
  serviceNowErrorDetail,
} from './errors';
import {
  isTransientStatus,
  requestUpstreamJson,
  TransientFailure,
} from '@change-compliance/plugin-change-compliance-node';
import {
  DEFAULT_RETRY_POLICY,
  RetryPolicy,
  waitBeforeRetry,
} from './retryPolicy';

/** One request for a page of a table's records. */
export interface TableRequest {
  /** An encoded query, e.g. `numberINCHG0000001,CHG0000002^ORDERBYnumber`. */
  query: string;
  fields: readonly string[];
  limit: number;
  offset?: number;
}

const listResponse = z.object({ result: z.array(z.unknown()) });

/**
 * ServiceNow's Table API, read-only: one page of a table's records per call, each as both stored
 * and display values (`sysparm_display_value=all`), without reference links. Every answer is
 * checked against `schema`, so a record the module does not understand fails the sync instead of
 * being misread.
 */
export class TableApiClient {
  private readonly retry: RetryPolicy;
  private readonly doFetch: typeof fetch;

  constructor(
    private readonly options: {
      /** The instance's base URL, without a trailing slash. */
      instanceUrl: string;
      credentials: ServiceNowCredentials;
      retry?: Partial<RetryPolicy>;
      fetch?: typeof fetch;
    },
  ) {
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.doFetch = options.fetch ?? fetch;
  }

  get instanceUrl(): string {
    return this.options.instanceUrl;
  }

  async list<T>(
    table: string,
    schema: z.ZodType<T>,
    request: TableRequest,
  ): Promise<T[]> {
    const url = new URL(`${this.options.instanceUrl}/api/now/table/${table}`);
    url.searchParams.set('sysparm_query', request.query);
    url.searchParams.set('sysparm_fields', request.fields.join(','));
    url.searchParams.set('sysparm_limit', String(request.limit));
    url.searchParams.set('sysparm_offset', String(request.offset ?? 0));
    url.searchParams.set('sysparm_display_value', 'all');
    url.searchParams.set('sysparm_exclude_reference_link', 'true');
    // The count costs the instance a second query and is not needed: a short page is the last.
    url.searchParams.set('sysparm_no_count', 'true');
    const what = `GET /api/now/table/${table}`;
    const body = await this.withRetries(what, () => this.attempt(url, what));
    const parsed = listResponse.safeParse(body);
    if (!parsed.success) {
      throw new ServiceNowRequestError(
        what,
        200,
        'the answer has no result list',
      );
    }
    return parsed.data.result.map((record, index) => {
      const row = schema.safeParse(record);
      if (!row.success) {
        throw new ServiceNowRequestError(
          what,
          200,
          `record ${index} is not a ${table} record as expected: ${row.error.issues
            .slice(0, 3)
            .map(i => `${i.path.join('.')}: ${i.message}`)
            .join('; ')}`,
        );
      }
      return row.data;
    });
  }

  private async withRetries(
    what: string,
    attempt: () => Promise<unknown>,
  ): Promise<unknown> {
    let refusedOnce = false;
    for (let retry = 0; ; retry++) {
      try {
        return await attempt();
      } catch (error) {
        // A refused OAuth token is fetched again once; a refused password is final.
        if (
          error instanceof ServiceNowAccessError &&
          error.status === 401 &&
          !refusedOnce &&
          this.options.credentials.refused()
        ) {
          refusedOnce = true;
          continue;
        }
        if (!(error instanceof TransientFailure)) throw error;
        const wait =
          retry < this.retry.retries
            ? waitBeforeRetry(error, retry + 1, this.retry)
            : undefined;
        if (wait === undefined) {
          throw new ServiceNowRequestError(
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

  private async attempt(url: URL, what: string): Promise<unknown> {
    const authorization = await this.authorization();
    const answer = await requestUpstreamJson(
      this.doFetch,
      url,
      {
        headers: { accept: 'application/json', authorization },
        timeoutMs: this.retry.timeoutMs,
      },
      serviceNowErrorDetail,
    );
    if (answer.status === 401 || answer.status === 403) {
      throw new ServiceNowAccessError(
        answer.status,
        what,
        serviceNowErrorDetail(answer.body),
      );
    }
    if (!answer.ok) {
      throw new ServiceNowRequestError(
        what,
        answer.status,
        serviceNowErrorDetail(answer.body) || answer.statusText,
      );
    }
    return answer.body;
  }

  /** The header for the next attempt; a token endpoint that is down is retried like the API. */
  private async authorization(): Promise<string> {
    try {
      return await this.options.credentials.authorization();
    } catch (error) {
      if (
        error instanceof ServiceNowRequestError &&
        (error.status === undefined || isTransientStatus(error.status))
      ) {
        throw new TransientFailure(error.status, error.message);
      }
      throw error;
    }
  }
}
