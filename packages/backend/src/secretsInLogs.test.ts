import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createSimulator,
  Simulator,
  SimulatorCredentials,
} from '@internal/upstream-simulator';
import { SourcesResponse } from '@change-compliance/plugin-change-compliance-common';
import {
  PortalBackend,
  recentDemoOrganisation,
  startPortalBackend,
  waitFor,
} from './__testUtils__/portalBackend';

jest.setTimeout(480_000);

/**
 * The portal's backend as `make start` runs it (packages/backend, app-config.yaml), with every
 * credential set to a value of its own, syncing from the upstream simulator while the simulator
 * injects faults (expired tokens, 5xx, malformed and cut-off bodies) and a forged webhook arrives.
 * Afterwards, no configured secret, nor its Basic-auth encoding, may appear in anything the
 * backend logged (at debug level) or in any answer of the Change Compliance API.
 */
describe('secrets in a full run of the portal backend', () => {
  const credentials: SimulatorCredentials = {
    githubToken: `ghs_${randomText(36)}`,
    jira: { email: 'portal@northwind.example', apiToken: randomText(24) },
    serviceNow: { username: 'portal', password: randomText(20) },
  };
  const webhookSecret = randomText(32);
  const backendSecret = randomText(32);
  const secrets: Record<string, string> = {
    'GitHub token': credentials.githubToken,
    'Jira API token': credentials.jira.apiToken,
    'Jira Basic credentials': base64(
      `${credentials.jira.email}:${credentials.jira.apiToken}`,
    ),
    'ServiceNow password': credentials.serviceNow.password,
    'ServiceNow Basic credentials': base64(
      `${credentials.serviceNow.username}:${credentials.serviceNow.password}`,
    ),
    'webhook secret': webhookSecret,
    'backend signing secret': backendSecret,
  };

  let simulator: Simulator;
  let backend: PortalBackend | undefined;
  let directory: string;

  beforeAll(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-secrets-'));
    simulator = createSimulator({
      organisation: recentDemoOrganisation(),
      credentials,
      faults: [
        { path: '/api/v3', kind: 'expired-token', times: 2 },
        { path: '/api/v3', kind: 'status-502', rate: 0.1 },
        { path: '/jira', kind: 'expired-token', times: 1 },
        { path: '/jira', kind: 'malformed', times: 1 },
        { path: '/servicenow', kind: 'truncated', times: 1 },
        { path: '/servicenow', kind: 'status-503', times: 1 },
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop('SIGKILL');
    await simulator.close();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('never logs a configured secret, nor answers with one', async () => {
    const upstream = await simulator.listen(0, '127.0.0.1');
    const schedule = {
      frequency: { minutes: 30 },
      timeout: { minutes: 5 },
      initialDelay: { seconds: 10 },
    };
    backend = await startPortalBackend({
      directory,
      env: { LOG_LEVEL: 'debug', GITHUB_WEBHOOK_SECRET: webhookSecret },
      config: {
        backend: {
          auth: { keys: [{ secret: backendSecret }] },
          database: {
            client: 'better-sqlite3',
            connection: { directory: path.join(directory, 'sqlite') },
          },
        },
        integrations: {
          github: [
            {
              host: new URL(upstream).host,
              apiBaseUrl: `${upstream}/api/v3`,
              token: credentials.githubToken,
            },
          ],
        },
        changeCompliance: {
          // GitHub keeps its default first run (40 s in), after the catalog has read the demo
          // services: before that it would know no repository.
          github: { host: new URL(upstream).host },
          jira: {
            baseUrl: `${upstream}/jira`,
            apiToken: credentials.jira.apiToken,
            schedule,
          },
          servicenow: {
            instanceUrl: `${upstream}/servicenow`,
            auth: { password: credentials.serviceNow.password },
            schedule,
          },
        },
      },
    });
    const portal = backend;

    // A webhook signed with the wrong secret: refused, and the refusal logged.
    const forged = await fetch(`${portal.baseUrl}/api/events/http/github`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'push',
        'x-github-delivery': crypto.randomUUID(),
        'x-hub-signature-256': `sha256=${crypto
          .createHmac('sha256', 'not-the-secret')
          .update('{}')
          .digest('hex')}`,
      },
      body: '{}',
    });
    expect(forged.status).toBe(403);

    // Every provider has synced once, GitHub over all the demo's repositories (failures included:
    // the faults make some).
    let sources = '';
    await waitFor(
      async () => {
        sources = await (await portal.api('/sources')).text();
        const status = JSON.parse(sources) as SourcesResponse;
        const githubRound = status.rounds.find(r => r.provider === 'github');
        const attempted = new Set(
          status.sources
            .filter(s => s.lastSucceededAt || s.lastFailedAt)
            .map(s => s.provider),
        );
        return (
          Boolean(githubRound?.finishedAt) &&
          githubRound!.total > 1 &&
          ['jira', 'servicenow'].every(p => attempted.has(p))
        );
      },
      'every provider to finish a sync round',
      () => `/sources: ${sources}\nlog tail:\n${portal.output().slice(-3000)}`,
    );

    const faultsMet = simulator.faults.hits();
    const answers: string[] = [];
    const answer = async (route: string) => {
      const response = await portal.api(route);
      const text = await response.text();
      answers.push(`${route} ${response.status} ${text}`);
      return text;
    };
    for (const route of [
      '/health',
      '/policy',
      '/sources',
      '/entities/component/default/payments-api/summary',
      '/entities/component/default/payments-api/repository',
      '/groups/default/payments-team/summary',
    ]) {
      await answer(route);
    }
    const { items } = JSON.parse(
      await answer('/entities/component/default/payments-api/deployments'),
    ) as { items: Array<{ id: string }> };
    expect(items.length).toBeGreaterThan(0);
    const [source, externalId] = items[0].id.split('/');
    await answer(`/deployments/${source}/${encodeURIComponent(externalId)}`);
    await answer(
      `/deployments/${source}/${encodeURIComponent(externalId)}/trace`,
    );
    await portal.stop();
    const output = portal.output();

    // The run did what it is meant to show: it logged at debug level, met the faults, and the
    // sources status names the errors it met.
    expect(output).toMatch(/debug/i);
    expect(faultsMet.reduce((n, rule) => n + rule.hits, 0)).toBeGreaterThan(3);
    expect(answers.join('\n')).toMatch(/"lastError": ?"[^"]+"/);

    const leaks = Object.entries(secrets).flatMap(([name, secret]) => [
      ...(output.includes(secret) ? [`${name} in the backend's logs`] : []),
      ...answers
        .filter(text => text.includes(secret))
        .map(text => `${name} in the answer of ${text.slice(0, 60)}`),
    ]);
    expect(leaks).toEqual([]);
  });
});

function randomText(length: number): string {
  return crypto.randomBytes(length).toString('base64url').slice(0, length);
}

function base64(text: string): string {
  return Buffer.from(text).toString('base64');
}
