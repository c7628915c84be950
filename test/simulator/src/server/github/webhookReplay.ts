import { Repository } from '../../model';
import { SimulatorContext } from '../context';
import {
  deliverWebhook,
  deploymentCreatedEvent,
  deploymentStatusCreatedEvent,
  pullRequestClosedEvent,
  pullRequestReviewEvent,
} from './webhooks';

interface TimedEvent {
  at: string;
  event: string;
  payload: unknown;
}

/** The webhooks GitHub would have sent over a repository's history, oldest first. */
export function historyEvents(
  context: SimulatorContext,
  repo: Repository,
): TimedEvent[] {
  const events: TimedEvent[] = [];
  for (const pr of repo.pullRequests) {
    for (const review of pr.reviews) {
      const action = review.state === 'DISMISSED' ? 'dismissed' : 'submitted';
      events.push({
        at: review.submittedAt,
        ...pullRequestReviewEvent(context, repo, pr, review, action),
      });
    }
    if (pr.mergedAt) {
      events.push({
        at: pr.mergedAt,
        ...pullRequestClosedEvent(context, repo, pr),
      });
    }
  }
  for (const deployment of repo.deployments) {
    events.push({
      at: deployment.createdAt,
      ...deploymentCreatedEvent(context, repo, deployment),
    });
    for (const status of deployment.statuses) {
      events.push({
        at: status.createdAt,
        ...deploymentStatusCreatedEvent(context, repo, deployment, status),
      });
    }
  }
  return events.sort((a, b) => a.at.localeCompare(b.at));
}

/**
 * Delivers, signed, the webhooks of the organisation's history in [since, until) to a receiver
 * (the portal's webhook endpoint), in time order, one at a time as GitHub does per hook.
 */
export async function replayWebhooks(
  context: SimulatorContext,
  options: {
    url: string;
    secret: string;
    repository?: string;
    since?: string;
    until?: string;
  },
): Promise<{ delivered: number; failed: { event: string; status: number }[] }> {
  const repositories = context
    .organisation()
    .repositories.filter(
      r => !options.repository || `${r.owner}/${r.name}` === options.repository,
    );
  const events = repositories
    .flatMap(repo => historyEvents(context, repo))
    .filter(
      e =>
        (!options.since || e.at >= options.since) &&
        (!options.until || e.at < options.until),
    )
    .sort((a, b) => a.at.localeCompare(b.at));
  const failed: { event: string; status: number }[] = [];
  let delivered = 0;
  for (const e of events) {
    const status = await deliverWebhook({
      url: options.url,
      secret: options.secret,
      event: e.event,
      payload: e.payload,
    });
    if (status >= 200 && status < 300) delivered += 1;
    else failed.push({ event: e.event, status });
  }
  return { delivered, failed };
}
