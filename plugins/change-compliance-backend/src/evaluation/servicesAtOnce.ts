/**
 * How many services a pass over the catalog evaluates at once. On PostgreSQL a service spends much
 * of its evaluation waiting for the database (reading its evidence, writing thousands of verdict
 * rows); with a second one under way, the engine judges one while the other's statements run.
 * Two, as for deployment events (ServiceEvaluationQueue): more would hold more services' evidence
 * in memory for little gain on the two cores these backends are sized for.
 */
export const SERVICES_AT_ONCE = 2;

/**
 * Runs `work` for every item, at most `limit` at once, and returns the results in the items'
 * order. A rejection rejects the whole, after the work under way has finished; callers that
 * must go on past one failure catch inside `work`.
 */
export async function forEachAtOnce<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  const workers = Array.from(
    { length: Math.max(1, Math.min(limit, items.length)) },
    worker,
  );
  const settled = await Promise.allSettled(workers);
  const failed = settled.find(s => s.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return results;
}
