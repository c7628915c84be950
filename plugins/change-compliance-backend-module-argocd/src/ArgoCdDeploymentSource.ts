import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  DeploymentRecord,
  DeploymentSource,
  EvidenceSink,
} from '@change-compliance/plugin-change-compliance-node';
import { ArgoCdTarget } from './catalog/argoCdAnnotations';
import { Application } from './client/application';
import { ArgoCdClient } from './client/ArgoCdClient';
import { ArgoCdAccessError } from './client/errors';
import { deploymentsOf } from './mapping/deploymentsOf';
import { EnvironmentRule } from './mapping/environmentOf';

/** The provider id: the sync state's key. Records carry `argocd:<instance>` as their source. */
export const ARGOCD_PROVIDER = 'argocd';

/** What one round of syncs did. */
export interface ArgoCdSyncSummary {
  /** Catalog entities whose applications were read. */
  services: number;
  /** Syncs read from their histories (production or not). */
  deployments: number;
  /** Entities whose read failed, in part or whole. */
  failed: string[];
}

/** Where the last successful read of an entity's applications left off. */
interface Cursor {
  syncs: number;
  newest: string | null;
}

export interface ArgoCdDeploymentSourceOptions {
  /** One client per configured instance. */
  clients: ArgoCdClient[];
  /** The catalog entities that name Argo CD applications, read at every round. */
  targets: () => Promise<ArgoCdTarget[]>;
  environments: EnvironmentRule[];
  automatedSyncAccount: string;
  logger: LoggerService;
  scheduler?: SchedulerService;
  schedule?: SchedulerServiceTaskScheduleDefinition;
  now?: () => Date;
}

/**
 * A deployment source reading Argo CD: for every catalog entity with `argocd/app-name` (or
 * `argocd/app-selector`), the application's history on the instance `argocd/instance-name` names,
 * else on every configured instance, each sync a deployment record of source
 * `argocd:<instance>`, keyed by application and history id, so that reading a history again
 * changes nothing. Argo CD keeps only the last `revisionHistoryLimit` syncs (10 by default); what
 * was read once stays in the store, so a schedule that runs more often than ten syncs happen
 * misses none.
 */
export class ArgoCdDeploymentSource implements DeploymentSource {
  readonly id = ARGOCD_PROVIDER;
  private sink: EvidenceSink | undefined;
  private readonly now: () => Date;

  constructor(private readonly options: ArgoCdDeploymentSourceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async connect(sink: EvidenceSink): Promise<void> {
    this.sink = sink;
    const { scheduler, schedule } = this.options;
    if (!scheduler || !schedule) return;
    // Global: with several replicas, one reads at a time; the cursors are in the shared store.
    await scheduler.scheduleTask({
      id: 'change-compliance-argocd-sync',
      scope: 'global',
      ...schedule,
      fn: async () => {
        await this.syncAll();
      },
    });
  }

  /** Reads every entity's applications; one failing stops none. */
  async syncAll(): Promise<ArgoCdSyncSummary> {
    const sink = this.requireSink();
    const { logger } = this.options;
    const targets = await this.options.targets();
    const repositories = new Map(
      (await sink.listServices()).map(s => [s.entityRef, s.repositorySlug]),
    );
    const progress = {
      provider: ARGOCD_PROVIDER,
      startedAt: this.now().toISOString(),
      total: targets.length,
      done: 0,
      failed: 0,
      itemsSynced: 0,
    };
    await sink.recordRoundProgress(progress);
    const failed: string[] = [];
    const changed: string[] = [];
    for (const target of targets) {
      progress.done += 1;
      try {
        const read = await this.syncTarget(
          target,
          repositories.get(target.entityRef) ?? null,
        );
        progress.itemsSynced += read.count;
        if (read.changed) changed.push(target.entityRef);
      } catch (error) {
        failed.push(target.entityRef);
        progress.failed += 1;
        logger.warn(
          `Argo CD sync of ${target.entityRef} failed; it is read again next round`,
          error as Error,
        );
      }
      await sink.recordRoundProgress(progress);
    }
    await sink.recordRoundProgress({
      ...progress,
      finishedAt: this.now().toISOString(),
    });
    if (changed.length > 0) {
      await sink.requestEvaluation(changed, 'Argo CD sync');
    }
    logger.info(
      `Argo CD sync read ${progress.itemsSynced} syncs of ${
        targets.length - failed.length
      } of ${targets.length} services`,
    );
    return {
      services: targets.length,
      deployments: progress.itemsSynced,
      failed,
    };
  }

  /**
   * One entity: its applications on the instances asked, every sync written, and the outcome
   * recorded under the entity's ref for `GET /sources`. What the instances that answered hold is
   * written even when another failed; the failure is recorded and thrown all the same.
   */
  private async syncTarget(
    target: ArgoCdTarget,
    repository: string | null,
  ): Promise<{ count: number; changed: boolean }> {
    const sink = this.requireSink();
    const scope = target.entityRef;
    const startedAt = this.now().toISOString();
    const record = (
      outcome:
        | { result: 'success'; cursor: Cursor; itemsSynced: number }
        | { result: 'failure'; error: string },
    ) =>
      sink.recordSync({
        provider: ARGOCD_PROVIDER,
        scope,
        startedAt,
        finishedAt: this.now().toISOString(),
        ...(outcome.result === 'success'
          ? {
              result: 'success',
              cursor: JSON.stringify(outcome.cursor),
              itemsSynced: outcome.itemsSynced,
            }
          : outcome),
      });
    let written = 0;
    try {
      const { found, problems } = await this.locate(target);
      const deployments: DeploymentRecord[] = found.flatMap(
        ({ client, application }) =>
          deploymentsOf(application, {
            instance: client.instance,
            serviceRef: target.entityRef,
            repository,
            environments: this.options.environments,
            automatedSyncAccount: this.options.automatedSyncAccount,
          }),
      );
      if (deployments.length > 0) await sink.upsertDeployments(deployments);
      written = deployments.length;
      if (problems.length > 0) throw new Error(problems.join('; '));
      const cursor: Cursor = {
        syncs: deployments.length,
        newest:
          deployments
            .map(d => d.deployedAt)
            .sort()
            .pop() ?? null,
      };
      const last = await sink.getSyncState(ARGOCD_PROVIDER, scope);
      await record({ result: 'success', cursor, itemsSynced: written });
      return {
        count: written,
        changed: last.cursor !== JSON.stringify(cursor),
      };
    } catch (error) {
      await record({
        result: 'failure',
        error: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
  }

  /**
   * The entity's applications on each instance asked. An instance without the application is no
   * failure when others are asked too; nor is one that refuses to show it (Argo CD answers a
   * name the account may not see, or that does not exist, with 403) as long as another instance
   * has it. An application found nowhere is a failure: its deployments would be missing.
   */
  private async locate(target: ArgoCdTarget): Promise<{
    found: { client: ArgoCdClient; application: Application }[];
    problems: string[];
  }> {
    const clients = target.instanceName
      ? this.options.clients.filter(
          c => c.instance.name === target.instanceName,
        )
      : this.options.clients;
    const what =
      'appName' in target.locator
        ? `application ${target.locator.appName}`
        : `applications with selector ${target.locator.selector}`;
    if (clients.length === 0) {
      throw new Error(
        `${target.entityRef} names the Argo CD instance '${target.instanceName}', which argocd.appLocatorMethods does not configure`,
      );
    }
    const found: { client: ArgoCdClient; application: Application }[] = [];
    const problems: string[] = [];
    const refused: string[] = [];
    for (const client of clients) {
      try {
        const applications =
          'appName' in target.locator
            ? [
                await client.getApplication(
                  target.locator.appName,
                  target.appNamespace,
                ),
              ].filter((a): a is Application => a !== undefined)
            : await client.listApplications({
                selector: target.locator.selector,
                appNamespace: target.appNamespace,
              });
        found.push(
          ...applications.map(application => ({ client, application })),
        );
      } catch (error) {
        if (
          error instanceof ArgoCdAccessError &&
          error.status === 403 &&
          !target.instanceName
        ) {
          refused.push(error.message);
        } else {
          problems.push(error instanceof Error ? error.message : String(error));
        }
      }
    }
    if (found.length === 0 && problems.length === 0) {
      problems.push(
        `${what} is on none of the Argo CD instances asked (${clients
          .map(c => c.instance.name)
          .join(', ')})`,
        ...refused,
      );
    }
    return { found, problems };
  }

  private requireSink(): EvidenceSink {
    if (!this.sink) {
      throw new Error('The Argo CD deployment source is not connected yet');
    }
    return this.sink;
  }
}
