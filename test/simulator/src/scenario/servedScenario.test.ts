import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { Octokit } from '@octokit/rest';
import { Version2Client } from 'jira.js';
import { parseScenario } from '../scenario';
import { createSimulator, MOUNTS, Simulator } from '../server/app';
import { DEMO_CREDENTIALS } from '../server/credentials';

/** The three hand-written cases, served over every API the simulator covers. */
describe('a scenario served by the simulator', () => {
  let simulator: Simulator;
  let base: string;
  let github: Octokit;
  let jira: Version2Client;

  beforeAll(async () => {
    const source = fs.readFileSync(
      path.resolve(__dirname, '../../scenarios/three-cases.yaml'),
      'utf8',
    );
    simulator = createSimulator({ organisation: parseScenario(source) });
    base = await simulator.listen();
    github = new Octokit({
      baseUrl: `${base}${MOUNTS.githubRest}`,
      auth: DEMO_CREDENTIALS.githubToken,
    });
    jira = new Version2Client({
      host: `${base}${MOUNTS.jira}`,
      authentication: { basic: DEMO_CREDENTIALS.jira },
    });
  });

  afterAll(() => simulator.close());

  const repo = { owner: 'northwind', repo: 'payments-api' };

  it('serves the PRs, reviews and commits on GitHub', async () => {
    const pulls = await github.paginate(github.pulls.list, {
      ...repo,
      state: 'all',
    });
    expect(pulls.map(p => [p.number, p.user?.login]).sort()).toEqual([
      [1, 'alice-nakamura'],
      [2, 'alice-nakamura'],
      [3, 'bob-okafor'],
    ]);
    const reviews = await github.paginate(github.pulls.listReviews, {
      ...repo,
      pull_number: 2,
    });
    expect(reviews.map(r => [r.user?.login, r.state])).toEqual([
      ['bob-okafor', 'APPROVED'],
    ]);
    const commits = await github.paginate(github.pulls.listCommits, {
      ...repo,
      pull_number: 2,
    });
    expect(commits.map(c => c.author?.login)).toEqual([
      'alice-nakamura',
      'bob-okafor',
    ]);
    expect(reviews[0].commit_id).toBe(commits[1].sha);
  });

  it('serves the deployments, and maps each deployed commit to its PR', async () => {
    const deployments = await github.paginate(github.repos.listDeployments, {
      ...repo,
      environment: 'production',
    });
    expect(deployments).toHaveLength(3);
    for (const deployment of deployments) {
      const statuses = await github.repos.listDeploymentStatuses({
        ...repo,
        deployment_id: deployment.id,
      });
      expect(statuses.data[0].state).toBe('success');
      const { data: associated } =
        await github.repos.listPullRequestsAssociatedWithCommit({
          ...repo,
          commit_sha: deployment.sha,
        });
      expect(associated.map(p => p.number)).toEqual([deployment.id]);
    }
  });

  it('serves the tickets with their approval on Jira', async () => {
    const issue = await jira.issues.getIssue({
      issueIdOrKey: 'PAY-101',
      expand: 'changelog',
    });
    expect(issue.fields.customfield_10103).toBe(
      'Redeploy the previous release.',
    );
    const approval = issue.changelog?.histories?.find(h =>
      h.items?.some(i => i.toString === 'Approved'),
    );
    expect(approval?.author?.displayName).toBe('Grace Mensah');
    // As on Jira, a key that does not exist is an error unless the query is only validated
    // with warnings.
    const found = await jira.issueSearch.searchForIssuesUsingJql({
      jql: 'key in (PAY-101, PAY-102, PAY-103)',
      validateQuery: 'warn',
    });
    expect(found.issues?.map(i => i.key).sort()).toEqual([
      'PAY-101',
      'PAY-102',
    ]);
  });

  it('serves the change request and its approval on ServiceNow', async () => {
    const auth = `Basic ${Buffer.from(
      `${DEMO_CREDENTIALS.serviceNow.username}:${DEMO_CREDENTIALS.serviceNow.password}`,
    ).toString('base64')}`;
    const changes = await fetch(
      `${base}${MOUNTS.serviceNow}/api/now/table/change_request?sysparm_query=number=CHG0000101`,
      { headers: { authorization: auth } },
    ).then(r => r.json());
    expect(changes.result).toHaveLength(1);
    const approvals = await fetch(
      `${base}${MOUNTS.serviceNow}/api/now/table/sysapproval_approver?sysparm_query=sysapproval=${changes.result[0].sys_id}&sysparm_display_value=true`,
      { headers: { authorization: auth } },
    ).then(r => r.json());
    expect(approvals.result.map((a: any) => [a.approver, a.state])).toEqual([
      ['Grace Mensah', 'Approved'],
    ]);
  });

  it('tells what the product must conclude', async () => {
    const expected = await fetch(`${base}${MOUNTS.admin}/expected`).then(r =>
      r.json(),
    );
    expect(expected.map((e: any) => e.verdict)).toEqual([
      'compliant',
      'exception',
      'exception',
    ]);
  });

  it('delivers the history as signed webhooks', async () => {
    const secret = 'portal-webhook-secret';
    const received: string[] = [];
    const receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', chunk => (body += chunk));
      req.on('end', () => {
        const expectedSignature = `sha256=${crypto
          .createHmac('sha256', secret)
          .update(body)
          .digest('hex')}`;
        const valid = req.headers['x-hub-signature-256'] === expectedSignature;
        received.push(`${req.headers['x-github-event']}:${valid}`);
        res.writeHead(valid ? 204 : 401).end();
      });
    });
    await new Promise<void>(resolve =>
      receiver.listen(0, '127.0.0.1', resolve),
    );
    const { port } = receiver.address() as AddressInfo;
    try {
      const result = await fetch(`${base}${MOUNTS.admin}/webhooks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url: `http://127.0.0.1:${port}/`, secret }),
      }).then(r => r.json());
      // 3 reviews, 3 merges, 3 deployments with 2 statuses each.
      expect(result).toEqual({ delivered: 15, failed: [] });
      expect(received.every(r => r.endsWith(':true'))).toBe(true);
      expect(
        received.filter(r => r.startsWith('deployment_status')),
      ).toHaveLength(6);
    } finally {
      receiver.close();
    }
  });
});
