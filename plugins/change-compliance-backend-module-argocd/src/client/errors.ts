/**
 * The instance refused the module's credentials (401), or the account may not read the
 * application (403). The message says what to check, and never carries the credentials.
 */
export class ArgoCdAccessError extends Error {
  constructor(readonly status: number, instance: string, what: string) {
    super(
      `Argo CD instance ${instance} refused ${what} (${status}); check its token, or user name and password, in argocd.appLocatorMethods and the account's 'applications, get' permission`,
    );
    this.name = 'ArgoCdAccessError';
  }
}

/** A request that failed for another reason, after any retries. */
export class ArgoCdRequestError extends Error {
  constructor(
    instance: string,
    what: string,
    readonly status: number | undefined,
    detail: string,
  ) {
    super(
      `Argo CD instance ${instance}: ${what} failed${
        status === undefined ? '' : ` (${status})`
      }: ${detail}`,
    );
    this.name = 'ArgoCdRequestError';
  }
}

/**
 * The API gateway's error body, `{ error, code, message }`, as one line. Anything else is not
 * repeated: an unexpected body (a proxy's page) could echo the request.
 */
export function argoCdErrorDetail(body: unknown): string {
  if (!body || typeof body !== 'object') return '';
  const { message, error } = body as { message?: unknown; error?: unknown };
  if (typeof message === 'string' && message) return message;
  return typeof error === 'string' ? error : '';
}
