import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SourcesResponse } from '@change-compliance/plugin-change-compliance-common';
import {
  createSimulator,
  MOUNTS,
  Simulator,
} from '@internal/upstream-simulator';
import knexFactory, { Knex } from 'knex';
import {
  ANSI_COLOURS,
  mergeConfig,
  PortalBackend,
  recentDemoOrganisation,
  startPortalBackend,
  waitFor,
} from './__testUtils__/portalBackend';
import {
  randomUpstreamCredentials,
  UpstreamCredentials,
  upstreamConfig,
} from './__testUtils__/upstreams';

jest.setTimeout(600_000);

const POSTGRES =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;

/** The evidence the GitHub sync writes, table by table. */
const EVIDENCE_TABLES = [
  'repositories',
  'branch_heads',
  'deployments',
  'commits',
  'pull_requests',
  'commit_pull_requests',
  'reviews',
  'approvals',
  'branch_protection_snapshots',
];
/** Columns that say when a row was written or observed, not what it holds. */
const WRITE_TIME_COLUMNS = new Set(['id', 'updated_at', 'observed_at']);

const ROUND_LINE =
  /^(\S+Z)\s+change-compliance\s+\w+\s+GitHub sync round (started|finished)/;

/**
 * Two replicas of the portal backend on one PostgreSQL database, as a platform team runs it, with
 * the upstream simulator answering GitHub slowly enough that a sync round takes a while. One
 * replica is killed (SIGKILL) in the middle of a round. The scheduled sync must run on one replica
 * at a time, the survivor must finish the work, the store must end equal to a single replica's,
 * and every replica must give the same answers.
 */
(POSTGRES ? describe : describe.skip)('two replicas on one PostgreSQL', () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-replicas-'));
  const run = crypto.randomBytes(4).toString('hex');
  const sharedPrefix = `ccrep_${run}_`;
  const singlePrefix = `ccone_${run}_`;
  const secrets = randomUpstreamCredentials();
  let simulator: Simulator;
  const backends: PortalBackend[] = [];

  beforeAll(async () => {
    simulator = createSimulator({
      organisation: recentDemoOrganisation(),
      ...secrets,
      // Every GitHub GraphQL answer takes 500 ms: a round over the demo's repositories lasts
      // long enough to be interrupted.
      faults: [{ path: MOUNTS.githubGraphql, kind: 'slow', delayMs: 500 }],
    });
  });

  afterAll(async () => {
    await Promise.all(backends.map(b => b.stop('SIGKILL')));
    await simulator.close();
    await dropDatabases([sharedPrefix, singlePrefix]);
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('syncs on one replica at a time, loses nothing when one dies, and answers alike', async () => {
    const upstream = await simulator.listen(0, '127.0.0.1');
    const start = (prefix: string) =>
      startPortalBackend({
        directory,
        config: portalConfig(upstream, secrets, prefix),
      }).then(backend => {
        backends.push(backend);
        return backend;
      });

    // The first replica creates the databases; the others start once they exist.
    const first = await start(sharedPrefix);
    const [second, single] = await Promise.all([
      start(sharedPrefix),
      start(singlePrefix),
    ]);
    const replicas = [first, second];

    // A round over the demo's repositories runs on one replica; once it has synced two of
    // them, that replica dies without a chance to clean up. (A round before the catalog has
    // read the demo's services covers no repository and ends at once.)
    await waitFor(async () => {
      const round = await githubRound(first);
      return (
        round !== undefined &&
        round.finishedAt === null &&
        round.total > 2 &&
        round.done >= 2
      );
    }, 'a GitHub sync round to sync two repositories');
    const running = replicas.filter(r => {
      const rounds = roundsOf(r);
      return rounds.length > 0 && !rounds[rounds.length - 1].finished;
    });
    expect(running).toHaveLength(1);
    const [victim] = running;
    const survivor = replicas.find(r => r !== victim)!;
    const roundBeforeKill = (await githubRound(survivor))!;
    expect(roundBeforeKill.finishedAt).toBeNull();
    await victim.stop('SIGKILL');
    const killedAt = new Date();

    // The survivor takes the task over once the dead replica's claim times out, and finishes.
    await waitFor(
      async () =>
        roundsOf(survivor).some(
          r => r.finished && r.finished.getTime() > killedAt.getTime(),
        ),
      'the surviving replica to finish a round',
      () => survivor.output().slice(-3000),
    );
    await waitFor(
      async () => roundsOf(single).some(r => r.finished),
      'the single replica to finish its round',
    );

    // At no moment did two replicas sync at once.
    const intervals = replicas.flatMap(replica =>
      roundsOf(replica).map(r => ({
        replica,
        from: r.started.getTime(),
        to: (r.finished ?? killedAt).getTime(),
      })),
    );
    const overlapping = intervals.filter(a =>
      intervals.some(
        b => a.replica !== b.replica && a.from < b.to && b.from < a.to,
      ),
    );
    expect(overlapping).toEqual([]);
    expect(
      intervals.filter(i => i.replica === survivor).length,
    ).toBeGreaterThan(0);

    // Nothing was lost: the evidence equals what one replica alone stored.
    const shared = await evidenceOf(sharedPrefix);
    const alone = await evidenceOf(singlePrefix);
    expect(shared.deployments.length).toBeGreaterThan(0);
    for (const table of EVIDENCE_TABLES) {
      expect({ table, rows: shared[table] }).toEqual({
        table,
        rows: alone[table],
      });
    }

    // A replica started now answers exactly as the survivor does.
    const replacement = await start(sharedPrefix);
    const deployments = await json(
      survivor,
      '/entities/component/default/payments-api/deployments?pageSize=100',
    );
    const deploymentId = (deployments as { items: Array<{ id: string }> })
      .items[0].id;
    const [source, externalId] = deploymentId.split('/');
    // A fixed period: by default it ends at the moment of the request.
    const period = `from=${new Date(
      Date.now() - 90 * 86_400_000,
    ).toISOString()}&to=${new Date().toISOString()}`;
    for (const route of [
      '/policy',
      `/entities/component/default/payments-api/summary?${period}`,
      '/entities/component/default/payments-api/deployments?pageSize=100',
      `/groups/default/payments-team/summary?${period}`,
      `/deployments/${source}/${encodeURIComponent(externalId)}`,
      `/deployments/${source}/${encodeURIComponent(externalId)}/trace`,
    ]) {
      expect({ route, answer: await json(replacement, route) }).toEqual({
        route,
        answer: await json(survivor, route),
      });
    }
  });
});

function portalConfig(
  upstream: string,
  secrets: UpstreamCredentials,
  prefix: string,
): object {
  const later = {
    initialDelay: { hours: 24 },
    frequency: { hours: 24 },
    timeout: { minutes: 5 },
  };
  return mergeConfig(upstreamConfig(upstream, secrets), {
    backend: {
      database: { client: 'pg', connection: POSTGRES, prefix },
    },
    changeCompliance: {
      github: {
        // Soon and often; a claim held by a dead replica expires after the timeout.
        schedule: {
          initialDelay: { seconds: 30 },
          frequency: { seconds: 20 },
          timeout: { seconds: 40 },
        },
      },
      // Only GitHub syncs here: the other sources keep to themselves, so that the evidence
      // compared is the GitHub sync's alone.
      gitlab: { schedule: later },
      argocd: { schedule: later },
      kubernetes: { schedule: later },
      provenance: { githubAttestations: { schedule: later } },
      jira: { schedule: later },
      servicenow: { schedule: later },
    },
  });
}

interface Round {
  started: Date;
  finished?: Date;
}

/** The GitHub sync rounds a replica logged, in order. */
function roundsOf(backend: PortalBackend): Round[] {
  const rounds: Round[] = [];
  for (const line of backend.output().split('\n')) {
    const match = line.replace(ANSI_COLOURS, '').match(ROUND_LINE);
    if (!match) continue;
    const at = new Date(match[1]);
    if (match[2] === 'started') {
      rounds.push({ started: at });
    } else if (rounds.length > 0) {
      rounds[rounds.length - 1].finished = at;
    }
  }
  return rounds;
}

async function githubRound(backend: PortalBackend) {
  const response = await backend.api('/sources');
  const { rounds } = (await response.json()) as SourcesResponse;
  return rounds.find(r => r.provider === 'github');
}

async function json(backend: PortalBackend, route: string): Promise<unknown> {
  const response = await backend.api(route);
  expect({ route, status: response.status }).toEqual({ route, status: 200 });
  return response.json();
}

/** Every evidence table of the plugin's database, without write times, in a stable order. */
async function evidenceOf(prefix: string): Promise<Record<string, string[]>> {
  return withDatabase(`${prefix}change-compliance`, async knex => {
    const evidence: Record<string, string[]> = {};
    for (const table of EVIDENCE_TABLES) {
      const rows: Record<string, unknown>[] = await knex(table).select();
      evidence[table] = rows
        .map(row =>
          JSON.stringify(
            Object.fromEntries(
              Object.entries(row)
                .filter(([column]) => !WRITE_TIME_COLUMNS.has(column))
                .sort(([a], [b]) => a.localeCompare(b)),
            ),
          ),
        )
        .sort();
    }
    return evidence;
  });
}

async function dropDatabases(prefixes: string[]): Promise<void> {
  await withDatabase('postgres', async knex => {
    const { rows } = await knex.raw('SELECT datname FROM pg_database');
    for (const { datname } of rows as Array<{ datname: string }>) {
      if (prefixes.some(prefix => datname.startsWith(prefix))) {
        await knex.raw('DROP DATABASE ?? WITH (FORCE)', [datname]);
      }
    }
  });
}

async function withDatabase<T>(
  database: string,
  use: (knex: Knex) => Promise<T>,
): Promise<T> {
  const knex = knexFactory({
    client: 'pg',
    connection: `${POSTGRES}/${database}`,
  });
  try {
    return await use(knex);
  } finally {
    await knex.destroy();
  }
}
