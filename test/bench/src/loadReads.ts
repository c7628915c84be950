/*
 * The read side of the load benchmark: autocannon against one endpoint at a time, each request's
 * path drawn from a seeded list of services, pages, deployments or departments, so that no answer
 * is served twice in a row from whatever a cache would keep warm.
 */
import autocannon from 'autocannon';
import { Random } from '@internal/upstream-simulator';
import { departmentCount, departmentName } from './loadCatalog';
import { latencySummary } from './percentiles';
import { DatasetShape } from './loadDataset';

/** 90 days, the views' default length, covering every synthetic deployment (2026-06-01 on). */
export const READ_PERIOD = 'from=2026-05-15T00:00:00Z&to=2026-08-13T00:00:00Z';

export interface ReadEndpoint {
  name: string;
  /** Path `i` of the endpoint's seeded sequence. */
  paths: string[];
}

/** Distinct paths per endpoint; the requests cycle through them. */
const PATHS_PER_ENDPOINT = 20_000;

export function readEndpoints(shape: DatasetShape): ReadEndpoint[] {
  const api = '/api/change-compliance';
  const pageCount = Math.ceil(shape.deploymentsPerService / 50);
  const endpoint = (
    name: string,
    seed: string,
    path: (random: Random) => string,
  ): ReadEndpoint => {
    const random = new Random(seed);
    return {
      name,
      paths: Array.from({ length: PATHS_PER_ENDPOINT }, () => path(random)),
    };
  };
  const service = (random: Random) =>
    `component/default/service-${random.integer(0, shape.services - 1)}`;
  return [
    endpoint(
      'service summary',
      'summary',
      random => `${api}/entities/${service(random)}/summary?${READ_PERIOD}`,
    ),
    endpoint(
      'deployments page',
      'page',
      random =>
        `${api}/entities/${service(
          random,
        )}/deployments?${READ_PERIOD}&page=${random.integer(1, pageCount)}`,
    ),
    endpoint(
      'deployment detail',
      'detail',
      random =>
        `${api}/deployments/bench/${random.integer(
          0,
          shape.services - 1,
        )}-${random.integer(1, shape.deploymentsPerService)}`,
    ),
    endpoint(
      'group rollup (department, 20 services)',
      'rollup',
      random =>
        `${api}/groups/default/${departmentName(
          random.integer(0, departmentCount(shape.services) - 1),
        )}/summary?${READ_PERIOD}`,
    ),
  ];
}

export interface ReadResult {
  endpoint: string;
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  non2xx: number;
  errors: number;
  p50Ms?: number;
  p95Ms?: number;
  p99Ms?: number;
  maxMs?: number;
}

/** Drives one endpoint; percentiles come from every response time, not histogram buckets. */
export async function driveReads(options: {
  base: string;
  token: string;
  endpoint: ReadEndpoint;
  connections: number;
  seconds: number;
}): Promise<ReadResult> {
  const { endpoint, connections, seconds } = options;
  const times: number[] = [];
  let non2xx = 0;
  let next = 0;
  let instance: autocannon.Instance | undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: options.base,
        connections,
        duration: seconds,
        headers: { authorization: `Bearer ${options.token}` },
        requests: [
          {
            method: 'GET',
            setupRequest: request => ({
              ...request,
              path: endpoint.paths[next++ % endpoint.paths.length],
            }),
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
  instance!.on('response', (_client, statusCode, _bytes, responseTime) => {
    times.push(responseTime);
    if (statusCode < 200 || statusCode >= 300) non2xx++;
  });
  const result = await finished;
  return {
    endpoint: endpoint.name,
    connections,
    seconds,
    requests: times.length,
    requestsPerSecond: Math.round(times.length / seconds),
    non2xx,
    errors: result.errors + result.timeouts,
    ...latencySummary(times),
  };
}
