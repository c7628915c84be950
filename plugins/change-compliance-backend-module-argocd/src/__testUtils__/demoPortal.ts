import fs from 'node:fs';
import path from 'node:path';
import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader, JsonObject } from '@backstage/config';
import { RetryPolicy } from '@change-compliance/plugin-change-compliance-node';
import YAML from 'yaml';
import { ArgoCdDeploymentSource } from '../ArgoCdDeploymentSource';
import { argoCdTarget, ArgoCdTarget } from '../catalog/argoCdAnnotations';
import { ArgoCdClient } from '../client/ArgoCdClient';
import { readArgoCdConfig } from '../config/readArgoCdConfig';

/** The repository root, where app-config.yaml and examples/ are. */
export const REPOSITORY_ROOT = path.resolve(__dirname, '../../../..');
export const EXAMPLES = path.join(REPOSITORY_ROOT, 'examples');

/** Where app-config.yaml points the demo's upstreams: the simulator `make start` runs. */
const DEMO_SIMULATOR = 'http://localhost:7100';

export const SILENT: LoggerService = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => SILENT,
};

/** app-config.yaml, as `make start` reads it. */
export function demoAppConfig(): JsonObject {
  return YAML.parse(
    fs.readFileSync(path.join(REPOSITORY_ROOT, 'app-config.yaml'), 'utf8'),
  );
}

/** A catalog file's entities. */
export function entitiesOf(file: string): Entity[] {
  return YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map(doc => doc.toJSON() as Entity | null)
    .filter((e): e is Entity => Boolean(e?.kind));
}

/** The demo catalog's entities that name Argo CD applications. */
export function demoTargets(): ArgoCdTarget[] {
  return entitiesOf(path.join(EXAMPLES, 'entities.yaml')).flatMap(entity => {
    const target = argoCdTarget(entity);
    return target ? [target] : [];
  });
}

/**
 * The `argocd` section of app-config.yaml with its instances moved from :7100 to a running
 * simulator: the module is tested as the demo configures it.
 */
export function demoArgoCdConfig(simulatorUrl: string): JsonObject {
  return JSON.parse(
    JSON.stringify(demoAppConfig().argocd).replaceAll(
      DEMO_SIMULATOR,
      simulatorUrl,
    ),
  );
}

/**
 * The module as app-config.yaml configures it, pointed at a running simulator, reading the given
 * entities (the demo catalog's by default). Retries wait a millisecond instead of seconds.
 */
export function argoCdSourceFor(
  simulatorUrl: string,
  options: {
    config?: JsonObject;
    targets?: ArgoCdTarget[];
    retry?: Partial<RetryPolicy>;
    now?: string;
  } = {},
): ArgoCdDeploymentSource {
  const settings = readArgoCdConfig(
    new ConfigReader({
      argocd: options.config ?? demoArgoCdConfig(simulatorUrl),
    }),
  )!;
  const targets = options.targets ?? demoTargets();
  return new ArgoCdDeploymentSource({
    clients: settings.instances.map(
      instance =>
        new ArgoCdClient({
          instance,
          retry: { baseDelayMs: 1, ...options.retry },
        }),
    ),
    targets: async () => targets,
    environments: settings.environments,
    automatedSyncAccount: settings.automatedSyncAccount,
    logger: SILENT,
    ...(options.now ? { now: () => new Date(options.now!) } : {}),
  });
}
