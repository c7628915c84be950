/*
 * Fault soak: does evidence synced through a bad day upstream equal evidence synced on a good one?
 * The demo organisation is served by the upstream simulator on loopback, and the real GitHub,
 * Jira, ServiceNow and build-provenance sources sync it twice, each into its own SQLite store:
 *
 *   A. with no fault, one round (every sync, then every service evaluated), which must succeed;
 *   B. with the simulator failing requests in every way the issue lists (5xx, requests never
 *      answered, bodies cut off or not JSON, lists that grow between their pages, 401 as after a
 *      token expired, secondary rate limits as 403 and 429 with `retry-after`), rounds after
 *      rounds as the scheduler runs them, until one round meets no failure or the time bound
 *      passes.
 *
 * Then every evidence table and the verdicts of A and B are compared row by row, by natural key.
 * Prints a JSON summary: rounds, time, faults injected by kind, the failures the sources status
 * recorded by kind, and whether the stores are equal, with the first differences. Exits 1 when
 * they are not, or when B did not converge in time.
 *
 *   yarn workspace @internal/bench bench:fault-soak
 *   yarn workspace @internal/bench bench:fault-soak --minutes 5 --seed 42 --fault-seed 1 --verbose
 */
import path from 'node:path';
import {
  createSimulator,
  FaultRule,
  generateDemoOrganisation,
} from '@internal/upstream-simulator';
import knexFactory, { Knex } from 'knex';
import { argument } from './arguments';
import { errorKind } from './errorKinds';
import {
  connectSoakSources,
  ModuleLogger,
  RecordedFailure,
  RoundOutcome,
} from './soakSources';
import { compareStores } from './storeComparison';
import { repositoryRoot } from './repositoryRoot';
import { silentLogger } from './silentLogger';

const minutes = Number(argument('minutes', '4'));
const seed = Number(argument('seed', '42'));
const faultSeed = Number(argument('fault-seed', '1'));
/** One attempt's time limit in every module (production: 30 s), what a never-answered request costs. */
const attemptTimeoutMs = Number(argument('timeout-ms', '10000'));
const NOW = '2026-11-20T00:00:00.000Z';

/** `--verbose`: the modules' warnings and retries on stderr, to see where a round spends its time. */
const verboseLogger: ModuleLogger = {
  ...silentLogger,
  debug: (message: string) => console.error(new Date().toISOString(), message),
  warn: (message: string, error?: Error) =>
    console.error(new Date().toISOString(), message, error?.message ?? ''),
  child: () => verboseLogger,
};
const logger = process.argv.includes('--verbose') ? verboseLogger : undefined;

/**
 * The bad day, for each upstream alike. Retried faults come at a steady rate; the ones a retry
 * cannot cure within a sync (a refused credential) or that cost an attempt's whole time limit are
 * capped, as a real outage of that kind ends. GitHub alone answers a secondary rate limit with
 * 403; the others say 429.
 */
const UPSTREAMS = {
  github: '^/api/',
  jira: '^/jira/',
  servicenow: '^/servicenow/',
};
/**
 * How much more often each upstream's requests fail: a sync asks Jira for every issue's links,
 * GitHub a few large GraphQL pages, ServiceNow a handful of pages. Scaled, every upstream meets
 * every kind of fault in a run.
 */
const RATE_SCALE: Record<string, number> = {
  github: 3,
  jira: 1,
  servicenow: 5,
};
const FAULTS_OF_EACH_UPSTREAM: Omit<FaultRule, 'path'>[] = [
  { kind: 'status-500', rate: 0.03 },
  { kind: 'status-502', rate: 0.03 },
  { kind: 'status-503', rate: 0.02 },
  { kind: 'malformed', rate: 0.02 },
  { kind: 'truncated', rate: 0.02 },
  { kind: 'timeout', rate: 0.01, times: 2 },
  { kind: 'expired-token', rate: 0.01, times: 4 },
  { kind: 'too-many-requests', rate: 0.02, retryAfterSeconds: 1 },
];
const FAULTS: { upstream: string; rule: FaultRule }[] = [
  ...Object.entries(UPSTREAMS).flatMap(([upstream, mount]) =>
    FAULTS_OF_EACH_UPSTREAM.map(rule => ({
      upstream,
      rule: { ...rule, path: mount, rate: rule.rate * RATE_SCALE[upstream] },
    })),
  ),
  {
    upstream: 'github',
    rule: {
      path: UPSTREAMS.github,
      kind: 'secondary-rate-limit',
      rate: 0.02 * RATE_SCALE.github,
      retryAfterSeconds: 1,
    },
  },
  // Every page after the first of every offset-paged list starts one item early, as when the list
  // grew at its front since the first page (few lists the modules read are paged that way:
  // GitHub's GraphQL pages by cursor, Jira's search by token). Its path is the list's own, under
  // any upstream.
  {
    upstream: 'any',
    rule: { path: '.*', kind: 'shifting-pages', rate: 1 },
  },
];

function memoryStore(): Knex {
  return knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
}

function countBy<T>(items: T[], of: (item: T) => string) {
  const counts: Record<string, number> = {};
  for (const item of items) counts[of(item)] = (counts[of(item)] ?? 0) + 1;
  return counts;
}

/** Resolves with the round's outcome, or with `undefined` once the deadline passes. */
function beforeDeadline<T>(work: Promise<T>, deadline: number) {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>(resolve => {
    timer = setTimeout(
      () => resolve(undefined),
      Math.max(0, deadline - Date.now()),
    );
  });
  // Past the deadline the round is abandoned: its later failure (the simulator closed under it)
  // is no news.
  work.catch(() => {});
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

async function main() {
  const organisation = generateDemoOrganisation({
    examplesDirectory: path.join(repositoryRoot, 'examples'),
    seed,
    now: NOW,
  });
  const simulator = createSimulator({
    organisation,
    // The primary budget is not a fault under test; its exhaustion has its own tests.
    githubRateLimit: 1_000_000,
    faultSeed,
  });
  const base = await simulator.listen(0, '127.0.0.1');
  const knexA = memoryStore();
  const knexB = memoryStore();
  const retry = { timeoutMs: attemptTimeoutMs };
  try {
    simulator.requestLog.label('fault-free');
    let started = Date.now();
    const a = await connectSoakSources({
      simulatorUrl: base,
      knex: knexA,
      organisation,
      retry,
    });
    const clean = await a.round();
    const faultFreeSeconds = (Date.now() - started) / 1000;
    if (clean.failures.length + clean.ticketFetchErrors.length > 0) {
      throw new Error(
        `The fault-free run failed: ${JSON.stringify(clean, null, 2)}`,
      );
    }

    simulator.faults.set(FAULTS.map(f => f.rule));
    simulator.requestLog.label('faulty');
    started = Date.now();
    const deadline = started + minutes * 60_000;
    const b = await connectSoakSources({
      simulatorUrl: base,
      knex: knexB,
      organisation,
      retry,
      logger,
    });
    const rounds: (RoundOutcome & { seconds: number })[] = [];
    let converged = false;
    let stuck = false;
    while (Date.now() < deadline) {
      const roundStarted = Date.now();
      const outcome = await beforeDeadline(b.round(), deadline);
      if (!outcome) {
        stuck = true;
        break;
      }
      rounds.push({ ...outcome, seconds: (Date.now() - roundStarted) / 1000 });
      console.error(
        `round ${rounds.length}: ${outcome.failures.length} failed syncs, ${
          outcome.ticketFetchErrors.length
        } failed ticket reads, ${rounds[rounds.length - 1].seconds} s`,
      );
      if (
        outcome.failures.length === 0 &&
        outcome.ticketFetchErrors.length === 0
      ) {
        converged = true;
        break;
      }
    }
    const faultySeconds = (Date.now() - started) / 1000;
    const injected: Record<string, number> = {};
    const injectedByUpstream: Record<string, Record<string, number>> = {};
    simulator.faults.hits().forEach(({ kind, hits }, index) => {
      injected[kind] = (injected[kind] ?? 0) + hits;
      const upstream = (injectedByUpstream[FAULTS[index].upstream] ??= {});
      upstream[kind] = hits;
    });
    simulator.faults.clear();

    const failures: RecordedFailure[] = rounds.flatMap(r => r.failures);
    const ticketFetchErrors = rounds.flatMap(r => r.ticketFetchErrors);
    // One recorded message of each kind from each provider, to judge how each words it.
    const examples: Record<string, string> = {};
    for (const failure of failures) {
      examples[`${failure.provider}: ${errorKind(failure.error)}`] ??= `${
        failure.scope
      }: ${failure.error.slice(0, 240)}`;
    }
    const comparison = await compareStores(knexA, knexB);
    const status = await b.store.listSourceStatus();
    const equal = comparison.differences.length === 0;
    // A verdict B passed on the way that A, with all the evidence, does not pass: the worst
    // thing a fault could do, even for a moment.
    const finalVerdicts = new Map<string, string>(
      (
        await knexA('verdicts').select(
          'deployment_source',
          'deployment_external_id',
          'verdict',
        )
      ).map(v => [
        `${v.deployment_source}/${v.deployment_external_id}`,
        v.verdict,
      ]),
    );
    const transientPasses = (
      await knexB('verdict_history')
        .where({ verdict: 'pass' })
        .select('deployment_source', 'deployment_external_id')
    )
      .map(v => `${v.deployment_source}/${v.deployment_external_id}`)
      .filter(id => finalVerdicts.get(id) !== 'pass');

    console.log(
      JSON.stringify(
        {
          node: process.version,
          organisation: {
            seed,
            deployments: organisation.expected.length,
            repositories: organisation.repositories.length,
            jiraIssues: organisation.jira.issues.length,
            changeRequests: organisation.serviceNow.changeRequests.length,
          },
          faultSeed,
          attemptTimeoutMs,
          faultFree: {
            seconds: faultFreeSeconds,
            requests: simulator.requestLog.total({ label: 'fault-free' }),
          },
          faulty: {
            boundMinutes: minutes,
            converged,
            stuck,
            rounds: rounds.length,
            seconds: faultySeconds,
            secondsPerRound: rounds.map(r => r.seconds),
            requestsAnswered: simulator.requestLog.total({ label: 'faulty' }),
            faultsInjected: injected,
            faultsInjectedByUpstream: injectedByUpstream,
            failedSyncsRecorded: {
              total: failures.length,
              byKind: countBy(failures, f => errorKind(f.error)),
              byProvider: countBy(failures, f => f.provider),
              perRound: rounds.map(r => r.failures.length),
              examples,
            },
            failedTicketReads: {
              total: ticketFetchErrors.length,
              byKind: countBy(ticketFetchErrors, errorKind),
            },
            sourcesStatusAtEnd: {
              scopes: status.length,
              failing: status
                .filter(s => s.consecutiveFailures > 0)
                .map(s => `${s.provider} ${s.scope}: ${s.lastError}`),
              everFailed: status.filter(s => s.lastFailedAt).length,
            },
          },
          rowsInA: comparison.tables,
          equal,
          differences: comparison.differences.slice(0, 10),
          transientPasses: {
            total: transientPasses.length,
            first: transientPasses.slice(0, 5),
          },
        },
        null,
        2,
      ),
    );
    if (!equal || !converged || transientPasses.length > 0) {
      process.exitCode = 1;
    }
  } finally {
    await simulator.close();
    await knexA.destroy();
    await knexB.destroy();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
