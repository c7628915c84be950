import fs from 'node:fs';
import path from 'node:path';
import { LoggerService } from '@backstage/backend-plugin-api';
import { EvidenceSink } from '@change-compliance/plugin-change-compliance-node';
import {
  KnexEvidenceStore,
  StoreEvidenceSink,
} from '@change-compliance/plugin-change-compliance-backend/testUtils';
import {
  DEMO_CREDENTIALS,
  MOUNTS,
  Organisation,
  parseScenario,
} from '@internal/upstream-simulator';
import { Knex } from 'knex';
import { basicCredentials } from '../client/credentials';
import { TableApiClient } from '../client/TableApiClient';
import { ServiceNowTicketSystem } from '../ServiceNowTicketSystem';

export const REPOSITORY_ROOT = path.resolve(__dirname, '../../../..');

/** A hand-written scenario of the simulator (`test/simulator/scenarios/<name>.yaml`). */
export function scenario(name: string): Organisation {
  return parseScenario(
    fs.readFileSync(
      path.join(REPOSITORY_ROOT, `test/simulator/scenarios/${name}.yaml`),
      'utf8',
    ),
  );
}

/** A logger that keeps every line it is given, messages and errors alike, to look for secrets in. */
export function recordingLogger(): { logger: LoggerService; lines: string[] } {
  const lines: string[] = [];
  const record =
    (level: string) => (message: string, meta?: Error | object) => {
      lines.push(
        `${level} ${message} ${
          meta instanceof Error
            ? `${meta.message} ${meta.stack ?? ''}`
            : JSON.stringify(meta ?? {})
        }`,
      );
    };
  const logger: LoggerService = {
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    child: () => logger,
  };
  return { logger, lines };
}

/**
 * The ticket system as a portal configures it, pointed at a running simulator with its demo
 * credentials (or others), a clock stopped at `now`, and retries that wait a few milliseconds.
 */
export function ticketSystemFor(
  simulatorUrl: string,
  options: {
    now: string;
    password?: string;
    pageSize?: number;
    logger?: LoggerService;
    fetch?: typeof fetch;
  },
): ServiceNowTicketSystem {
  return new ServiceNowTicketSystem({
    client: new TableApiClient({
      instanceUrl: `${simulatorUrl}${MOUNTS.serviceNow}`,
      credentials: basicCredentials(
        DEMO_CREDENTIALS.serviceNow.username,
        options.password ?? DEMO_CREDENTIALS.serviceNow.password,
      ),
      retry: { baseDelayMs: 2 },
      fetch: options.fetch,
    }),
    numberPrefix: 'CHG',
    pageSize: options.pageSize ?? 1000,
    windowDays: 180,
    logger: options.logger ?? recordingLogger().logger,
    now: () => new Date(options.now),
  });
}

/** A real evidence store on `knex`, its sink, and the evaluations the sink was asked for. */
export async function storeOn(knex: Knex) {
  const store = await KnexEvidenceStore.create({
    database: { getClient: async () => knex, migrations: { skip: false } },
  });
  const evaluationRequests: string[] = [];
  const sink = new StoreEvidenceSink(store, async (_refs, cause) => {
    evaluationRequests.push(cause);
  });
  return { store, sink, evaluationRequests };
}

/** The sink, with every evidence write it passes on named in `writes` (`upsertTickets x3`). */
export function countingWrites(sink: EvidenceSink): {
  sink: EvidenceSink;
  writes: string[];
} {
  const writes: string[] = [];
  const counted = new Proxy(sink, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (String(property).startsWith('upsert')) {
          const items = args[args.length - 1];
          writes.push(
            `${String(property)} x${Array.isArray(items) ? items.length : 1}`,
          );
        }
        return value.apply(target, args);
      };
    },
  });
  return { sink: counted, writes };
}

/** One Table API request the module made: the table and its query parameters. */
export interface TableRequestSeen {
  table: string;
  query: string;
  limit: number;
  offset: number;
}

/**
 * `fetch`, with every Table API request written down: the simulator's request log counts
 * requests by route, and `/api/now/table/:table` is one route for all three tables.
 */
export function recordingFetch(): {
  fetch: typeof fetch;
  requests: TableRequestSeen[];
} {
  const requests: TableRequestSeen[] = [];
  const recording: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const table = url.pathname.match(/\/api\/now\/table\/([^/]+)/)?.[1];
    if (table) {
      requests.push({
        table,
        query: url.searchParams.get('sysparm_query') ?? '',
        limit: Number(url.searchParams.get('sysparm_limit')),
        offset: Number(url.searchParams.get('sysparm_offset') ?? 0),
      });
    }
    return fetch(input, init);
  };
  return { fetch: recording, requests };
}

/** How many of the requests went to each table. */
export function requestsByTable(
  requests: TableRequestSeen[],
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of requests) counts[r.table] = (counts[r.table] ?? 0) + 1;
  return counts;
}
