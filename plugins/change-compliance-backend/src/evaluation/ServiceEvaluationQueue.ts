import { LoggerService } from '@backstage/backend-plugin-api';

/**
 * Evaluations of single services that deployment events ask for, run after the event has been
 * answered. Why: evaluating a service judges its whole history again, which takes far longer
 * than storing an event, and pipelines post events in bursts. So the event is stored and answered
 * at once, and the queue then evaluates:
 *
 * - one service at most once at a time: events that arrive while it is being evaluated are served
 *   by one more evaluation after it, not one each (two at once would also race to record the same
 *   first verdict);
 * - at most `concurrency` services at once, the others waiting their turn in arrival order.
 *
 * A queue is per backend process: what a stopped process had not evaluated yet, the scheduled
 * evaluation of every service does.
 */
export class ServiceEvaluationQueue {
  /** Services waiting, in arrival order, with the causes of their evaluation. */
  private readonly waiting = new Map<string, string[]>();
  private readonly evaluating = new Set<string>();
  private readonly runs = new Set<Promise<void>>();

  constructor(
    private readonly options: {
      evaluate: (entityRef: string, cause: string) => Promise<void>;
      logger: LoggerService;
      concurrency?: number;
    },
  ) {}

  /** Asks for an evaluation of the service; returns at once. */
  request(entityRef: string, cause: string): void {
    const causes = this.waiting.get(entityRef);
    if (causes) causes.push(cause);
    else this.waiting.set(entityRef, [cause]);
    this.next();
  }

  /** Resolves once nothing is being evaluated or waiting. */
  async idle(): Promise<void> {
    while (this.runs.size > 0) await Promise.all([...this.runs]);
  }

  private next() {
    const concurrency = this.options.concurrency ?? 2;
    for (const [entityRef, causes] of this.waiting) {
      if (this.evaluating.size >= concurrency) return;
      if (this.evaluating.has(entityRef)) continue;
      this.waiting.delete(entityRef);
      this.evaluating.add(entityRef);
      const cause =
        causes.length === 1
          ? causes[0]
          : `${causes.length} deployment events, the first ${causes[0]}`;
      const run: Promise<void> = this.options
        .evaluate(entityRef, cause)
        .catch(error =>
          this.options.logger.warn(
            `Evaluating ${entityRef} after ${cause} failed; its scheduled evaluation will`,
            error,
          ),
        )
        .finally(() => {
          this.evaluating.delete(entityRef);
          this.runs.delete(run);
          this.next();
        });
      this.runs.add(run);
    }
  }
}
