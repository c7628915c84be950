import {
  createSimulator,
  DEMO_CREDENTIALS,
  MOUNTS,
  Simulator,
} from '@internal/upstream-simulator';
import { Octokit } from '@octokit/rest';
import { applyRequestPolicy, RateLimitExhaustedError } from './requestPolicy';
import { scenario } from '../__testUtils__/simulatedGithub';

const organisation = scenario('three-cases');
const repo = { owner: 'northwind', repo: 'payments-api' };

describe('the request policy against the simulated GitHub', () => {
  let simulator: Simulator;
  let waits: number[];

  const client = (
    options: { reserve?: number; retries?: number; timeoutMs?: number } = {},
  ) =>
    applyRequestPolicy(
      new Octokit({
        baseUrl: `${simulator.baseUrl()}${MOUNTS.githubRest}`,
        auth: DEMO_CREDENTIALS.githubToken,
      }),
      undefined,
      {
        reserve: 0,
        baseDelayMs: 100,
        random: () => 0.5,
        sleep: async ms => {
          waits.push(ms);
        },
        ...options,
      },
    );

  beforeEach(async () => {
    simulator = createSimulator({ organisation, githubRateLimit: 10 });
    await simulator.listen();
    waits = [];
  });

  afterEach(() => simulator.close());

  it('retries server errors with growing, jittered waits and then answers', async () => {
    simulator.faults.set([{ kind: 'status-502', times: 3 }]);
    const { data } = await client().rest.repos.get(repo);
    expect(data.full_name).toBe('northwind/payments-api');
    // Up to 100, 200, 400 ms; the jitter (here 0.5) picks within each.
    expect(waits).toEqual([50, 100, 200]);
  });

  it('gives up on a server error after its retries', async () => {
    simulator.faults.set([{ kind: 'status-503', times: 10 }]);
    await expect(
      client({ retries: 2 }).rest.repos.get(repo),
    ).rejects.toMatchObject({
      status: 503,
    });
    expect(waits).toHaveLength(2);
  });

  it('gives up on an attempt GitHub never answers, and asks again', async () => {
    // The token's own hook, registered before this policy's, must not drop the attempt's limit.
    simulator.faults.set([{ kind: 'timeout', times: 1 }]);
    const started = Date.now();
    const { data } = await client({ timeoutMs: 300 }).rest.repos.get(repo);
    expect(data.full_name).toBe('northwind/payments-api');
    expect(waits).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('does not retry what a retry cannot fix', async () => {
    await expect(
      client().rest.repos.get({ owner: 'northwind', repo: 'nowhere' }),
    ).rejects.toMatchObject({ status: 404 });
    simulator.faults.set([{ kind: 'expired-token', times: 1 }]);
    await expect(client().rest.repos.get(repo)).rejects.toMatchObject({
      status: 401,
    });
    expect(waits).toEqual([]);
  });

  it('stops at the primary rate limit instead of asking again', async () => {
    const octokit = client();
    for (let i = 0; i < 10; i++) await octokit.rest.repos.get(repo);
    await expect(octokit.rest.repos.get(repo)).rejects.toBeInstanceOf(
      RateLimitExhaustedError,
    );
    expect(waits).toEqual([]);
  });

  it('leaves the reserve of the budget to the portal’s other plugins, without asking GitHub', async () => {
    const octokit = client({ reserve: 4 });
    // 10 in the budget: after the 7th answer 3 are left, below the reserve of 4.
    for (let i = 0; i < 7; i++) await octokit.rest.repos.get(repo);
    simulator.requestLog.reset();
    await expect(octokit.rest.repos.get(repo)).rejects.toBeInstanceOf(
      RateLimitExhaustedError,
    );
    expect(simulator.requestLog.total()).toBe(0);
  });
});
