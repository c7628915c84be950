import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createSimulator,
  MOUNTS,
  Simulator,
} from '@internal/upstream-simulator';
import { SourcesResponse } from '@change-compliance/plugin-change-compliance-common';
import {
  mergeConfig,
  PortalBackend,
  recentDemoOrganisation,
  startPortalBackend,
  waitFor,
} from './__testUtils__/portalBackend';
import {
  randomText,
  randomUpstreamCredentials,
  secretValues,
  upstreamConfig,
} from './__testUtils__/upstreams';

jest.setTimeout(480_000);

/**
 * The portal's backend as `make start` runs it (packages/backend, app-config.yaml), with every
 * credential set to a value of its own, syncing from the upstream simulator while the simulator
 * injects faults (expired tokens, 5xx, malformed and cut-off bodies) and a forged webhook arrives.
 * Afterwards, no configured secret, nor its Basic-auth encoding, may appear in anything the
 * backend logged (at debug level) or in any answer of the Change Compliance API.
 */
describe('secrets in a full run of the portal backend', () => {
  const upstreamSecrets = randomUpstreamCredentials();
  const webhookSecret = randomText(32);
  const backendSecret = randomText(32);
  const secrets: Record<string, string> = {
    ...secretValues(upstreamSecrets),
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
      ...upstreamSecrets,
      faults: [
        { path: MOUNTS.githubRest, kind: 'expired-token', times: 2 },
        { path: MOUNTS.githubRest, kind: 'status-502', rate: 0.1 },
        { path: MOUNTS.jira, kind: 'expired-token', times: 1 },
        { path: MOUNTS.jira, kind: 'malformed', times: 1 },
        { path: MOUNTS.serviceNow, kind: 'truncated', times: 1 },
        { path: MOUNTS.serviceNow, kind: 'status-503', times: 1 },
        { path: MOUNTS.gitlab, kind: 'expired-token', times: 1 },
        { path: MOUNTS.gitlab, kind: 'malformed', times: 1 },
        { path: MOUNTS.argoCd, kind: 'status-503', times: 1 },
        { path: MOUNTS.kubernetes, kind: 'expired-token', times: 1 },
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
    const soonAgain = {
      frequency: { seconds: 20 },
      timeout: { minutes: 5 },
      initialDelay: { seconds: 40 },
    };
    backend = await startPortalBackend({
      directory,
      env: { LOG_LEVEL: 'debug', GITHUB_WEBHOOK_SECRET: webhookSecret },
      config: mergeConfig(upstreamConfig(upstream, upstreamSecrets), {
        backend: {
          auth: { keys: [{ secret: backendSecret }] },
          database: {
            client: 'better-sqlite3',
            connection: { directory: path.join(directory, 'sqlite') },
          },
        },
        // GitHub and the cluster keep their default first runs (40 s in or later), after the
        // catalog has read the demo services: before that they would know none. GitLab and Argo
        // CD start as late and run again soon, for their first round meets the faults.
        changeCompliance: {
          jira: { schedule },
          servicenow: { schedule },
          gitlab: { schedule: soonAgain },
          argocd: { schedule: soonAgain },
        },
      }),
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
    // the faults make some), and a service of each source control and deployment source has its
    // deployments stored, so that their evidence is in the answers below.
    const deployedServices = {
      github: 'payments-api',
      gitlab: 'settlement-service',
      argocd: 'help-centre',
    };
    const deploymentsOf = async (service: string) =>
      (
        (await (
          await portal.api(`/entities/component/default/${service}/deployments`)
        ).json()) as { items: Array<{ id: string }> }
      ).items;
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
        if (
          !githubRound?.finishedAt ||
          githubRound.total <= 1 ||
          !['jira', 'servicenow', 'gitlab', 'argocd'].every(p =>
            attempted.has(p),
          )
        ) {
          return false;
        }
        for (const service of Object.values(deployedServices)) {
          if ((await deploymentsOf(service)).length === 0) return false;
        }
        return true;
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
      '/groups/default/payments-team/summary',
    ]) {
      await answer(route);
    }
    for (const [expectedSource, service] of Object.entries(deployedServices)) {
      const entity = `/entities/component/default/${service}`;
      await answer(`${entity}/summary`);
      await answer(`${entity}/repository`);
      const { items } = JSON.parse(await answer(`${entity}/deployments`)) as {
        items: Array<{ id: string }>;
      };
      const [source, externalId] = splitDeploymentId(items[0].id);
      // `argocd:prod`: the instance is part of an Argo CD deployment's source.
      expect(source.split(':')[0]).toBe(expectedSource);
      const deployment = `/deployments/${encodeURIComponent(
        source,
      )}/${encodeURIComponent(externalId)}`;
      await answer(deployment);
      await answer(`${deployment}/trace`);
    }
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

/** `github/123` or `argocd:prod/help-centre/4`: the source, then the rest. */
function splitDeploymentId(id: string): [string, string] {
  const slash = id.indexOf('/');
  return [id.slice(0, slash), id.slice(slash + 1)];
}
