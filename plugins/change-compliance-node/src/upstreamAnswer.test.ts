import { TransientFailure } from './retries';
import { requestUpstreamJson } from './upstreamAnswer';

const URL_ = new URL('https://upstream.example/api/items');
const detail = (body: unknown) =>
  (body as { message?: string } | undefined)?.message ?? '';

function answering(response: Response | Error): typeof fetch {
  return async () => {
    if (response instanceof Error) throw response;
    return response;
  };
}

const ask = (response: Response | Error) =>
  requestUpstreamJson(answering(response), URL_, { timeoutMs: 1000 }, detail);

describe('requestUpstreamJson', () => {
  it('returns a JSON answer, and an error status for the client to name', async () => {
    await expect(ask(new Response('{"items":[1]}'))).resolves.toMatchObject({
      status: 200,
      ok: true,
      body: { items: [1] },
    });
    await expect(
      ask(new Response('{"message":"no such project"}', { status: 404 })),
    ).resolves.toMatchObject({
      status: 404,
      ok: false,
      body: { message: 'no such project' },
    });
    await expect(
      ask(new Response('<html>login</html>', { status: 401 })),
    ).resolves.toMatchObject({ status: 401, body: undefined });
  });

  it('throws what another attempt may not meet as a TransientFailure', async () => {
    const failure = (response: Response | Error) =>
      ask(response).then(
        () => undefined,
        error => error,
      );

    const dropped = await failure(new TypeError('fetch failed'));
    expect(dropped).toBeInstanceOf(TransientFailure);
    expect(dropped).toMatchObject({
      status: undefined,
      message: 'fetch failed',
    });

    const throttled = await failure(
      new Response('{"message":"slow down"}', {
        status: 429,
        headers: { 'retry-after': '7' },
      }),
    );
    expect(throttled).toBeInstanceOf(TransientFailure);
    expect(throttled).toMatchObject({
      status: 429,
      message: 'slow down',
      retryAfterMs: 7000,
    });

    const down = await failure(new Response('', { status: 503 }));
    expect(down).toMatchObject({ status: 503, message: 'server error' });

    const cutOff = await failure(new Response('{"items":[1,'));
    expect(cutOff).toBeInstanceOf(TransientFailure);
    expect(cutOff.message).toBe('the answer is not complete JSON');
  });
});
