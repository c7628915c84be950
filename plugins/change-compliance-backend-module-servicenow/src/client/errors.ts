/**
 * The instance refused the module's credentials (401), or the account may not read a table (403).
 * No retry helps: the message says what to check, and never carries the credentials.
 */
export class ServiceNowAccessError extends Error {
  constructor(readonly status: number, what: string, detail: string) {
    super(
      `ServiceNow refused ${what} (${status}${
        detail ? ` ${detail}` : ''
      }); check changeCompliance.servicenow.auth and the account's read access to change_request, sysapproval_approver and sys_user`,
    );
    this.name = 'ServiceNowAccessError';
  }
}

/** A request that failed for another reason, after any retries: the status and ServiceNow's word. */
export class ServiceNowRequestError extends Error {
  constructor(
    what: string,
    readonly status: number | undefined,
    detail: string,
  ) {
    super(
      `ServiceNow request ${what} failed${
        status === undefined ? '' : ` (${status})`
      }: ${detail}`,
    );
    this.name = 'ServiceNowRequestError';
  }
}

/**
 * ServiceNow's error body, `{ error: { message, detail }, status: 'failure' }`, as one line; the
 * OAuth endpoint's `{ error, error_description }` too. Anything else is not repeated: an
 * unexpected body (a proxy's HTML page) could echo the request.
 */
export function serviceNowErrorDetail(body: unknown): string {
  if (!body || typeof body !== 'object') return '';
  const { error, error_description: description } = body as {
    error?: unknown;
    error_description?: unknown;
  };
  if (error && typeof error === 'object') {
    const { message, detail } = error as {
      message?: unknown;
      detail?: unknown;
    };
    return [message, detail]
      .filter((part): part is string => typeof part === 'string' && part !== '')
      .join(': ');
  }
  return [error, description]
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .join(': ');
}
