import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { sampleOrganisation } from '../../__testUtils__/sampleOrganisation';
import { SimulatorContext } from '../context';
import {
  branchProtectionRuleEditedEvent,
  deliverWebhook,
  deploymentCreatedEvent,
  deploymentReviewEvent,
  deploymentStatusCreatedEvent,
  pullRequestClosedEvent,
  pullRequestReviewEvent,
} from './webhooks';

const organisation = sampleOrganisation(12);
const repository = organisation.repositories[0];
const context: SimulatorContext = {
  organisation: () => organisation,
  baseUrl: () => 'http://localhost:7100',
  pageShift: () => 0,
};

describe('webhook payloads', () => {
  const pr = repository.pullRequests[6];
  const deployment = repository.deployments[6];

  it('pull_request closed carries the merge', () => {
    const { event, payload } = pullRequestClosedEvent(context, repository, pr);
    expect(event).toBe('pull_request');
    expect(payload).toMatchObject({
      action: 'closed',
      number: 7,
      pull_request: {
        number: 7,
        state: 'closed',
        merged: true,
        merge_commit_sha: pr.mergeCommitSha,
        merged_by: { login: 'alice' },
        head: { ref: 'feature/pay-7', sha: pr.headSha },
        base: { ref: 'main' },
        url: 'http://localhost:7100/api/v3/repos/northwind/payments-api/pulls/7',
      },
      repository: { full_name: 'northwind/payments-api' },
      sender: { login: 'alice' },
    });
  });

  it('pull_request_review spells the state in lower case, dismissed when dismissed', () => {
    const submitted = pullRequestReviewEvent(
      context,
      repository,
      pr,
      pr.reviews[0],
      'submitted',
    );
    expect(submitted.event).toBe('pull_request_review');
    expect(submitted.payload).toMatchObject({
      action: 'submitted',
      review: {
        id: 1007,
        state: 'approved',
        user: { login: 'bob' },
        commit_id: pr.headSha,
      },
      pull_request: { number: 7 },
      sender: { login: 'bob' },
    });
    const dismissed = pullRequestReviewEvent(
      context,
      repository,
      pr,
      pr.reviews[0],
      'dismissed',
    );
    expect(dismissed.payload).toMatchObject({
      action: 'dismissed',
      review: { state: 'dismissed' },
    });
  });

  it('deployment created and deployment_status created describe the deployment', () => {
    const created = deploymentCreatedEvent(context, repository, deployment);
    expect(created.event).toBe('deployment');
    expect(created.payload).toMatchObject({
      action: 'created',
      deployment: {
        id: deployment.id,
        sha: deployment.sha,
        environment: 'production',
        payload: { service: 'payments-api' },
        creator: { login: 'deploy-bot[bot]', type: 'Bot' },
      },
      sender: { login: 'deploy-bot[bot]' },
    });

    const status = deploymentStatusCreatedEvent(
      context,
      repository,
      deployment,
      deployment.statuses[1],
    );
    expect(status.event).toBe('deployment_status');
    expect(status.payload).toMatchObject({
      action: 'created',
      deployment_status: {
        state: 'success',
        environment: 'production',
        log_url: 'https://ci.example.com/runs/7',
        target_url: 'https://ci.example.com/runs/7',
      },
      deployment: { id: deployment.id },
    });
  });

  it('deployment_review names the reviewers when requested and the approver when approved', () => {
    const requested = deploymentReviewEvent(
      context,
      repository,
      deployment,
      'requested',
    );
    expect(requested.event).toBe('deployment_review');
    expect(requested.payload).toMatchObject({
      action: 'requested',
      environment: 'production',
      reviewers: [{ type: 'User', reviewer: { login: 'grace' } }],
      requestor: { login: 'deploy-bot[bot]' },
      workflow_run: {
        id: deployment.id,
        head_sha: deployment.sha,
        status: 'waiting',
      },
    });

    const approved = deploymentReviewEvent(
      context,
      repository,
      deployment,
      'approved',
      deployment.reviews[0],
    );
    expect(approved.payload).toMatchObject({
      action: 'approved',
      approver: { login: 'grace' },
      comment: 'CAB ok',
      workflow_job_runs: [{ environment: 'production' }],
      sender: { login: 'grace' },
    });
    expect(() =>
      deploymentReviewEvent(context, repository, deployment, 'rejected'),
    ).toThrow(/needs the review/);
  });

  it('branch_protection_rule edited reports the old value of what changed', () => {
    const protection = repository.protection[0];
    const { event, payload } = branchProtectionRuleEditedEvent(
      context,
      repository,
      {
        ...protection,
        requiredApprovingReviewCount: 2,
        allowForcePushes: true,
      },
      protection,
      'alice',
    );
    expect(event).toBe('branch_protection_rule');
    expect(payload.rule).toMatchObject({
      name: 'main',
      required_approving_review_count: 2,
      allow_force_pushes_enforcement_level: 'everyone',
      admin_enforced: true,
      required_status_checks: ['ci/build'],
    });
    expect(payload.changes).toEqual({
      required_approving_review_count: { from: 1 },
      allow_force_pushes_enforcement_level: { from: 'off' },
    });
  });
});

describe('deliverWebhook', () => {
  const secret = 'webhook-secret';
  let server: http.Server;
  let url: string;
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];

  /** A receiver that checks the signature as GitHub documents it: 204 if valid, 401 if not. */
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', chunk => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        received.push({ headers: req.headers, body: body.toString('utf8') });
        const expected = Buffer.from(
          `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
        );
        const signature = Buffer.from(
          String(req.headers['x-hub-signature-256'] ?? ''),
        );
        const valid =
          signature.length === expected.length &&
          timingSafeEqual(signature, expected);
        res.statusCode = valid ? 204 : 401;
        res.end();
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/hooks/github`;
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  beforeEach(() => {
    received.length = 0;
  });

  it('signs the exact body with the secret, so that the receiver accepts it', async () => {
    const delivery = pullRequestClosedEvent(
      context,
      repository,
      repository.pullRequests[0],
    );
    const status = await deliverWebhook({ url, secret, ...delivery });
    expect(status).toBe(204);
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request.headers['x-github-event']).toBe('pull_request');
    expect(request.headers['x-github-delivery']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(request.headers['user-agent']).toBe('GitHub-Hookshot/simulator');
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual(
      JSON.parse(JSON.stringify(delivery.payload)),
    );
  });

  it('is refused by a receiver holding another secret', async () => {
    const delivery = deploymentCreatedEvent(
      context,
      repository,
      repository.deployments[0],
    );
    expect(
      await deliverWebhook({ url, secret: 'another-secret', ...delivery }),
    ).toBe(401);
  });

  it('gives each delivery its own id, and uses the fetch it is given', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const fetchImpl = (async (target: string, init: RequestInit) => {
      calls.push({ url: target, init });
      return new Response(null, { status: 202 });
    }) as typeof fetch;
    const payload = { zen: 'Keep it logically awesome.' };
    expect(
      await deliverWebhook({ url, secret, event: 'ping', payload, fetchImpl }),
    ).toBe(202);
    expect(
      await deliverWebhook({ url, secret, event: 'ping', payload, fetchImpl }),
    ).toBe(202);
    const ids = calls.map(
      c => (c.init.headers as Record<string, string>)['x-github-delivery'],
    );
    expect(new Set(ids).size).toBe(2);
    expect(calls[0].init.body).toBe(JSON.stringify(payload));
    expect(received).toHaveLength(0);
  });
});
