import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {
  generateDemoOrganisation,
  Organisation,
} from '@internal/upstream-simulator';
import YAML from 'yaml';

/** The repository root: app-config.yaml and examples/ are there. */
export const REPOSITORY_ROOT = path.resolve(__dirname, '../../../..');

/**
 * The demo organisation (examples/) over its last 30 days, ending now: enough for every check,
 * small enough that the portal's first sync of it takes seconds.
 */
export function recentDemoOrganisation(): Organisation {
  return generateDemoOrganisation({
    examplesDirectory: path.join(REPOSITORY_ROOT, 'examples'),
    seed: 42,
    now: new Date().toISOString(),
    days: 30,
  });
}

/** The portal's backend running as a process of its own, as `make start` runs it. */
export interface PortalBackend {
  /** `http://localhost:<port>` */
  baseUrl: string;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** A user token of the demo's guest sign-in. */
  guestToken(): Promise<string>;
  /** `GET /api/change-compliance<route>` with the guest's token. */
  api(route: string): Promise<Response>;
  /** Stops it: SIGTERM lets it shut down, SIGKILL is a crash. Resolves when it has exited. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

/**
 * Starts packages/backend on a free port with app-config.yaml and then `config` on top, the way
 * `backstage-cli package start` starts it minus its file watcher (an edit elsewhere in the
 * repository would otherwise restart the backend mid-test). Resolves once it answers.
 */
export async function startPortalBackend(options: {
  /** Config on top of app-config.yaml (backend.listen and baseUrl are set here). */
  config: object;
  /** Where the config file goes. */
  directory: string;
  env?: Record<string, string>;
}): Promise<PortalBackend> {
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const configFile = path.join(directory(options.directory), `${port}.yaml`);
  fs.writeFileSync(
    configFile,
    YAML.stringify(
      mergeConfig(options.config, { backend: { baseUrl, listen: { port } } }),
    ),
  );
  const nodeTransform = require.resolve(
    '@backstage/cli-node/config/nodeTransform.cjs',
    { paths: [path.dirname(require.resolve('@backstage/cli/package.json'))] },
  );
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--require',
      nodeTransform,
      'src/index.ts',
      '--config',
      path.join(REPOSITORY_ROOT, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: path.resolve(__dirname, '../..'),
      env: { ...process.env, NODE_ENV: 'development', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', chunk => (output += chunk));
  child.stderr!.on('data', chunk => (output += chunk));
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );

  let token: string | undefined;
  const backend: PortalBackend = {
    baseUrl,
    output: () => output,
    async guestToken() {
      if (!token) {
        const response = await fetch(
          `${baseUrl}/api/auth/guest/refresh?env=development`,
          { headers: { 'x-requested-with': 'XMLHttpRequest' } },
        );
        if (!response.ok) {
          throw new Error(`Guest sign-in answered ${response.status}`);
        }
        token = (await response.json()).backstageIdentity.token as string;
      }
      return token;
    },
    async api(route) {
      return fetch(`${baseUrl}/api/change-compliance${route}`, {
        headers: { authorization: `Bearer ${await backend.guestToken()}` },
      });
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
      }
      await exited;
    },
  };
  try {
    await waitFor(
      async () => (await fetch(`${baseUrl}/api/change-compliance/health`)).ok,
      `the backend on :${port} to answer`,
      () => startupLines(output),
    );
  } catch (error) {
    await backend.stop('SIGKILL');
    throw error;
  }
  return backend;
}

/** Polls `condition` every 2 s for up to 5 minutes; the error names what it waited for. */
export async function waitFor(
  condition: () => Promise<boolean>,
  what: string,
  /** More to say when it times out, e.g. a log's tail. */
  describe?: () => string,
): Promise<void> {
  const deadline = Date.now() + 300_000;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      if (await condition()) return;
    } catch (error) {
      lastError = error; // not there yet
    }
    await new Promise(resolve => setTimeout(resolve, 2_000));
  }
  throw new Error(
    `Timed out waiting for ${what}${
      lastError ? ` (last error: ${lastError})` : ''
    }${describe ? `\n${describe()}` : ''}`,
  );
}

/** The colour codes the backend's development log format writes. */
// eslint-disable-next-line no-control-regex
export const ANSI_COLOURS = /\u001b\[[0-9;]*m/g;

/** What a backend that does not come up said about its start-up, without the request noise. */
function startupLines(output: string): string {
  return output
    .split('\n')
    .map(line => line.replace(ANSI_COLOURS, ''))
    .filter(line => /initiali[sz]|startup|error|fail/i.test(line))
    .filter(line => !/incomingRequest|has not started up yet/.test(line))
    .slice(-15)
    .join('\n')
    .slice(0, 6000);
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

function directory(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** `extra` over `base`, as config files stack: objects merge, anything else is replaced. */
export function mergeConfig(base: object, extra: object): object {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const existing = result[key];
    result[key] =
      existing && typeof existing === 'object' && !Array.isArray(existing)
        ? mergeConfig(existing as object, value as object)
        : value;
  }
  return result;
}
