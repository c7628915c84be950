import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { basicCredentials, ServiceNowCredentials } from './client/credentials';
import { OAuthCredentials } from './client/OAuthCredentials';

export interface ServiceNowConfig {
  instanceUrl: string;
  credentials: ServiceNowCredentials;
  numberPrefix: string;
  pageSize: number;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

/** The Table API answers at most 10,000 records a request. */
const MAX_PAGE_SIZE = 10_000;

/**
 * `changeCompliance.servicenow` (config.d.ts), or undefined when absent. A mistake stops the
 * backend's start with the key to fix: a ticket system that silently reads nothing would fail
 * every change's ticket checks without saying why.
 */
export function readServiceNowConfig(
  root: Config,
): ServiceNowConfig | undefined {
  const config = root.getOptionalConfig('changeCompliance.servicenow');
  if (!config) return undefined;
  const instanceUrl = config.getString('instanceUrl').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]/.test(instanceUrl)) {
    throw new Error(
      `changeCompliance.servicenow.instanceUrl must be an http(s) URL; got '${instanceUrl}'`,
    );
  }
  const pageSize = config.getOptionalNumber('pageSize') ?? 1000;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new Error(
      `changeCompliance.servicenow.pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}`,
    );
  }
  return {
    instanceUrl,
    credentials: readCredentials(config.getConfig('auth'), instanceUrl),
    numberPrefix: config.getOptionalString('numberPrefix') ?? 'CHG',
    pageSize,
    schedule: config.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('schedule'),
        )
      : {
          frequency: { minutes: 15 },
          timeout: { minutes: 30 },
          initialDelay: { seconds: 45 },
        },
  };
}

function readCredentials(
  auth: Config,
  instanceUrl: string,
): ServiceNowCredentials {
  const type = auth.getString('type');
  if (type === 'basic') {
    return basicCredentials(
      auth.getString('username'),
      auth.getString('password'),
    );
  }
  if (type === 'oauth') {
    const grantType =
      auth.getOptionalString('grantType') ?? 'client_credentials';
    if (grantType !== 'client_credentials' && grantType !== 'password') {
      throw new Error(
        `changeCompliance.servicenow.auth.grantType must be client_credentials or password; got '${grantType}'`,
      );
    }
    return new OAuthCredentials({
      instanceUrl,
      clientId: auth.getString('clientId'),
      clientSecret: auth.getString('clientSecret'),
      grantType,
      username: auth.getOptionalString('username'),
      password: auth.getOptionalString('password'),
    });
  }
  throw new Error(
    `changeCompliance.servicenow.auth.type must be basic or oauth; got '${type}'`,
  );
}
