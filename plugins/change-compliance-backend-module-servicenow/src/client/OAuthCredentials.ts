import { z } from 'zod';
import { ServiceNowCredentials } from './credentials';
import {
  ServiceNowAccessError,
  ServiceNowRequestError,
  serviceNowErrorDetail,
} from './errors';

export interface OAuthOptions {
  /** The instance's base URL; the token endpoint is `<instanceUrl>/oauth_token.do`. */
  instanceUrl: string;
  clientId: string;
  clientSecret: string;
  grantType: 'client_credentials' | 'password';
  /** For the password grant: the integration user. */
  username?: string;
  password?: string;
  fetch?: typeof fetch;
  now?: () => number;
  timeoutMs?: number;
}

const tokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().positive().optional(),
});

/** A token is renewed this long before ServiceNow says it expires: a request in flight keeps it. */
const EXPIRY_MARGIN_MS = 60_000;
/** ServiceNow's default access token lifespan, for a response that does not state one. */
const DEFAULT_LIFESPAN_S = 1800;

/**
 * OAuth 2.0 against the instance's application registry: a bearer token from `/oauth_token.do`
 * (client credentials, or the password grant for an integration user), kept until shortly before
 * it expires and fetched again when the instance refuses it. Concurrent requests share one token
 * request.
 */
export class OAuthCredentials implements ServiceNowCredentials {
  private token?: { value: string; expiresAt: number };
  private pending?: Promise<string>;

  constructor(private readonly options: OAuthOptions) {
    if (
      options.grantType === 'password' &&
      (!options.username || !options.password)
    ) {
      throw new Error(
        'ServiceNow OAuth with grantType password needs auth.username and auth.password',
      );
    }
  }

  async authorization(): Promise<string> {
    const now = this.options.now?.() ?? Date.now();
    if (this.token && now < this.token.expiresAt) {
      return `Bearer ${this.token.value}`;
    }
    this.pending ??= this.requestToken().finally(() => {
      this.pending = undefined;
    });
    return `Bearer ${await this.pending}`;
  }

  refused(): boolean {
    const hadToken = this.token !== undefined;
    this.token = undefined;
    return hadToken;
  }

  private async requestToken(): Promise<string> {
    const { instanceUrl, clientId, clientSecret, grantType } = this.options;
    const form = new URLSearchParams({
      grant_type: grantType,
      client_id: clientId,
      client_secret: clientSecret,
    });
    if (grantType === 'password') {
      form.set('username', this.options.username!);
      form.set('password', this.options.password!);
    }
    const doFetch = this.options.fetch ?? fetch;
    const what = 'the OAuth client at /oauth_token.do';
    let response: Response;
    try {
      response = await doFetch(`${instanceUrl}/oauth_token.do`, {
        method: 'POST',
        headers: {
          accept: 'application/json',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: form.toString(),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      throw new ServiceNowRequestError(
        'POST /oauth_token.do',
        undefined,
        (error as Error).message,
      );
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (response.status === 400 || response.status === 401) {
      throw new ServiceNowAccessError(
        response.status,
        what,
        serviceNowErrorDetail(body),
      );
    }
    const parsed = tokenResponse.safeParse(body);
    if (!response.ok || !parsed.success) {
      throw new ServiceNowRequestError(
        'POST /oauth_token.do',
        response.status,
        response.ok
          ? 'the answer holds no access_token'
          : serviceNowErrorDetail(body) || response.statusText,
      );
    }
    const lifespanMs =
      (parsed.data.expires_in ?? DEFAULT_LIFESPAN_S) * 1000 - EXPIRY_MARGIN_MS;
    this.token = {
      value: parsed.data.access_token,
      expiresAt: (this.options.now?.() ?? Date.now()) + Math.max(lifespanMs, 0),
    };
    return parsed.data.access_token;
  }
}
