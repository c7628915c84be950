import path from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * Browser tests of the whole portal (test/e2e), in Debian's Chromium: Playwright's own browser
 * download cannot reach its server from the machines this project runs on.
 *
 * The portal is started here (upstream simulator, backend and frontend dev server) unless
 * PLAYWRIGHT_URL points at one that is already running. Locally a running `make start` is reused.
 */
const reuse = !process.env.CI;

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [
    ['list'],
    ['json', { outputFile: 'test-results/playwright.json' }],
  ],
  outputDir: 'test-results/playwright',
  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: process.env.PLAYWRIGHT_URL
    ? []
    : [
        // The upstream simulator (GitHub, Jira, ServiceNow) serving the demo organisation, as
        // `make start` runs it: the portal syncs its evidence like a real one's.
        {
          command:
            'yarn workspace @internal/upstream-simulator start --port 7100',
          url: 'http://localhost:7100/_simulator/faults',
          reuseExistingServer: reuse,
          timeout: 180_000,
          stdout: 'ignore',
          stderr: 'pipe',
        },
        {
          command: `yarn workspace backend start --config ${path.resolve(
            __dirname,
            'app-config.yaml',
          )} --config ${path.resolve(
            __dirname,
            'test/e2e/app-config.e2e.yaml',
          )}`,
          url: 'http://localhost:7007/api/change-compliance/health',
          reuseExistingServer: reuse,
          timeout: 180_000,
          stdout: 'ignore',
          stderr: 'pipe',
        },
        {
          command: 'yarn workspace app start',
          url: 'http://localhost:3000',
          reuseExistingServer: reuse,
          timeout: 300_000,
          stdout: 'ignore',
          stderr: 'pipe',
          env: { BROWSER: 'none' },
        },
      ],
});
