import { RememberedAnswers } from './RememberedAnswers';

const SERVICE = 'component:default/payments-api';

function fakeStore() {
  const revisions = new Map<string, number>();
  return {
    serviceRevision: async (ref: string) => String(revisions.get(ref) ?? 0),
    change: (ref: string) => revisions.set(ref, (revisions.get(ref) ?? 0) + 1),
  };
}

/** The JSON text of an answer. */
async function text(answer: Promise<{ body: string }>) {
  return (await answer).body;
}

describe('RememberedAnswers', () => {
  it('gives the same answer while the revision stands, and a new one once it moves', async () => {
    const store = fakeStore();
    const answers = new RememberedAnswers(store, { megabytes: 1 });
    let counted = 0;
    const count = async () => ({ counted: ++counted });

    expect(await text(answers.answer(SERVICE, 'summary', count))).toBe(
      '{"counted":1}',
    );
    expect(await text(answers.answer(SERVICE, 'summary', count))).toBe(
      '{"counted":1}',
    );
    store.change(SERVICE);
    expect(await text(answers.answer(SERVICE, 'summary', count))).toBe(
      '{"counted":2}',
    );
    // Another service's change leaves this answer alone.
    store.change('component:default/ledger');
    expect(await text(answers.answer(SERVICE, 'summary', count))).toBe(
      '{"counted":2}',
    );
  });

  it('tags each answer by its text, so a client holding it can be told it is unchanged', async () => {
    const store = fakeStore();
    const answers = new RememberedAnswers(store, { megabytes: 1 });
    const first = await answers.answer(SERVICE, 'summary', async () => ({
      n: 1,
    }));
    expect(first.etag).toMatch(/^W\/"[\w-]+"$/);
    store.change(SERVICE);
    const same = await answers.answer(SERVICE, 'summary', async () => ({
      n: 1,
    }));
    const other = await answers.answer(SERVICE, 'page', async () => ({ n: 2 }));
    expect(same.etag).toBe(first.etag);
    expect(other.etag).not.toBe(first.etag);
  });

  it('keeps the answers to different questions apart', async () => {
    const answers = new RememberedAnswers(fakeStore(), { megabytes: 1 });
    expect(await text(answers.answer(SERVICE, 'page 1', async () => 1))).toBe(
      '1',
    );
    expect(await text(answers.answer(SERVICE, 'page 2', async () => 2))).toBe(
      '2',
    );
    expect(
      await text(
        answers.answer('component:default/ledger', 'page 1', async () => 3),
      ),
    ).toBe('3');
    expect(await text(answers.answer(SERVICE, 'page 1', async () => 4))).toBe(
      '1',
    );
  });

  it('computes a burst of the same question once', async () => {
    const answers = new RememberedAnswers(fakeStore(), { megabytes: 1 });
    let computed = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>(resolve => {
      release = resolve;
    });
    const slow = async () => {
      computed += 1;
      await gate;
      return { computed };
    };
    const burst = Array.from({ length: 5 }, () =>
      answers.answer(SERVICE, 'summary', slow),
    );
    release();
    expect((await Promise.all(burst)).map(a => a.body)).toEqual(
      Array(5).fill('{"computed":1}'),
    );
    expect(computed).toBe(1);
  });

  it('does not remember a failure', async () => {
    const answers = new RememberedAnswers(fakeStore(), { megabytes: 1 });
    await expect(
      answers.answer(SERVICE, 'summary', async () => {
        throw new Error('database went away');
      }),
    ).rejects.toThrow('database went away');
    expect(
      await text(answers.answer(SERVICE, 'summary', async () => 'ok')),
    ).toBe('"ok"');
  });

  it('forgets the least recently used answers beyond its memory, and nothing with zero', async () => {
    const answers = new RememberedAnswers(fakeStore(), { megabytes: 1 });
    const big = 'x'.repeat(400 * 1024);
    for (const page of [1, 2, 3]) {
      await text(
        answers.answer(SERVICE, `page ${page}`, async () => `${page}${big}`),
      );
    }
    // Three answers of 400 KB do not fit in 1 MB: the first one went.
    expect(
      await text(answers.answer(SERVICE, 'page 1', async () => 'again')),
    ).toBe('"again"');
    expect(
      (
        await text(answers.answer(SERVICE, 'page 3', async () => 'again'))
      ).startsWith('"3x'),
    ).toBe(true);

    const off = new RememberedAnswers(fakeStore(), { megabytes: 0 });
    let computed = 0;
    await text(off.answer(SERVICE, 'summary', async () => ++computed));
    await text(off.answer(SERVICE, 'summary', async () => ++computed));
    expect(computed).toBe(2);
  });
});
