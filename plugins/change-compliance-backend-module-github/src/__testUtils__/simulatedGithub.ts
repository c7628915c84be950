import { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import fs from 'node:fs';
import path from 'node:path';
import {
  DEMO_CREDENTIALS,
  MOUNTS,
  Organisation,
  parseScenario,
} from '@internal/upstream-simulator';
import { Knex } from 'knex';
import { RequestPolicyOptions } from '../client/requestPolicy';
import { GithubClients } from '../GithubClients';
import { GithubEvidenceProvider } from '../GithubEvidenceProvider';

/** Logs nowhere; usable outside Jest too (the killed-process test's child). */
const SILENT: LoggerService = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => SILENT,
};

/** A hand-written scenario of the simulator (`test/simulator/scenarios/<name>.yaml`). */
export function scenario(name: string): Organisation {
  return parseScenario(
    fs.readFileSync(
      path.resolve(
        __dirname,
        `../../../../test/simulator/scenarios/${name}.yaml`,
      ),
      'utf8',
    ),
  );
}

/** The portal's `integrations` config with the simulator as its one GitHub. */
export function integrationsFor(simulatorUrl: string) {
  return {
    github: [
      {
        host: new URL(simulatorUrl).host,
        apiBaseUrl: `${simulatorUrl}${MOUNTS.githubRest}`,
        token: DEMO_CREDENTIALS.githubToken,
      },
    ],
  };
}

/**
 * The module as a portal would configure it, pointed at a running upstream simulator: its GitHub
 * as the one `integrations.github` entry, a 180-day window, and a clock stopped at `now`. Retries
 * wait a few milliseconds instead of seconds, so that fault tests stay quick.
 */
export function providerForSimulator(
  simulatorUrl: string,
  now: string,
  requestPolicy: Partial<RequestPolicyOptions> = {},
): GithubEvidenceProvider {
  const host = new URL(simulatorUrl).host;
  return new GithubEvidenceProvider({
    clients: GithubClients.fromConfig(
      new ConfigReader({ integrations: integrationsFor(simulatorUrl) }),
      { requestPolicy: { baseDelayMs: 5, ...requestPolicy } },
    ),
    host,
    windowDays: 180,
    logger: SILENT,
    now: () => new Date(now),
  });
}

/** The tables a GitHub sync writes. */
export const GITHUB_EVIDENCE_TABLES = [
  'services',
  'repositories',
  'branch_heads',
  'commits',
  'commit_pull_requests',
  'pull_requests',
  'reviews',
  'deployments',
  'branch_protection_snapshots',
];

/**
 * What a sync stored, table by table, as sorted rows: two syncs stored the same evidence when
 * these are equal. When a row was written is not evidence, so `updated_at` is left out.
 */
export async function storedEvidence(
  knex: Knex,
): Promise<Record<string, string[]>> {
  return Object.fromEntries(
    await Promise.all(
      GITHUB_EVIDENCE_TABLES.map(async table => [
        table,
        (await knex(table).select())
          .map(({ updated_at: _written, ...row }) => JSON.stringify(row))
          .sort(),
      ]),
    ),
  );
}
