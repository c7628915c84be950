/*
 * The portal backend (packages/backend) as the benchmarks run it: started from its sources without
 * the CLI's file watcher, stopped whole, and signed in to as the demo guest.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** packages/backend, the portal's backend package (a workspace of this repository). */
const backendDirectory = path.dirname(require.resolve('backend/package.json'));

/**
 * Starts the backend as `backstage-cli package start` runs it (TypeScript through Backstage's
 * node transform) but without its file watcher, so that an edit elsewhere in the checkout cannot
 * restart it mid-measurement. Its own process group, so that it can be stopped whole.
 */
export function startBackend(
  configFiles: string[],
  nodeEnvironment: string,
  logFile: string,
): ChildProcess {
  const log = fs.openSync(logFile, 'a');
  return spawn(
    process.execPath,
    [
      // For profiling by hand: BENCH_BACKEND_CPU_PROFILE=<directory> writes the backend's CPU
      // profile there when it stops.
      ...(process.env.BENCH_BACKEND_CPU_PROFILE
        ? [
            '--cpu-prof',
            `--cpu-prof-dir=${process.env.BENCH_BACKEND_CPU_PROFILE}`,
          ]
        : []),
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs', {
        paths: [backendDirectory],
      }),
      'src/index.ts',
      ...configFiles.flatMap(file => ['--config', file]),
    ],
    {
      cwd: backendDirectory,
      detached: true,
      stdio: ['ignore', log, log],
      env: { ...process.env, NODE_ENV: nodeEnvironment },
    },
  );
}

export async function stopBackend(backend: ChildProcess) {
  if (!backend.pid || backend.exitCode !== null) return;
  const exited = new Promise(resolve => backend.once('exit', resolve));
  process.kill(-backend.pid, 'SIGTERM');
  await Promise.race([
    exited,
    new Promise(resolve => setTimeout(resolve, 10_000)),
  ]);
}

export async function poll<T>(
  what: string,
  seconds: number,
  attempt: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    try {
      const value = await attempt();
      if (value !== undefined) return value;
    } catch {
      // not answering yet
    }
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
  throw new Error(`${what}: not within ${seconds} s`);
}

export function waitForBackend(base: string) {
  return poll('the backend did not answer', 300, async () => {
    const response = await fetch(`${base}/api/change-compliance/health`);
    return response.ok ? true : undefined;
  });
}

/** Signs in as the demo guest, as the frontend does, and returns the user's Backstage token. */
export function guestToken(base: string): Promise<string> {
  return poll('guest sign-in', 120, async () => {
    const response = await fetch(
      `${base}/api/auth/guest/refresh?env=development`,
      { headers: { 'x-requested-with': 'XMLHttpRequest' } },
    );
    if (!response.ok) return undefined;
    const body = (await response.json()) as {
      backstageIdentity: { token: string };
    };
    return body.backstageIdentity.token;
  });
}
