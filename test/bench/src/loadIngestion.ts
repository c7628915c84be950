/*
 * The ingestion side of the load benchmark: deployment events posted to POST /deployments at a
 * fixed rate, as pipelines would (an open model: an event is due at its time whether or not the
 * previous answers came back), with an external access token. Some events are posted twice, a
 * few milliseconds to a second apart (a pipeline's retry), while the first post may still be in
 * flight. Afterwards the database is asked what it holds: exactly one deployment per distinct
 * event, none lost, and how many verdicts and history entries each got.
 */
import knexFactory from 'knex';
import { Random } from '@internal/upstream-simulator';
import { generateService } from './syntheticOrganisation';
import { DatasetShape } from './loadDataset';
import { latencySummary } from './percentiles';

export const INGEST_SOURCE = 'bench-ingest';

interface PlannedPost {
  /** Milliseconds after the start the post is due. */
  dueMs: number;
  externalId: string;
  body: string;
  /** A repeat of an event posted before. */
  repeat: boolean;
}

/**
 * The posts of one run: `rate` per second for `seconds`, a share of them repeats of an event due
 * up to 50 posts earlier. Each event deploys its service's current head again, after the
 * synthetic history, so its re-evaluation has a commit to trace.
 */
export function planIngestion(options: {
  shape: DatasetShape;
  rate: number;
  seconds: number;
  repeatShare: number;
  runId: string;
}): PlannedPost[] {
  const { shape, rate, seconds, repeatShare, runId } = options;
  const random = new Random(`ingest-${runId}`);
  const heads = new Map<number, string>();
  const headOf = (s: number) => {
    if (!heads.has(s)) {
      heads.set(s, generateService(s, shape.deploymentsPerService).head);
    }
    return heads.get(s)!;
  };
  const after = Date.UTC(2026, 5, 20);
  const posts: PlannedPost[] = [];
  const total = Math.round(rate * seconds);
  for (let i = 0; i < total; i++) {
    const dueMs = (i * 1000) / rate;
    if (i > 0 && random.chance(repeatShare)) {
      const earlier = posts[random.integer(Math.max(0, i - 50), i - 1)];
      posts.push({ ...earlier, dueMs, repeat: true });
      continue;
    }
    const s = random.integer(0, shape.services - 1);
    const externalId = `${runId}-${i}`;
    posts.push({
      dueMs,
      externalId,
      repeat: false,
      body: JSON.stringify({
        source: INGEST_SOURCE,
        externalId,
        entityRef: `component:default/service-${s}`,
        environment: 'production',
        commitSha: headOf(s),
        deployedAt: new Date(after + i * 1000).toISOString(),
        status: 'success',
        ref: 'main',
        ticketKeys: [],
      }),
    });
  }
  return posts;
}

export interface IngestionResult {
  targetRate: number;
  seconds: number;
  posts: number;
  distinctEvents: number;
  repeats: number;
  /** Until the last post left: longer than `seconds` when posts waited for a slot. */
  sendSeconds: number;
  /** Posts that left per second. */
  sentRate: number;
  /** Posts answered per second, from the first due time to the last answer. */
  answeredRate: number;
  /** Distinct events none of whose posts left before the client gave up. */
  eventsNotSent: number;
  /** From the last post leaving to its answer and every other. */
  drainSeconds: number;
  statuses: Record<string, number>;
  /** From the time each post was due, so a queue on the client side counts against the server. */
  latencyFromDue: ReturnType<typeof latencySummary>;
  latencyFromSend: ReturnType<typeof latencySummary>;
  maxInFlight: number;
  database: {
    deploymentsFound: number;
    lost: string[];
    duplicated: number;
    withVerdict: number;
    historyEntries: Record<string, number>;
  };
  /** Distinct events whose posts were all answered 201 more than once (`created` twice). */
  createdTwice: number;
}

/**
 * Posts the planned events at their due times, at most `maxInFlight` at a time (beyond that a due
 * post waits, and its wait counts in its latency), then checks the database.
 */
export async function driveIngestion(options: {
  base: string;
  token: string;
  posts: PlannedPost[];
  rate: number;
  seconds: number;
  maxInFlight: number;
  timeoutSeconds: number;
  /** Posts still waiting for a slot this long after the start are not sent at all. */
  giveUpSeconds: number;
  postgresUrl: string;
  database: string;
  runId: string;
}): Promise<IngestionResult> {
  const { posts, maxInFlight } = options;
  const statuses: Record<string, number> = {};
  const fromDue: number[] = [];
  const fromSend: number[] = [];
  const created = new Map<string, number>();
  let inFlight = 0;
  let maxSeen = 0;
  let lastSent = 0;
  let giveUpAt = Infinity;
  const sentIds = new Set<string>();
  const waiting: Array<() => void> = [];
  const slot = async () => {
    while (inFlight >= maxInFlight) {
      await new Promise<void>(resolve => waiting.push(resolve));
    }
    inFlight++;
    maxSeen = Math.max(maxSeen, inFlight);
  };
  const release = () => {
    inFlight--;
    waiting.shift()?.();
  };

  const post = async (planned: PlannedPost, due: number) => {
    await slot();
    if (performance.now() > giveUpAt) {
      // The server has not taken the post within the window: the rate was not sustained.
      release();
      statuses['not sent'] = (statuses['not sent'] ?? 0) + 1;
      return;
    }
    const sent = performance.now();
    sentIds.add(planned.externalId);
    lastSent = Math.max(lastSent, sent);
    let status: string;
    try {
      const response = await fetch(
        `${options.base}/api/change-compliance/deployments`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${options.token}`,
            'content-type': 'application/json',
          },
          body: planned.body,
          signal: AbortSignal.timeout(options.timeoutSeconds * 1000),
        },
      );
      await response.arrayBuffer();
      status = String(response.status);
      if (response.status === 201) {
        created.set(
          planned.externalId,
          (created.get(planned.externalId) ?? 0) + 1,
        );
      }
    } catch (error) {
      status =
        (error as Error).name === 'TimeoutError' ? 'timeout' : 'network error';
    } finally {
      release();
    }
    const answered = performance.now();
    fromDue.push(answered - due);
    fromSend.push(answered - sent);
    statuses[status] = (statuses[status] ?? 0) + 1;
  };

  const started = performance.now();
  giveUpAt = started + options.giveUpSeconds * 1000;
  const pending: Promise<void>[] = [];
  for (const planned of posts) {
    const due = started + planned.dueMs;
    const wait = due - performance.now();
    if (wait > 1) await new Promise(resolve => setTimeout(resolve, wait));
    pending.push(post(planned, due));
  }
  await Promise.all(pending);
  const finished = performance.now();
  const sendSeconds = (lastSent - started) / 1000;
  const sentCount = fromSend.length;
  const oneDecimal = (n: number) => Math.round(n * 10) / 10;

  const distinct = [
    ...new Set(posts.filter(p => !p.repeat).map(p => p.externalId)),
  ];
  // An event counts as sent when at least one of its posts left.
  const sentEvents = distinct.filter(id => sentIds.has(id));
  return {
    targetRate: options.rate,
    seconds: options.seconds,
    posts: posts.length,
    distinctEvents: distinct.length,
    repeats: posts.length - distinct.length,
    sendSeconds: oneDecimal(sendSeconds),
    sentRate: oneDecimal(sentCount / sendSeconds),
    answeredRate: oneDecimal(sentCount / ((finished - started) / 1000)),
    eventsNotSent: distinct.length - sentEvents.length,
    drainSeconds: oneDecimal((finished - lastSent) / 1000),
    statuses,
    latencyFromDue: latencySummary(fromDue),
    latencyFromSend: latencySummary(fromSend),
    maxInFlight: maxSeen,
    database: await checkDatabase(options, sentEvents),
    createdTwice: [...created.values()].filter(n => n > 1).length,
  };
}

/** What the database holds for the run's events. */
async function checkDatabase(
  options: { postgresUrl: string; database: string; runId: string },
  ids: string[],
) {
  const knex = knexFactory({
    client: 'pg',
    connection: `${options.postgresUrl}/${options.database}`,
    pool: { min: 0, max: 1 },
  });
  try {
    const runPrefix = `${options.runId}-%`;
    const deployments: { external_id: string; n: string }[] = await knex(
      'deployments',
    )
      .select('external_id')
      .count({ n: '*' })
      .where({ source: INGEST_SOURCE })
      .andWhere('external_id', 'like', runPrefix)
      .groupBy('external_id');
    const found = new Map(deployments.map(d => [d.external_id, Number(d.n)]));
    const verdicts = await knex('verdicts')
      .count({ n: '*' })
      .where({ deployment_source: INGEST_SOURCE })
      .andWhere('deployment_external_id', 'like', runPrefix);
    const history: { entries: string; events: string }[] = await knex
      .from(
        knex('verdict_history')
          .select('deployment_external_id')
          .count({ entries: '*' })
          .where({ deployment_source: INGEST_SOURCE })
          .andWhere('deployment_external_id', 'like', runPrefix)
          .groupBy('deployment_external_id')
          .as('per_event'),
      )
      .select('entries')
      .count({ events: '*' })
      .groupBy('entries');
    return {
      deploymentsFound: found.size,
      lost: ids.filter(id => !found.has(id)),
      duplicated: [...found.values()].filter(n => n > 1).length,
      withVerdict: Number(verdicts[0].n),
      // How many events got 1, 2, ... history entries (a new deployment's first verdict is one).
      historyEntries: Object.fromEntries(
        history.map(h => [`${h.entries}`, Number(h.events)]),
      ),
    };
  } finally {
    await knex.destroy();
  }
}
