import crypto from 'node:crypto';
import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { TrustedKey } from './provenance/dsse';

function scheduleOf(
  config: Config | undefined,
  minutes: number,
): SchedulerServiceTaskScheduleDefinition {
  return config?.has('schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig('schedule'),
      )
    : {
        frequency: { minutes },
        timeout: { minutes: 10 },
        initialDelay: { seconds: 60 },
      };
}

/** `changeCompliance.kubernetes` (config.d.ts): which clusters run production, and how often. */
export function readKubernetesConfig(root: Config) {
  const config = root.getOptionalConfig('changeCompliance.kubernetes');
  return {
    clusters: config?.getOptionalStringArray('clusters'),
    schedule: scheduleOf(config, 10),
  };
}

/**
 * `changeCompliance.provenance.githubAttestations`, or undefined when absent. A key that is not a
 * public key stops the start, naming it: a key that silently verifies nothing would leave every
 * statement unverified.
 */
export function readAttestationsConfig(root: Config):
  | {
      host: string;
      keys: TrustedKey[];
      schedule: SchedulerServiceTaskScheduleDefinition;
    }
  | undefined {
  const config = root.getOptionalConfig(
    'changeCompliance.provenance.githubAttestations',
  );
  if (!config) return undefined;
  const keys = (config.getOptionalConfigArray('publicKeys') ?? []).map(k => {
    const keyId = k.getString('keyId');
    const publicKey = k.getString('publicKey');
    try {
      crypto.createPublicKey(publicKey);
    } catch {
      throw new Error(
        `changeCompliance.provenance.githubAttestations.publicKeys: ${keyId} is not a PEM public key`,
      );
    }
    return { keyId, publicKey };
  });
  return {
    host: config.getOptionalString('host') ?? 'github.com',
    keys,
    schedule: scheduleOf(config, 15),
  };
}
