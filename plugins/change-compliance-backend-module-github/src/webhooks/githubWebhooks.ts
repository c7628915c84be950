import { LoggerService } from '@backstage/backend-plugin-api';
import { EventParams, EventsService } from '@backstage/plugin-events-node';
import { SyncSummary } from '../GithubEvidenceProvider';

/** The GitHub webhook events after which a repository's evidence may have changed. */
export const WEBHOOK_EVENTS = [
  'pull_request',
  'pull_request_review',
  'deployment_status',
  'push',
  'branch_protection_rule',
] as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/**
 * The events backend publishes a GitHub delivery on the topic `github`; its GitHub module's router
 * publishes it again on `github.<X-GitHub-Event>`. The sub-topics are subscribed to, not `github`,
 * because an event that reaches this process through the event bus (from the replica that
 * received the delivery) has lost the delivery's headers, but not its topic.
 */
export const WEBHOOK_TOPICS = WEBHOOK_EVENTS.map(event => `github.${event}`);

/** Either the repository (`owner/name`) to sync, or why the delivery changes no evidence. */
export type WebhookDecision = { repository: string } | { ignored: string };

function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * Whether a delivery is about evidence this module stores. The evidence store keeps merged PRs
 * only, so activity on a PR that is not merged changes nothing until the merge, whose own
 * delivery syncs the repository; the same goes for tag pushes, which move no branch.
 */
export function decideWebhook(
  event: WebhookEvent,
  payload: unknown,
): WebhookDecision {
  const repository = field(payload, 'repository', 'full_name');
  if (typeof repository !== 'string' || !repository.includes('/')) {
    return { ignored: 'it names no repository' };
  }
  switch (event) {
    case 'pull_request':
      if (field(payload, 'pull_request', 'merged') !== true) {
        return { ignored: 'its pull request is not merged' };
      }
      break;
    case 'pull_request_review':
      if (!field(payload, 'pull_request', 'merged_at')) {
        return { ignored: 'its pull request is not merged' };
      }
      break;
    case 'push': {
      const ref = field(payload, 'ref');
      if (typeof ref !== 'string' || !ref.startsWith('refs/heads/')) {
        return { ignored: 'it moved no branch' };
      }
      break;
    }
    default:
      break;
  }
  return { repository };
}

function deliveryId(params: EventParams): string {
  const id = params.metadata?.['x-github-delivery'];
  return typeof id === 'string' ? ` (delivery ${id})` : '';
}

/**
 * Syncs a repository within seconds of a GitHub webhook about it. Signatures are verified before
 * anything is published, by the events backend's GitHub module (`events.modules.github`), so what
 * arrives here is genuine. A delivery only triggers a sync, which reads from GitHub and upserts
 * from the repository's cursor: a replayed or duplicated delivery stores nothing new.
 */
export async function subscribeToGithubWebhooks(options: {
  events: EventsService;
  provider: { syncRepository(fullName: string): Promise<SyncSummary> };
  logger: LoggerService;
}): Promise<void> {
  const { events, provider, logger } = options;
  await events.subscribe({
    id: 'github-webhooks',
    topics: WEBHOOK_TOPICS,
    onEvent: async params => {
      const event = params.topic.slice('github.'.length) as WebhookEvent;
      const about = `GitHub webhook ${event}${deliveryId(params)}`;
      const decision = decideWebhook(event, params.eventPayload);
      if ('ignored' in decision) {
        logger.debug(`${about} ignored: ${decision.ignored}`);
        return;
      }
      // Not awaited: the events backend answers GitHub once every subscriber has returned, and
      // GitHub fails a delivery that takes longer than ten seconds. A sync that fails is logged
      // by the provider and read again by the next one, at the latest the scheduled one.
      provider.syncRepository(decision.repository).then(
        summary => {
          if (summary.repositories === 0) {
            logger.debug(
              `${about} ignored: no catalog service names ${decision.repository}`,
            );
          }
        },
        error =>
          logger.warn(
            `${about} about ${decision.repository} started no sync`,
            error,
          ),
      );
    },
  });
}
