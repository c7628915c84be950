import { z } from 'zod';
import { GitlabAccessError, GitlabRequestError } from './errors';
import { GitlabClient } from './GitlabClient';

const API = 'https://gitlab.example/api/v4';

/** A fetch that answers from a list, and keeps what it was asked. */
function scripted(answers: (() => Response | Promise<Response>)[]): {
  fetch: typeof fetch;
  asked: { url: string; token?: string }[];
} {
  const asked: { url: string; token?: string }[] = [];
  return {
    asked,
    fetch: (async (url: URL, init?: RequestInit) => {
      const headers = (init?.headers ?? {}) as Record<string, string>;
      asked.push({ url: String(url), token: headers['private-token'] });
      const next = answers.shift();
      if (!next) throw new Error('no more answers');
      return next();
    }) as unknown as typeof fetch,
  };
}

const json =
  (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });

const item = z.object({ id: z.number() });

describe('GitlabClient', () => {
  it('reads a list to its end through Link and X-Next-Page, with its token', async () => {
    const { fetch, asked } = scripted([
      json([{ id: 1 }], 200, {
        link: `<${API}/projects/1/deployments?page=2&per_page=100>; rel="next", <${API}/projects/1/deployments?page=3&per_page=100>; rel="last"`,
      }),
      json([{ id: 2 }], 200, { 'x-next-page': '3' }),
      json([{ id: 3 }], 200, { 'x-next-page': '' }),
    ]);
    const client = new GitlabClient({
      apiBaseUrl: API,
      token: 'glpat-x',
      fetch,
    });
    expect(
      await client.list('/projects/1/deployments', item, {
        environment: 'production',
      }),
    ).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(asked.map(a => new URL(a.url).searchParams.get('page'))).toEqual([
      null,
      '2',
      '3',
    ]);
    expect(new URL(asked[0].url).searchParams.get('environment')).toBe(
      'production',
    );
    expect(asked.every(a => a.token === 'glpat-x')).toBe(true);
  });

  it('sends its token to the configured GitLab only, whatever host a next link names', async () => {
    const { fetch, asked } = scripted([
      json([{ id: 1 }], 200, {
        link: '<https://elsewhere.example/api/v4/projects/1/deployments?page=2&per_page=100>; rel="next"',
      }),
      json([{ id: 2 }]),
    ]);
    const client = new GitlabClient({
      apiBaseUrl: API,
      token: 'glpat-x',
      fetch,
    });
    expect(await client.list('/projects/1/deployments', item, {})).toEqual([
      { id: 1 },
      { id: 2 },
    ]);
    expect(asked.map(a => a.url)).toEqual([
      `${API}/projects/1/deployments?per_page=100`,
      `${API}/projects/1/deployments?page=2&per_page=100`,
    ]);
  });

  it('waits as long as GitLab’s Retry-After says, and retries a cut-off body', async () => {
    const waits: number[] = [];
    const { fetch } = scripted([
      json({ message: '429 Too Many Requests' }, 429, { 'retry-after': '4' }),
      () => new Response('{"id":', { status: 200 }),
      json({ id: 9 }),
    ]);
    const client = new GitlabClient({
      apiBaseUrl: API,
      fetch,
      retry: {
        sleep: async ms => void waits.push(ms),
        random: () => 0.5,
        baseDelayMs: 10,
      },
    });
    expect(await client.get('/projects/9', item)).toEqual({ id: 9 });
    expect(waits).toEqual([4000, 10]);
  });

  it('fails at once on a refused token, and names what did not parse', async () => {
    const refused = new GitlabClient({
      apiBaseUrl: API,
      token: 'glpat-secret',
      fetch: scripted([json({ message: '401 Unauthorized' }, 401)]).fetch,
    });
    const error = await refused.get('/projects/1', item).catch(e => e);
    expect(error).toBeInstanceOf(GitlabAccessError);
    expect(String(error.message)).not.toContain('glpat-secret');
    const odd = new GitlabClient({
      apiBaseUrl: API,
      fetch: scripted([json({ id: 'one' })]).fetch,
    });
    await expect(odd.get('/projects/1', item)).rejects.toThrow(
      GitlabRequestError,
    );
    await expect(
      new GitlabClient({
        apiBaseUrl: API,
        fetch: scripted([json({ id: 'one' })]).fetch,
      }).get('/projects/1', item),
    ).rejects.toThrow(/id: /);
  });

  it('answers undefined for what GitLab does not have or the tier does not offer', async () => {
    const client = new GitlabClient({
      apiBaseUrl: API,
      fetch: scripted([
        json({ message: '404 Not found' }, 404),
        json({ message: '403 Forbidden' }, 403),
      ]).fetch,
    });
    expect(await client.getIfFound('/users/5', item)).toBeUndefined();
    expect(
      await client.getIfFound('/projects/1/audit_events', item),
    ).toBeUndefined();
  });
});
