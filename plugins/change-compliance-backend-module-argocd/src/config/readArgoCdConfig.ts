import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { EnvironmentRule } from '../mapping/environmentOf';

/** One Argo CD instance and how to sign in to it. */
export interface ArgoCdInstance {
  name: string;
  /** Base URL, without a trailing slash. */
  url: string;
  /** An API token; else `username` and `password` are exchanged for one. */
  token?: string;
  username?: string;
  password?: string;
}

export interface ArgoCdSettings {
  instances: ArgoCdInstance[];
  environments: EnvironmentRule[];
  automatedSyncAccount: string;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

export const DEFAULT_AUTOMATED_SYNC_ACCOUNT = 'argocd-automated-sync';

/**
 * The instances from `argocd.appLocatorMethods` (its `config` locators), as the community Argo CD
 * plugins read them, with `argocd.username`/`password` for instances that name no credentials of
 * their own; and the module's own settings from `changeCompliance.argocd`. Undefined when no
 * instance is configured: then there is nothing to read.
 */
export function readArgoCdConfig(config: Config): ArgoCdSettings | undefined {
  const argocd = config.getOptionalConfig('argocd');
  const username = argocd?.getOptionalString('username');
  const password = argocd?.getOptionalString('password');
  const instances: ArgoCdInstance[] = (
    argocd?.getOptionalConfigArray('appLocatorMethods') ?? []
  )
    .filter(locator => locator.getString('type') === 'config')
    .flatMap(locator => locator.getOptionalConfigArray('instances') ?? [])
    .map(instance => {
      const own = {
        token: instance.getOptionalString('token'),
        username: instance.getOptionalString('username'),
        password: instance.getOptionalString('password'),
      };
      return {
        name: instance.getString('name'),
        url: instance.getString('url').replace(/\/+$/, ''),
        ...(own.token || own.username ? own : { username, password }),
      };
    });
  if (instances.length === 0) return undefined;
  const names = new Set<string>();
  for (const { name } of instances) {
    if (names.has(name)) {
      throw new Error(
        `argocd.appLocatorMethods names the instance '${name}' twice; deployments are kept by instance name`,
      );
    }
    names.add(name);
  }

  const own = config.getOptionalConfig('changeCompliance.argocd');
  return {
    instances,
    environments: (own?.getOptionalConfigArray('environments') ?? []).map(
      rule => ({
        instance: rule.getOptionalString('instance'),
        cluster: rule.getOptionalString('cluster'),
        namespace: rule.getOptionalString('namespace'),
        environment: rule.getString('environment'),
      }),
    ),
    automatedSyncAccount:
      own?.getOptionalString('automatedSyncAccount') ??
      DEFAULT_AUTOMATED_SYNC_ACCOUNT,
    schedule: own?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          own.getConfig('schedule'),
        )
      : {
          frequency: { minutes: 15 },
          timeout: { minutes: 10 },
          // After the catalog has read its locations, so that the applications are found.
          initialDelay: { seconds: 40 },
        },
  };
}
