import { RepositoryTurns } from './RepositoryTurns';

/** A sync that runs until the test ends it. */
function controlledSyncs() {
  const log: string[] = [];
  const pending: { end: () => void; fail: (error: Error) => void }[] = [];
  let started = 0;
  const sync = (slug: string) => () => {
    const n = ++started;
    log.push(`start ${slug} #${n}`);
    return new Promise<void>((resolve, reject) => {
      pending.push({
        end: () => {
          log.push(`end ${slug} #${n}`);
          resolve();
        },
        fail: error => {
          log.push(`fail ${slug} #${n}`);
          reject(error);
        },
      });
    });
  };
  return { log, pending, sync };
}

const settled = () => new Promise(resolve => setImmediate(resolve));

describe('RepositoryTurns', () => {
  it('runs one sync of a repository at a time, and one follow-up for every request made meanwhile', async () => {
    const turns = new RepositoryTurns();
    const { log, pending, sync } = controlledSyncs();

    const first = turns.inTurn('northwind/payments-api', sync('payments'));
    await settled();
    const burst = [1, 2, 3].map(() =>
      turns.inTurn('northwind/payments-api', sync('payments')),
    );
    await settled();
    expect(log).toEqual(['start payments #1']);

    pending.shift()!.end();
    await first;
    await settled();
    expect(log).toEqual([
      'start payments #1',
      'end payments #1',
      'start payments #2',
    ]);

    pending.shift()!.end();
    await Promise.all(burst);
    expect(log).toHaveLength(4);

    // Idle again: the next request starts a sync at once.
    const later = turns.inTurn('northwind/payments-api', sync('payments'));
    await settled();
    expect(log.at(-1)).toBe('start payments #3');
    pending.shift()!.end();
    await later;
  });

  it('lets different repositories sync at the same time', async () => {
    const turns = new RepositoryTurns();
    const { log, pending, sync } = controlledSyncs();

    const both = [
      turns.inTurn('northwind/payments-api', sync('payments')),
      turns.inTurn('northwind/ledger', sync('ledger')),
    ];
    await settled();
    expect(log).toEqual(['start payments #1', 'start ledger #2']);
    pending.forEach(p => p.end());
    await Promise.all(both);
  });

  it('answers each request with the outcome of the sync that served it, and goes on after a failure', async () => {
    const turns = new RepositoryTurns();
    const { log, pending, sync } = controlledSyncs();

    const failing = turns.inTurn('northwind/payments-api', sync('payments'));
    await settled();
    const followUp = turns.inTurn('northwind/payments-api', sync('payments'));
    pending.shift()!.fail(new Error('Bad Gateway'));
    await expect(failing).rejects.toThrow('Bad Gateway');
    await settled();

    expect(log).toEqual([
      'start payments #1',
      'fail payments #1',
      'start payments #2',
    ]);
    pending.shift()!.end();
    await expect(followUp).resolves.toBeUndefined();
  });
});
