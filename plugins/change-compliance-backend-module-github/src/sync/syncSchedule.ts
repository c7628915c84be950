import {
  LoggerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { GithubClients } from '../GithubClients';

/** What each of the module's scheduled syncs is given. */
export interface ScheduledSyncOptions {
  clients: GithubClients;
  /** How many days back a first sync reads. */
  windowDays: number;
  logger: LoggerService;
  scheduler?: SchedulerService;
  schedule?: SchedulerServiceTaskScheduleDefinition;
  now?: () => Date;
}

/**
 * A sync's schedule: the `schedule` of its config section, else every 15 minutes, the first run
 * after the catalog has read its locations, so that it finds the services.
 */
export function syncScheduleFromConfig(
  section: Config | undefined,
  timeout: SchedulerServiceTaskScheduleDefinition['timeout'],
): SchedulerServiceTaskScheduleDefinition {
  return section?.has('schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        section.getConfig('schedule'),
      )
    : {
        frequency: { minutes: 15 },
        timeout,
        initialDelay: { seconds: 40 },
      };
}

/**
 * Runs a sync on the Backstage scheduler, when there is one. Global: with several replicas, one
 * syncs at a time; the cursors are in the shared store.
 */
export async function scheduleSync(options: {
  id: string;
  scheduler?: SchedulerService;
  schedule?: SchedulerServiceTaskScheduleDefinition;
  sync: () => Promise<unknown>;
}): Promise<void> {
  const { scheduler, schedule } = options;
  if (!scheduler || !schedule) return;
  await scheduler.scheduleTask({
    id: options.id,
    scope: 'global',
    ...schedule,
    fn: async () => {
      await options.sync();
    },
  });
}
