import { mockServices } from '@backstage/backend-test-utils';
import { EventsServiceSubscribeOptions } from '@backstage/plugin-events-node';
import {
  decideWebhook,
  subscribeToGithubWebhooks,
  WEBHOOK_TOPICS,
} from './githubWebhooks';

const repository = { full_name: 'northwind/payments-api' };

describe('decideWebhook', () => {
  it.each([
    [
      'pull_request',
      { action: 'closed', pull_request: { merged: true }, repository },
    ],
    [
      'pull_request',
      { action: 'labeled', pull_request: { merged: true }, repository },
    ],
    [
      'pull_request_review',
      {
        action: 'submitted',
        pull_request: { merged_at: '2026-11-02T12:00:00Z' },
        repository,
      },
    ],
    ['deployment_status', { action: 'created', repository }],
    ['push', { ref: 'refs/heads/main', repository }],
    ['branch_protection_rule', { action: 'edited', repository }],
  ] as const)('syncs the repository on %s', (event, payload) => {
    expect(decideWebhook(event, payload)).toEqual({
      repository: 'northwind/payments-api',
    });
  });

  it.each([
    [
      'pull_request',
      { action: 'closed', pull_request: { merged: false }, repository },
      'its pull request is not merged',
    ],
    [
      'pull_request',
      { action: 'opened', pull_request: { merged: false }, repository },
      'its pull request is not merged',
    ],
    [
      'pull_request_review',
      { action: 'submitted', pull_request: { merged_at: null }, repository },
      'its pull request is not merged',
    ],
    ['push', { ref: 'refs/tags/v1.2.0', repository }, 'it moved no branch'],
    ['deployment_status', { action: 'created' }, 'it names no repository'],
  ] as const)('ignores a %s delivery when %j', (event, payload, reason) => {
    expect(decideWebhook(event, payload)).toEqual({ ignored: reason });
  });
});

describe('subscribeToGithubWebhooks', () => {
  it('subscribes to the GitHub module sub-topics and syncs without holding the delivery', async () => {
    let subscription: EventsServiceSubscribeOptions | undefined;
    const events = {
      publish: jest.fn(),
      subscribe: jest.fn(async (options: EventsServiceSubscribeOptions) => {
        subscription = options;
      }),
    };
    // A sync that never ends: the subscriber must return all the same.
    const syncRepository = jest.fn(() => new Promise<never>(() => {}));
    await subscribeToGithubWebhooks({
      events,
      provider: { syncRepository },
      logger: mockServices.logger.mock(),
    });

    expect(subscription?.topics).toEqual(WEBHOOK_TOPICS);
    expect(WEBHOOK_TOPICS).toEqual([
      'github.pull_request',
      'github.pull_request_review',
      'github.deployment_status',
      'github.push',
      'github.branch_protection_rule',
    ]);

    await subscription!.onEvent({
      topic: 'github.push',
      eventPayload: { ref: 'refs/heads/main', repository },
    });
    await subscription!.onEvent({
      topic: 'github.push',
      eventPayload: { ref: 'refs/tags/v1', repository },
    });
    expect(syncRepository.mock.calls).toEqual([['northwind/payments-api']]);
  });
});
