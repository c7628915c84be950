/** GitLab refused the token (401) or the token may not read what was asked (403). */
export class GitlabAccessError extends Error {
  constructor(readonly status: number, what: string, detail: string) {
    super(
      `GitLab refused ${what} (${status}${
        detail ? ` ${detail}` : ''
      }); check the integrations.gitlab token and its read_api scope`,
    );
    this.name = 'GitlabAccessError';
  }
}

/** A request that failed for another reason, after any retries: the status and GitLab's word. */
export class GitlabRequestError extends Error {
  constructor(
    what: string,
    readonly status: number | undefined,
    detail: string,
  ) {
    super(
      `GitLab request ${what} failed${
        status === undefined ? '' : ` (${status})`
      }: ${detail}`,
    );
    this.name = 'GitlabRequestError';
  }
}

/**
 * GitLab's error body, `{ message }` or `{ error }` (a string, or an object of field messages),
 * as one line. Anything else is not repeated: an unexpected body (a proxy's page) could echo the
 * request.
 */
export function gitlabErrorDetail(body: unknown): string {
  if (!body || typeof body !== 'object') return '';
  const { message, error } = body as { message?: unknown; error?: unknown };
  const detail = message ?? error;
  if (typeof detail === 'string') return detail;
  return detail && typeof detail === 'object' ? JSON.stringify(detail) : '';
}
