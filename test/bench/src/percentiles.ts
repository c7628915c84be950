/** The p-th percentile of times sorted ascending (nearest rank); undefined for no times. */
export function percentile(sorted: number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

/** p50, p95, p99 and the maximum of response times in ms, rounded to 0.1 ms. */
export function latencySummary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (value: number | undefined) =>
    value === undefined ? undefined : Math.round(value * 10) / 10;
  return {
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted[sorted.length - 1]),
  };
}
