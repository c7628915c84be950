import { inParallel } from './inParallel';

const tick = () => new Promise(resolve => setTimeout(resolve, 1));

describe('inParallel', () => {
  it('runs at most the limit at once and returns the results in the items’ order', async () => {
    let running = 0;
    let most = 0;
    const results = await inParallel([5, 1, 4, 2, 3], 2, async n => {
      running += 1;
      most = Math.max(most, running);
      for (let i = 0; i < n; i++) await tick();
      running -= 1;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
  });

  it('does every item once, with fewer items than the limit and with none', async () => {
    const seen: number[] = [];
    await inParallel([1], 4, async n => seen.push(n));
    expect(seen).toEqual([1]);
    expect(await inParallel([], 2, async n => n)).toEqual([]);
  });

  it('rejects with the first failure once the work under way has finished', async () => {
    const finished: number[] = [];
    await expect(
      inParallel([1, 2, 3], 2, async n => {
        await tick();
        if (n === 1) throw new Error('service 1 failed');
        await tick();
        finished.push(n);
      }),
    ).rejects.toThrow('service 1 failed');
    expect(finished).toContain(2);
  });
});
