/*
 * Starts the simulator: `yarn workspace @internal/upstream-simulator start [options]`
 *
 *   --port <n>          listen port (default 7100; 0 = any free port)
 *   --scenario <file>   serve a hand-written scenario (YAML) instead of the generated demo
 *   --seed <n>          generator seed (default 42)
 *   --now <time>        end of the generated history (default: today 00:00 UTC)
 *   --days <n>          length of the generated history (default 175)
 *   --examples <dir>    the demo catalog the generator reads (default: the repository's examples/)
 *   --expected <file>   also write the expected verdicts there (JSON)
 *
 * Prints one line `upstream simulator listening on <url>` when ready.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generateDemoOrganisation } from './generator';
import { parseScenario } from './scenario';
import { createSimulator, MOUNTS } from './server/app';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : undefined;
}

/** The repository's demo catalog; the simulator runs from source, never from a build. */
const DEMO_EXAMPLES = path.resolve(process.cwd(), '../../examples');

function today(): string {
  const now = new Date();
  return new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()),
  ).toISOString();
}

async function main() {
  const scenario = option('scenario');
  const organisation = scenario
    ? parseScenario(fs.readFileSync(path.resolve(scenario), 'utf8'))
    : generateDemoOrganisation({
        examplesDirectory: path.resolve(option('examples') ?? DEMO_EXAMPLES),
        seed: Number(option('seed') ?? 42),
        now: option('now') ?? today(),
        days: option('days') ? Number(option('days')) : undefined,
      });
  const expected = option('expected');
  if (expected)
    fs.writeFileSync(expected, JSON.stringify(organisation.expected, null, 2));

  const simulator = createSimulator({ organisation });
  const url = await simulator.listen(Number(option('port') ?? 7100));
  const deployments = organisation.repositories.reduce(
    (n, r) => n + r.deployments.length,
    0,
  );
  console.log(
    `upstream simulator listening on ${url} (GitHub ${url}${MOUNTS.githubRest}, Jira ${url}${MOUNTS.jira}, ServiceNow ${url}${MOUNTS.serviceNow}): ` +
      `${organisation.repositories.length} repositories, ${deployments} deployments, ${organisation.jira.issues.length} Jira issues`,
  );
  const stop = () => {
    simulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
