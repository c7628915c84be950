import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { GithubClients } from '../GithubClients';
import { syncScheduleFromConfig } from '../sync/syncSchedule';
import {
  DEFAULT_APPROVAL_LABEL,
  GithubIssuesTicketSystem,
} from './GithubIssuesTicketSystem';
import { TicketRepositories } from './ticketRepositories';

/**
 * GitHub Issues as the module's ticket system, configured by `changeCompliance.githubIssues`
 * (approval label, schedule), for the repositories the policy lists under `github-issues`
 * ticket projects; undefined when it lists none, so that no ticket system without tickets is
 * shown or scheduled.
 */
export function githubIssuesFromConfig(options: {
  config: Config;
  clients: GithubClients;
  /** The host of repositories whose ticket project names no `url`. */
  host: string;
  logger: LoggerService;
  scheduler: SchedulerService;
}): GithubIssuesTicketSystem | undefined {
  const { config } = options;
  const repositories = TicketRepositories.fromConfig(config, options.host);
  if (repositories.list().length === 0) return undefined;
  const section = config.getOptionalConfig('changeCompliance.githubIssues');
  return new GithubIssuesTicketSystem({
    clients: options.clients,
    repositories,
    approvalLabel:
      section?.getOptionalString('approvalLabel') ?? DEFAULT_APPROVAL_LABEL,
    windowDays: config.getOptionalNumber('changeCompliance.windowDays') ?? 180,
    logger: options.logger,
    scheduler: options.scheduler,
    schedule: syncScheduleFromConfig(section, { minutes: 15 }),
  });
}
