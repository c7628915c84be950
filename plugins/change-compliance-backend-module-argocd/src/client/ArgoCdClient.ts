import {
  backoffMs,
  DEFAULT_RETRY_POLICY,
  requestUpstreamJson,
  RetryPolicy,
  TransientFailure,
} from '@change-compliance/plugin-change-compliance-node';
import { z } from 'zod';
import { ArgoCdInstance } from '../config/readArgoCdConfig';
import {
  Application,
  applicationListSchema,
  applicationSchema,
} from './application';
import {
  ArgoCdAccessError,
  argoCdErrorDetail,
  ArgoCdRequestError,
} from './errors';

/**
 * Argo CD's REST API (`/api/v1`), read-only, for one instance: an application by name, or the
 * applications a label selector picks. Signs in with the instance's API token, or exchanges its
 * user name and password for a session token (`POST /api/v1/session`) and does so again when that
 * expires. A 5xx, a 429, a dropped connection or a cut-off body is asked again with backoff; an
 * answer that is not an Application fails the read instead of being misread.
 */
export class ArgoCdClient {
  private readonly retry: RetryPolicy;
  private readonly doFetch: typeof fetch;
  private sessionToken: Promise<string> | undefined;

  constructor(
    private readonly options: {
      instance: ArgoCdInstance;
      retry?: Partial<RetryPolicy>;
      fetch?: typeof fetch;
    },
  ) {
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.doFetch = options.fetch ?? fetch;
  }

  get instance(): ArgoCdInstance {
    return this.options.instance;
  }

  /** The application, or undefined when the instance has none of that name. */
  async getApplication(
    name: string,
    appNamespace?: string,
  ): Promise<Application | undefined> {
    const url = this.url(`/api/v1/applications/${encodeURIComponent(name)}`);
    if (appNamespace) url.searchParams.set('appNamespace', appNamespace);
    const what = `GET application ${name}`;
    const body = await this.read(what, url, { notFound: true });
    return body === undefined ? undefined : parse(this, what, body);
  }

  /** The applications whose labels match the selector (Argo CD does not page this list). */
  async listApplications(query: {
    selector: string;
    appNamespace?: string;
  }): Promise<Application[]> {
    const url = this.url('/api/v1/applications');
    url.searchParams.set('selector', query.selector);
    if (query.appNamespace) {
      url.searchParams.set('appNamespace', query.appNamespace);
    }
    const what = `GET applications with selector ${query.selector}`;
    const list = applicationListSchema.safeParse(await this.read(what, url));
    if (!list.success) {
      throw new ArgoCdRequestError(
        this.instance.name,
        what,
        200,
        'the answer is not an application list',
      );
    }
    return (list.data.items ?? []).map(item => parse(this, what, item));
  }

  private url(path: string): URL {
    return new URL(`${this.instance.url}${path}`);
  }

  private async read(
    what: string,
    url: URL,
    options: { notFound?: boolean } = {},
  ): Promise<unknown> {
    let signedInAgain = false;
    for (let retry = 0; ; retry++) {
      try {
        return await this.attempt(url, what, options);
      } catch (error) {
        // A session token expires: sign in again, once.
        if (
          error instanceof ArgoCdAccessError &&
          error.status === 401 &&
          !this.instance.token &&
          !signedInAgain
        ) {
          signedInAgain = true;
          this.sessionToken = undefined;
          continue;
        }
        if (!(error instanceof TransientFailure)) throw error;
        if (retry >= this.retry.retries) {
          throw new ArgoCdRequestError(
            this.instance.name,
            what,
            error.status,
            `${error.message} (after ${retry + 1} attempts)`,
          );
        }
        await this.retry.sleep(backoffMs(this.retry, retry));
      }
    }
  }

  private async attempt(
    url: URL,
    what: string,
    options: { notFound?: boolean },
  ): Promise<unknown> {
    const token = await this.token();
    const { status, body } = await this.exchange(url, {
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${token}`,
      },
    });
    if (status === 401 || status === 403) {
      throw new ArgoCdAccessError(status, this.instance.name, what);
    }
    if (status === 404 && options.notFound) return undefined;
    if (status < 200 || status >= 300) {
      throw new ArgoCdRequestError(
        this.instance.name,
        what,
        status,
        argoCdErrorDetail(body) || 'unexpected answer',
      );
    }
    return body;
  }

  /** One request; a transient failure is thrown as such, any other answer returned. */
  private async exchange(
    url: URL,
    init: RequestInit,
  ): Promise<{ status: number; body: unknown }> {
    const { status, body } = await requestUpstreamJson(
      this.doFetch,
      url,
      { ...init, timeoutMs: this.retry.timeoutMs },
      argoCdErrorDetail,
    );
    return { status, body };
  }

  private token(): Promise<string> {
    const { token, username, password } = this.instance;
    if (token) return Promise.resolve(token);
    if (!username || !password) {
      return Promise.reject(
        new Error(
          `Argo CD instance ${this.instance.name} has no token, and no user name and password, in argocd.appLocatorMethods`,
        ),
      );
    }
    this.sessionToken ??= this.signIn(username, password).catch(error => {
      this.sessionToken = undefined;
      throw error;
    });
    return this.sessionToken;
  }

  private async signIn(username: string, password: string): Promise<string> {
    const what = 'sign-in';
    const { status, body } = await this.exchange(this.url('/api/v1/session'), {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ username, password }),
    });
    if (status === 401 || status === 403) {
      throw new ArgoCdAccessError(status, this.instance.name, what);
    }
    const session = z.object({ token: z.string().min(1) }).safeParse(body);
    if (!session.success) {
      throw new ArgoCdRequestError(
        this.instance.name,
        what,
        status,
        argoCdErrorDetail(body) || 'no token in the answer',
      );
    }
    return session.data.token;
  }
}

function parse(client: ArgoCdClient, what: string, body: unknown): Application {
  const application = applicationSchema.safeParse(body);
  if (!application.success) {
    throw new ArgoCdRequestError(
      client.instance.name,
      what,
      200,
      `not an Argo CD application as expected: ${application.error.issues
        .slice(0, 3)
        .map(i => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
  }
  return application.data;
}
