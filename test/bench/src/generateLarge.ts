/*
 * Generates the large organisation (default 2,000 services, 1,000,000 production deployments) with
 * the upstream simulator's generator, streaming: each service is generated, built (commits, PRs,
 * tickets, deployments) and its expected verdicts written as NDJSON before the next one starts.
 * Prints the counts, the time and the peak memory.
 *
 *   yarn workspace @internal/bench bench:generate-large
 *   yarn workspace @internal/bench bench:generate-large --services 2000 --deployments 1000000 --out /tmp/expected.ndjson
 */
import fs from 'node:fs';
import { generateLargeOrganisation } from '@internal/upstream-simulator/src/generator/large';
import { argument } from './arguments';

const services = Number(argument('services', '2000'));
const deployments = Number(argument('deployments', '1000000'));
const out = argument('out', '/dev/null');

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

const started = Date.now();
const output = fs.openSync(out, 'w');
const totals = {
  services: 0,
  deployments: 0,
  pullRequests: 0,
  commits: 0,
  tickets: 0,
};
generateLargeOrganisation(
  { seed: 42, now: '2026-11-20T00:00:00.000Z', services, deployments },
  organisation => {
    totals.services += 1;
    for (const repository of organisation.repositories) {
      totals.deployments += repository.deployments.length;
      totals.pullRequests += repository.pullRequests.length;
      totals.commits += repository.commits.length;
    }
    totals.tickets += organisation.jira.issues.length;
    fs.writeSync(
      output,
      `${organisation.expected.map(e => JSON.stringify(e)).join('\n')}\n`,
    );
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  },
);
fs.closeSync(output);
clearInterval(sampler);
const seconds = (Date.now() - started) / 1000;
console.log(
  JSON.stringify(
    {
      node: process.version,
      ...totals,
      seconds,
      deploymentsPerSecond: Math.round(totals.deployments / seconds),
      peakRssMiB: Math.round(peakRss / 1024 / 1024),
    },
    null,
    2,
  ),
);
