/**
 * `work` on every item, at most `limit` at a time, results in the items' order. Jira answers
 * many small reads (one issue's remote links) faster side by side, but a site limits how many
 * requests an account may have open at once.
 */
export async function inParallel<T, R>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return results;
}
