import { LoggerService } from '@backstage/backend-plugin-api';
import { EvidenceSink } from '@change-compliance/plugin-change-compliance-node';
import { RateLimitExhaustedError } from '../client/requestPolicy';

/** What one round of syncs did: the repositories synced, and those whose sync failed. */
export interface SyncSummary {
  repositories: number;
  failed: string[];
}

/**
 * Syncs repositories one after the other; one failing stops none. A round (every repository, as
 * the schedule syncs them) records its progress as it goes, for `GET /sources`.
 */
export async function syncRound(options: {
  sink: EvidenceSink;
  /** The provider whose round it is: `github`, `github-issues`. */
  provider: string;
  /** What the log calls one sync: `GitHub sync`. */
  name: string;
  repositories: string[];
  /** Whether to record the round's progress: not for a webhook's single repository. */
  round: boolean;
  now: () => Date;
  logger: LoggerService;
  /** Syncs one repository; how many items it stored. */
  syncOne: (slug: string) => Promise<number>;
}): Promise<SyncSummary> {
  const { sink, now, logger, name, repositories } = options;
  const progress = {
    provider: options.provider,
    startedAt: now().toISOString(),
    total: repositories.length,
    done: 0,
    failed: 0,
    itemsSynced: 0,
  };
  const report = async (finished = false) => {
    if (!options.round) return;
    await sink.recordRoundProgress({
      ...progress,
      ...(finished ? { finishedAt: now().toISOString() } : {}),
    });
  };
  await report();
  if (options.round) {
    logger.info(
      `${name} round started over ${repositories.length} repositories`,
    );
  }
  const failed: string[] = [];
  let budgetSpent: RateLimitExhaustedError | undefined;
  for (const slug of repositories) {
    // The token's budget is shared by every repository: once it is spent, the rest wait for
    // the next round instead of each asking GitHub to refuse it.
    if (budgetSpent) {
      failed.push(slug);
      continue;
    }
    progress.done += 1;
    try {
      progress.itemsSynced += await options.syncOne(slug);
      await report();
    } catch (error) {
      failed.push(slug);
      progress.failed += 1;
      await report();
      if (error instanceof RateLimitExhaustedError) {
        budgetSpent = error;
        logger.info(
          `${name} paused at ${slug}: ${error.message}; the remaining repositories sync next round`,
        );
      } else {
        logger.warn(
          `${name} of ${slug} failed; it resumes from its last cursor next time`,
          error as Error,
        );
      }
    }
  }
  await report(true);
  if (options.round) {
    logger.info(
      `${name} round finished: ${repositories.length - failed.length} of ${
        repositories.length
      } repositories synced`,
    );
  }
  return { repositories: repositories.length, failed };
}
