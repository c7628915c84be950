import { mockServices } from '@backstage/backend-test-utils';
import { ServiceEvaluationQueue } from './ServiceEvaluationQueue';

/** An evaluation that finishes when the test says so, and a log of what ran. */
function controlledEvaluations() {
  const started: string[] = [];
  const finish = new Map<string, (error?: Error) => void>();
  const evaluate = (entityRef: string, cause: string) =>
    new Promise<void>((resolve, reject) => {
      started.push(`${entityRef}: ${cause}`);
      finish.set(entityRef, error => (error ? reject(error) : resolve()));
    });
  const done = async (entityRef: string, error?: Error) => {
    finish.get(entityRef)!(error);
    // Let the queue's continuations run.
    await new Promise(resolve => setImmediate(resolve));
  };
  return { started, evaluate, done };
}

describe('ServiceEvaluationQueue', () => {
  it('evaluates a service once at a time, and once more for all the events that came meanwhile', async () => {
    const { started, evaluate, done } = controlledEvaluations();
    const queue = new ServiceEvaluationQueue({
      evaluate,
      logger: mockServices.logger.mock(),
    });

    queue.request('component:default/a', 'event 1');
    queue.request('component:default/a', 'event 2');
    queue.request('component:default/a', 'event 3');
    expect(started).toEqual(['component:default/a: event 1']);

    await done('component:default/a');
    expect(started).toEqual([
      'component:default/a: event 1',
      'component:default/a: 2 deployment events, the first event 2',
    ]);
    await done('component:default/a');
    await queue.idle();
    expect(started).toHaveLength(2);
  });

  it('evaluates at most `concurrency` services at once, the others in arrival order', async () => {
    const { started, evaluate, done } = controlledEvaluations();
    const queue = new ServiceEvaluationQueue({
      evaluate,
      logger: mockServices.logger.mock(),
      concurrency: 2,
    });
    for (const name of ['a', 'b', 'c', 'd']) {
      queue.request(`component:default/${name}`, `event ${name}`);
    }
    expect(started).toEqual([
      'component:default/a: event a',
      'component:default/b: event b',
    ]);
    await done('component:default/b');
    expect(started).toHaveLength(3);
    expect(started[2]).toBe('component:default/c: event c');
    await done('component:default/a');
    await done('component:default/c');
    await done('component:default/d');
    await queue.idle();
    expect(started).toHaveLength(4);
  });

  it('logs a failed evaluation and goes on with the next', async () => {
    const { started, evaluate, done } = controlledEvaluations();
    const logger = mockServices.logger.mock();
    const queue = new ServiceEvaluationQueue({
      evaluate,
      logger,
      concurrency: 1,
    });
    queue.request('component:default/a', 'event a');
    queue.request('component:default/b', 'event b');
    await done('component:default/a', new Error('catalog unavailable'));
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Evaluating component:default/a after event a failed',
      ),
      expect.objectContaining({ message: 'catalog unavailable' }),
    );
    expect(started).toEqual([
      'component:default/a: event a',
      'component:default/b: event b',
    ]);
    await done('component:default/b');
    await queue.idle();
  });
});
