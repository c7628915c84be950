/**
 * `work` on every item, at most `limit` at a time, results in the items' order. For reads an
 * upstream answers faster side by side (a Jira site's issues) and for evaluations that wait on the
 * database (services judged while another's statements run), where the upstream or the machine
 * bounds how many may be under way.
 *
 * After a failure no further item is started; the work under way finishes, then the whole rejects
 * with the first failure, so nothing runs on unobserved once the caller has its answer.
 */
export async function inParallel<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { reason: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index]);
      } catch (reason) {
        failure ??= { reason };
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker),
  );
  if (failure) throw failure.reason;
  return results;
}
