import fs from 'node:fs';
import path from 'node:path';
import { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader, JsonObject } from '@backstage/config';
import { MOUNTS } from '@internal/upstream-simulator';
import YAML from 'yaml';
import { RetryPolicy } from '@change-compliance/plugin-change-compliance-node';
import { JiraTicketSystem } from '../JiraTicketSystem';

/** The repository root, where app-config.yaml and examples/ are. */
export const REPOSITORY_ROOT = path.resolve(__dirname, '../../../..');

/** The `changeCompliance` section `make start` runs with (app-config.yaml). */
export function demoChangeComplianceConfig(): JsonObject {
  return YAML.parse(
    fs.readFileSync(path.join(REPOSITORY_ROOT, 'app-config.yaml'), 'utf8'),
  ).changeCompliance;
}

/**
 * The module configured as app-config.yaml configures the demo (its Jira section and policy),
 * pointed at a running simulator instead of :7100. `jira` overrides keys of the Jira section.
 * Retries wait a few milliseconds instead of seconds, so that fault tests stay quick.
 */
export function ticketSystemForSimulator(
  simulatorUrl: string,
  options: {
    now: string;
    jira?: JsonObject;
    logger?: LoggerService;
    requestPolicy?: Partial<RetryPolicy>;
  },
): JiraTicketSystem {
  const demo = demoChangeComplianceConfig();
  return JiraTicketSystem.fromConfig(
    new ConfigReader({
      changeCompliance: {
        windowDays: 180,
        policy: demo.policy,
        jira: {
          ...(demo.jira as JsonObject),
          baseUrl: `${simulatorUrl}${MOUNTS.jira}`,
          ...options.jira,
        },
      },
    }),
    {
      logger: options.logger ?? mockServices.logger.mock(),
      requestPolicy: { baseDelayMs: 5, ...options.requestPolicy },
      now: () => new Date(options.now),
    },
  );
}
