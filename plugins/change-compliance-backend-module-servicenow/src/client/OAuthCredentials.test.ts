import http from 'node:http';
import { AddressInfo } from 'node:net';
import { z } from 'zod';
import { OAuthCredentials, OAuthOptions } from './OAuthCredentials';
import { TableApiClient } from './TableApiClient';

const CLIENT_SECRET = 'oauth-client-secret-9f2c';
const USER_PASSWORD = 'integration-user-password-77';

/**
 * A stand-in for an instance's OAuth endpoint and Table API (the upstream simulator serves basic
 * authentication only): `/oauth_token.do` hands out numbered tokens to the right client, the Table
 * API accepts only the newest one, and every token request's form is kept.
 */
function oauthInstance() {
  const tokenRequests: Record<string, string>[] = [];
  let issued = 0;
  const server = http.createServer((req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'POST' && req.url === '/oauth_token.do') {
      let raw = '';
      req.on('data', chunk => {
        raw += chunk;
      });
      req.on('end', () => {
        const form = Object.fromEntries(new URLSearchParams(raw));
        tokenRequests.push({
          ...form,
          'content-type': req.headers['content-type'] ?? '',
        });
        if (form.client_secret !== CLIENT_SECRET) {
          reply(401, {
            error: 'access_denied',
            error_description: 'Client authentication failed',
          });
          return;
        }
        issued += 1;
        reply(200, {
          access_token: `token-${issued}`,
          token_type: 'Bearer',
          expires_in: 1799,
          scope: 'useraccount',
        });
      });
      return;
    }
    if (req.headers.authorization !== `Bearer token-${issued}`) {
      reply(401, {
        error: { message: 'User Not Authenticated', detail: 'Token expired' },
        status: 'failure',
      });
      return;
    }
    reply(200, { result: [{ number: { value: 'CHG0000001' } }] });
  });
  return {
    tokenRequests,
    /** Invalidates every token handed out, as an instance restart or a revocation does. */
    revoke: () => {
      issued += 1000;
    },
    listen: () =>
      new Promise<string>(resolve =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
        ),
      ),
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

const numberOnly = z.object({ number: z.object({ value: z.string() }) });

describe('OAuthCredentials', () => {
  let instance: ReturnType<typeof oauthInstance>;
  let base: string;

  beforeEach(async () => {
    instance = oauthInstance();
    base = await instance.listen();
  });

  afterEach(async () => {
    await instance.close();
  });

  /** A Table API client signing in with the portal's OAuth client, and anything else given. */
  const clientWith = (options: Partial<OAuthOptions> = {}) =>
    new TableApiClient({
      instanceUrl: base,
      credentials: new OAuthCredentials({
        instanceUrl: base,
        clientId: 'portal-client',
        clientSecret: CLIENT_SECRET,
        grantType: 'client_credentials',
        ...options,
      }),
    });

  const list = (client: TableApiClient) =>
    client.list('change_request', numberOnly, {
      query: 'numberINCHG0000001',
      fields: ['number'],
      limit: 1,
    });

  it('asks /oauth_token.do for a client-credentials token once, and uses it until it is due to expire', async () => {
    let now = Date.parse('2026-11-20T12:00:00Z');
    const client = clientWith({ now: () => now });

    await Promise.all([list(client), list(client), list(client)]);
    expect(instance.tokenRequests).toEqual([
      {
        grant_type: 'client_credentials',
        client_id: 'portal-client',
        client_secret: CLIENT_SECRET,
        'content-type': 'application/x-www-form-urlencoded',
      },
    ]);

    // 1,799 s, less a minute's margin: the token is renewed before it lapses.
    now += 1739 * 1000 + 1;
    expect(await list(client)).toHaveLength(1);
    expect(instance.tokenRequests).toHaveLength(2);
  });

  it('sends the integration user with the password grant', async () => {
    const client = clientWith({
      grantType: 'password',
      username: 'svc-change-compliance',
      password: USER_PASSWORD,
    });

    await list(client);

    expect(instance.tokenRequests).toEqual([
      expect.objectContaining({
        grant_type: 'password',
        client_id: 'portal-client',
        username: 'svc-change-compliance',
        password: USER_PASSWORD,
      }),
    ]);
  });

  it('fetches a new token once when the instance refuses the one it has', async () => {
    const client = clientWith();
    await list(client);

    instance.revoke();

    expect(await list(client)).toEqual([{ number: { value: 'CHG0000001' } }]);
    expect(instance.tokenRequests).toHaveLength(2);
  });

  it('says the OAuth client was refused, without the secret, when the client secret is wrong', async () => {
    const wrong = 'wrong-client-secret-31ad';
    const client = clientWith({ clientSecret: wrong });

    const error: Error = await list(client).catch(e => e);

    expect(error.message).toBe(
      "ServiceNow refused the OAuth client at /oauth_token.do (401 access_denied: Client authentication failed); check changeCompliance.servicenow.auth and the account's read access to change_request, sysapproval_approver and sys_user",
    );
    expect(`${error.message}${error.stack}`).not.toContain(wrong);
    expect(instance.tokenRequests).toHaveLength(1);
  });

  it('refuses the password grant without the integration user', () => {
    expect(
      () =>
        new OAuthCredentials({
          instanceUrl: base,
          clientId: 'portal-client',
          clientSecret: CLIENT_SECRET,
          grantType: 'password',
        }),
    ).toThrow(/needs auth.username and auth.password/);
  });
});
