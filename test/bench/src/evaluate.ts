/*
 * Store and evaluation benchmark: loads a synthetic organisation's evidence (by default 100,000
 * production deployments across 20 services, each shipping one reviewed, ticketed, approved PR)
 * into SQLite or PostgreSQL through the real store, then evaluates every deployment with the real
 * engine. Prints rows/s for the load, deployments/s for the evaluation and the peak memory.
 *
 *   yarn workspace @internal/bench bench:evaluate --db sqlite
 *   yarn workspace @internal/bench bench:evaluate --db postgres --deployments 100000
 *
 * PostgreSQL: BENCH_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432); a scratch database
 * is created and dropped. Results go to docs/benchmarks.md by hand, with the command.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import { KnexEvidenceStore } from '@change-compliance/plugin-change-compliance-backend/src/database/KnexEvidenceStore';
import { DeploymentRecord } from '@change-compliance/plugin-change-compliance-backend/src/database/records';
import {
  ApprovalEvidence,
  CommitEvidence,
  PullRequestEvidence,
  TicketEvidence,
} from '@change-compliance/plugin-change-compliance-backend/src/engine/evidence';
import { evaluateService } from '@change-compliance/plugin-change-compliance-backend/src/evaluation/ServiceEvaluator';
import { DEFAULT_POLICY } from '@change-compliance/plugin-change-compliance-backend/src/policy/ChangePolicy';

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : fallback;
}

const db = argument('db', 'sqlite');
const totalDeployments = Number(argument('deployments', '100000'));
const serviceCount = Number(argument('services', '20'));
const perService = Math.ceil(totalDeployments / serviceCount);

/** A deterministic pseudo-random sequence (mulberry32), so every run loads the same data. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sha = (prefix: string, n: number) =>
  `${prefix}${n.toString(16).padStart(39 - prefix.length, '0')}`
    .padEnd(40, '0')
    .slice(0, 40);

const policy = {
  ...DEFAULT_POLICY,
  ticketProjects: Array.from({ length: serviceCount }, (_, i) => ({
    system: 'jira',
    key: `S${i}`,
  })),
  ticketFieldMapping: {
    jira: {
      description: 'description',
      requester: 'reporter',
      justification: 'justification',
      implementationPlan: 'plan',
      rollbackPlan: 'rollback',
    },
  },
  approverGroups: ['group:default/cab'],
};

interface ServiceData {
  repository: string;
  entityRef: string;
  commits: CommitEvidence[];
  pullRequests: PullRequestEvidence[];
  associations: Record<string, number>;
  tickets: TicketEvidence[];
  approvals: ApprovalEvidence[];
  deployments: DeploymentRecord[];
  head: string;
}

function generateService(s: number): ServiceData {
  const next = random(1000 + s);
  const repository = `bench/service-${s}`;
  const entityRef = `component:default/service-${s}`;
  const start = Date.UTC(2026, 5, 1);
  const author = {
    login: `dev-${s}-a`,
    type: 'User' as const,
    groups: [`group:default/team-${s}`],
  };
  const reviewer = {
    login: `dev-${s}-b`,
    type: 'User' as const,
    groups: [`group:default/team-${s}`],
  };
  const approver = {
    login: 'cab-member',
    type: 'User' as const,
    groups: ['group:default/cab'],
  };
  const root = sha(`${s.toString(16)}f`, 0);
  const commits: CommitEvidence[] = [
    {
      sha: root,
      parents: [],
      author,
      coAuthors: [],
      message: 'init',
      committedAt: new Date(start - 86400000).toISOString(),
    },
  ];
  const data: ServiceData = {
    repository,
    entityRef,
    commits,
    pullRequests: [],
    associations: {},
    tickets: [],
    approvals: [],
    deployments: [],
    head: root,
  };
  let previous = root;
  for (let k = 1; k <= perService; k++) {
    const t = start + k * 40 * 60 * 1000; // a deployment every 40 minutes
    const key = `S${s}-${k}`;
    const head = sha(`${s.toString(16)}a`, k);
    const merge = sha(`${s.toString(16)}b`, k);
    const headCommit: CommitEvidence = {
      sha: head,
      parents: [previous],
      author,
      coAuthors: [],
      message: `${key} change ${k}`,
      committedAt: new Date(t - 3600000).toISOString(),
    };
    commits.push(headCommit, {
      sha: merge,
      parents: [previous, head],
      author,
      coAuthors: [],
      message: `Merge pull request #${k}`,
      committedAt: new Date(t - 1800000).toISOString(),
    });
    const selfApproved = next() < 0.05;
    data.pullRequests.push({
      repository,
      number: k,
      title: `${key} change ${k}`,
      body: 'Details in the ticket.',
      headBranch: `feature/${key.toLowerCase()}`,
      baseBranch: 'main',
      author,
      headSha: head,
      mergeCommitSha: merge,
      mergedAt: new Date(t - 1800000).toISOString(),
      mergedBy: author,
      mergedWithAdminOverride: next() < 0.01,
      labels: [],
      commits: [headCommit],
      reviews: [
        {
          id: `${k}`,
          reviewer: selfApproved ? author : reviewer,
          state: 'APPROVED',
          commitId: next() < 0.03 ? previous : head,
          submittedAt: new Date(t - 2400000).toISOString(),
          dismissed: false,
        },
      ],
      changedFiles: [`src/module-${k % 50}.ts`],
    });
    data.associations[merge] = k;
    data.tickets.push({
      system: 'jira',
      key,
      type: 'Story',
      priority: 'Medium',
      statusHistory: [],
      fields: {
        description: 'Change',
        reporter: 'Product',
        justification: 'Customer need',
        plan: 'Deploy',
        rollback: next() < 0.05 ? 'TBD' : 'Revert',
      },
      links: [`${repository}#${k}`],
    });
    data.approvals.push({
      id: key,
      source: 'jira-transition',
      approver,
      approvedAt: new Date(
        t - (next() < 0.04 ? -600000 : 3000000),
      ).toISOString(),
      state: 'approved',
      scope: { ticketKey: key },
    });
    data.deployments.push({
      source: 'bench',
      externalId: `${s}-${k}`,
      serviceRef: entityRef,
      environment: 'production',
      commitSha: merge,
      deployedAt: new Date(t).toISOString(),
      ref: 'main',
      status: 'success',
      ticketKeys: [],
    });
    previous = merge;
  }
  data.head = previous;
  return data;
}

async function openDatabase(): Promise<{
  knex: Knex;
  close: () => Promise<void>;
}> {
  if (db === 'sqlite') {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-bench-'));
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(directory, 'bench.sqlite') },
      useNullAsDefault: true,
    });
    return {
      knex,
      close: async () => {
        await knex.destroy();
        fs.rmSync(directory, { recursive: true, force: true });
      },
    };
  }
  const url =
    process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';
  const name = `cc_bench_${process.pid}`;
  const admin = knexFactory({ client: 'pg', connection: `${url}/postgres` });
  await admin.raw(`CREATE DATABASE ${name}`);
  const knex = knexFactory({
    client: 'pg',
    connection: `${url}/${name}`,
    pool: { min: 1, max: 10 },
  });
  return {
    knex,
    close: async () => {
      await knex.destroy();
      await admin.raw(`DROP DATABASE ${name}`);
      await admin.destroy();
    },
  };
}

async function main() {
  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const { knex, close } = await openDatabase();
  try {
    const store = await KnexEvidenceStore.create({
      database: { getClient: async () => knex, migrations: { skip: false } },
    });

    let rows = 0;
    const loadStarted = Date.now();
    for (let s = 0; s < serviceCount; s++) {
      const data = generateService(s);
      await store.upsertRepositories([
        { slug: data.repository, host: 'github.com', defaultBranch: 'main' },
      ]);
      await store.upsertBranchHeads(data.repository, { main: data.head });
      await store.recordBranchProtection({
        repository: data.repository,
        branch: 'main',
        observedAt: '2026-01-01T00:00:00.000Z',
        protected: true,
        settings: {},
      });
      await store.upsertCommits(data.repository, data.commits);
      await store.upsertCommitAssociations(data.repository, data.associations);
      await store.upsertPullRequests(data.pullRequests);
      await store.upsertTickets(data.tickets);
      await store.upsertApprovals(data.approvals);
      await store.upsertDeployments(data.deployments);
      rows +=
        data.commits.length +
        2 * data.pullRequests.length +
        Object.keys(data.associations).length +
        data.tickets.length +
        data.approvals.length +
        data.deployments.length;
    }
    const loadSeconds = (Date.now() - loadStarted) / 1000;

    const evaluationStarted = Date.now();
    let evaluated = 0;
    const verdicts: Record<string, number> = {};
    for (let s = 0; s < serviceCount; s++) {
      const run = await evaluateService({
        store,
        policy,
        service: {
          entityRef: `component:default/service-${s}`,
          repository: `bench/service-${s}`,
          owningGroups: [`group:default/team-${s}`],
          ticketSystems: ['jira'],
        },
        windowStart: '2026-01-01T00:00:00.000Z',
        evaluatedAt: '2026-12-31T00:00:00.000Z',
        cause: 'benchmark',
      });
      evaluated += run.evaluated;
      for (const change of run.changes)
        verdicts[change.verdict] = (verdicts[change.verdict] ?? 0) + 1;
    }
    const evaluationSeconds = (Date.now() - evaluationStarted) / 1000;

    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const result = {
      db,
      node: process.version,
      deployments: evaluated,
      rowsLoaded: rows,
      loadSeconds,
      loadRowsPerSecond: Math.round(rows / loadSeconds),
      evaluationSeconds,
      evaluatedDeploymentsPerSecond: Math.round(evaluated / evaluationSeconds),
      peakRssMiB: Math.round(peakRss / 1024 / 1024),
      verdicts,
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    clearInterval(sampler);
    await close();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
