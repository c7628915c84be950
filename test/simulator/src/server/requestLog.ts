/**
 * Counts of the requests the simulator answered, per route (`GET /api/v3/repos/:owner/:repo/pulls`)
 * and per test label (the `x-simulator-test` request header, or the label set through the admin
 * API), so that a test or a benchmark can assert how many upstream calls a sync made.
 */
export class RequestLog {
  private readonly counts = new Map<string, Map<string, number>>();
  private currentLabel = 'default';

  /** Requests without an `x-simulator-test` header are counted under this label from now on. */
  label(name: string) {
    this.currentLabel = name;
  }

  record(route: string, label?: string) {
    const key = label ?? this.currentLabel;
    const routes = this.counts.get(key) ?? new Map<string, number>();
    routes.set(route, (routes.get(route) ?? 0) + 1);
    this.counts.set(key, routes);
  }

  /** Per label, per route; with `label`, that label's routes only. */
  snapshot(label?: string): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    for (const [key, routes] of this.counts) {
      if (label && key !== label) continue;
      out[key] = Object.fromEntries(
        [...routes].sort(([a], [b]) => a.localeCompare(b)),
      );
    }
    return out;
  }

  /** Total requests, optionally for one label and routes starting with a prefix. */
  total(options: { label?: string; routePrefix?: string } = {}): number {
    let sum = 0;
    for (const [key, routes] of this.counts) {
      if (options.label && key !== options.label) continue;
      for (const [route, n] of routes) {
        if (!options.routePrefix || route.includes(options.routePrefix))
          sum += n;
      }
    }
    return sum;
  }

  reset() {
    this.counts.clear();
  }
}
