import { z } from 'zod';
import { basicCredentials } from './credentials';
import { TableApiClient } from './TableApiClient';

const numberOnly = z.object({ number: z.object({ value: z.string() }) });

/** A fetch that gives the answers in turn, and the URLs it was asked. */
function scripted(...answers: (() => Response)[]) {
  const urls: URL[] = [];
  const fetchFn: typeof fetch = async input => {
    urls.push(new URL(String(input)));
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    return next();
  };
  return { fetch: fetchFn, urls };
}

const json = (status: number, body: unknown, headers = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

function clientWith(fetchFn: typeof fetch, waits: number[]) {
  return new TableApiClient({
    instanceUrl: 'https://acme.service-now.com',
    credentials: basicCredentials('portal', 'secret'),
    fetch: fetchFn,
    retry: {
      sleep: async ms => {
        waits.push(ms);
      },
      random: () => 0.5,
      baseDelayMs: 100,
    },
  });
}

const request = {
  query: 'numberINCHG0000001',
  fields: ['number'],
  limit: 1,
};

describe('TableApiClient', () => {
  it('asks for stored and display values without reference links, one page by limit and offset', async () => {
    const answers = scripted(() => json(200, { result: [] }));
    await clientWith(answers.fetch, []).list('change_request', numberOnly, {
      ...request,
      offset: 20,
    });

    const [url] = answers.urls;
    expect(url.pathname).toBe('/api/now/table/change_request');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      sysparm_query: 'numberINCHG0000001',
      sysparm_fields: 'number',
      sysparm_limit: '1',
      sysparm_offset: '20',
      sysparm_display_value: 'all',
      sysparm_exclude_reference_link: 'true',
      sysparm_no_count: 'true',
    });
  });

  it('waits as long as a 429 says, backs off after a 502, and retries a cut-off body', async () => {
    const waits: number[] = [];
    const answers = scripted(
      () =>
        json(
          429,
          { error: { message: 'Rate limit exceeded' } },
          { 'retry-after': '7' },
        ),
      () => json(502, {}),
      () => new Response('{"result": [{"numb', { status: 200 }),
      () => json(200, { result: [{ number: { value: 'CHG0000001' } }] }),
    );

    const result = await clientWith(answers.fetch, waits).list(
      'change_request',
      numberOnly,
      request,
    );

    expect(result).toEqual([{ number: { value: 'CHG0000001' } }]);
    // Retry-After: 7 s; then full jitter (random 0.5) of 100 ms and 200 ms.
    expect(waits).toEqual([7000, 100, 200]);
  });

  it('gives up after its retries, saying what failed', async () => {
    const answers = scripted(
      ...Array.from({ length: 5 }, () => () => json(503, {})),
    );

    await expect(
      clientWith(answers.fetch, []).list('change_request', numberOnly, request),
    ).rejects.toThrow(
      'ServiceNow request GET /api/now/table/change_request failed (503): server error (after 5 attempts)',
    );
  });

  it('does not retry a query the instance rejects, and names its reason', async () => {
    const answers = scripted(() =>
      json(400, {
        error: { message: 'Invalid query', detail: 'unknown operator' },
        status: 'failure',
      }),
    );

    await expect(
      clientWith(answers.fetch, []).list('change_request', numberOnly, request),
    ).rejects.toThrow(
      'ServiceNow request GET /api/now/table/change_request failed (400): Invalid query: unknown operator',
    );
    expect(answers.urls).toHaveLength(1);
  });

  it('fails on a record it cannot read rather than misreading it', async () => {
    const answers = scripted(() => json(200, { result: [{ number: 42 }] }));

    await expect(
      clientWith(answers.fetch, []).list('change_request', numberOnly, request),
    ).rejects.toThrow(
      /record 0 is not a change_request record as expected: number/,
    );
  });
});
