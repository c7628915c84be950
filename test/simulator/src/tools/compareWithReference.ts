/*
 * Compares the simulator's payloads with recorded real ones: for each recorded GitHub or Jira
 * payload, the simulator serves the same kind of resource from a small organisation, and the two
 * JSON shapes are compared field by field (key paths; arrays by their first element). Prints what
 * the recording has that the simulator does not ("missing") and what the simulator adds. A tool to
 * run by hand, from test/simulator, when the simulator's shapes change, not a test: the
 * recordings are not part of the project. The organisation is scenarios/three-cases.yaml.
 *
 *   yarn workspace @internal/upstream-simulator node -r sucrase/register/ts \
 *     src/tools/compareWithReference.ts <folder of recorded payloads>
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseScenario } from '../scenario';
import { createSimulator, MOUNTS } from '../server/app';
import { DEMO_CREDENTIALS } from '../server/credentials';
import { SimulatorContext } from '../server/context';
import {
  deploymentStatusCreatedEvent,
  pullRequestClosedEvent,
  pullRequestReviewEvent,
} from '../server/github/webhooks';

/** Every key path of a JSON value; arrays contribute their first element as `[]`. */
function keyPaths(value: unknown, prefix = ''): Set<string> {
  const out = new Set<string>();
  if (Array.isArray(value)) {
    if (value.length > 0) {
      for (const p of keyPaths(value[0], `${prefix}[]`)) out.add(p);
    }
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const here = prefix ? `${prefix}.${key}` : key;
      out.add(here);
      for (const p of keyPaths(child, here)) out.add(p);
    }
  }
  return out;
}

function compare(name: string, recorded: unknown, simulated: unknown) {
  const real = keyPaths(recorded);
  const ours = keyPaths(simulated);
  const missing = [...real].filter(p => !ours.has(p));
  const added = [...ours].filter(p => !real.has(p));
  const covered = real.size - missing.length;
  console.log(
    `\n${name}: ${covered}/${real.size} recorded fields served (${Math.round(
      (100 * covered) / Math.max(1, real.size),
    )} %)`,
  );
  if (missing.length)
    console.log(`  missing: ${missing.slice(0, 40).join(', ')}`);
  if (added.length) console.log(`  added:   ${added.slice(0, 20).join(', ')}`);
}

async function main() {
  const folder = process.argv[2];
  if (!folder) throw new Error('usage: compareWithReference.ts <folder>');
  const read = (file: string) =>
    JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'));

  const organisation = parseScenario(
    fs.readFileSync(path.resolve('scenarios/three-cases.yaml'), 'utf8'),
  );
  const simulator = createSimulator({ organisation });
  const base = await simulator.listen();
  const context: SimulatorContext = {
    organisation: () => organisation,
    baseUrl: () => base,
    pageShift: () => 0,
  };
  const github = async (route: string) =>
    (
      await fetch(`${base}${MOUNTS.githubRest}${route}`, {
        headers: { authorization: `token ${DEMO_CREDENTIALS.githubToken}` },
      })
    ).json();
  const jiraAuth = `Basic ${Buffer.from(
    `${DEMO_CREDENTIALS.jira.email}:${DEMO_CREDENTIALS.jira.apiToken}`,
  ).toString('base64')}`;
  const jira = async (route: string) =>
    (
      await fetch(`${base}${MOUNTS.jira}${route}`, {
        headers: { authorization: jiraAuth },
      })
    ).json();

  try {
    const repo = '/repos/northwind/payments-api';
    const [repository] = organisation.repositories;
    const pr = repository.pullRequests[0];
    const deployment = repository.deployments[0];
    compare(
      'GET pull',
      read('github-rest/pull-671.github3py.json'),
      await github(`${repo}/pulls/1`),
    );
    compare(
      'GET pull reviews',
      read('github-rest/pull-671-reviews-list.github3py.json'),
      await github(`${repo}/pulls/1/reviews`),
    );
    compare(
      'GET pulls',
      read('github-rest/pulls-list-open.github3py.json'),
      await github(`${repo}/pulls?state=all`),
    );
    compare(
      'GET commit',
      read('github-rest/commit-6b12e37.github3py.json'),
      await github(`${repo}/commits/${pr.mergeCommitSha}`),
    );
    compare(
      'GET commit pulls',
      read('github-rest/commit-6b12e37-pulls.github3py.json'),
      await github(`${repo}/commits/${pr.mergeCommitSha}/pulls`),
    );
    compare(
      'GET deployments',
      read('github-rest/deployments-list.github3py.json'),
      await github(`${repo}/deployments`),
    );
    compare(
      'GET deployment statuses',
      read('github-rest/deployment-801-statuses.github3py.json'),
      await github(`${repo}/deployments/${deployment.id}/statuses`),
    );
    const protection = (
      read('github-rest/branch-protection.raw-fixture.json') as any[]
    ).find(
      i =>
        i.method === 'get' &&
        String(i.path).endsWith('/protection') &&
        i.status === 200,
    );
    if (protection) {
      compare(
        'GET branch protection',
        protection.response,
        await github(`${repo}/branches/main/protection`),
      );
    }
    compare(
      'webhook pull_request.closed',
      read('github-webhooks/pull_request.closed.json'),
      pullRequestClosedEvent(context, repository, pr).payload,
    );
    compare(
      'webhook pull_request_review.submitted',
      read('github-webhooks/pull_request_review.submitted.json'),
      pullRequestReviewEvent(
        context,
        repository,
        pr,
        pr.reviews[0],
        'submitted',
      ).payload,
    );
    compare(
      'webhook deployment_status.created',
      read('github-webhooks/deployment_status.created.success.json'),
      deploymentStatusCreatedEvent(
        context,
        repository,
        deployment,
        deployment.statuses[1],
      ).payload,
    );
    compare(
      'Jira issue with changelog (v2)',
      read('jira/issue-HST-1.with-changelog.jrjc.json'),
      await jira('/rest/api/2/issue/PAY-101?expand=changelog,names'),
    );
    compare(
      'Jira issue, all expanded (v2)',
      read('jira/issue-TST-8.all-expanded-with-resolution.jrjc.json'),
      await jira('/rest/api/2/issue/PAY-101?expand=changelog,names'),
    );
    compare(
      'Jira issue (v3, ADF)',
      read('jira/issue-v3-adf.jira-cli.json'),
      await jira('/rest/api/3/issue/PAY-101'),
    );
    compare(
      'Jira search',
      read('jira/search-many-issues.jrjc.json'),
      await jira('/rest/api/2/search?jql=project%20%3D%20PAY&expand=names'),
    );
  } finally {
    await simulator.close();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
