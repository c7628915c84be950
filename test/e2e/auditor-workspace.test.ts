import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, Page, test } from '@playwright/test';
import { personas, signInAs } from './signIn';

const SEED = 'e2e-fy2026';

/** The workspace once the synced evidence has given it a population to sample from. */
async function openWorkspaceWithPopulation(page: Page) {
  await page.goto('/change-compliance');
  await expect(
    page.getByRole('heading', { name: 'Change Compliance' }),
  ).toBeVisible();
  // The portal syncs the simulator's demo organisation on its first scheduled runs (40 s after
  // start), then evaluates it: until then the population is empty, and while sources are still
  // syncing it grows. A seeded redraw gives the same sample only over the same population, so the
  // test waits until no source is syncing and two readings of the population agree.
  const strata = page.getByRole('table', { name: 'Population by stratum' });
  let previous = '';
  await expect(async () => {
    await page.reload();
    await expect(strata).toBeVisible({ timeout: 20_000 });
    await expect(
      page.getByText('The population may be incomplete'),
    ).toHaveCount(0);
    const population = await strata.innerText();
    const stable = population === previous;
    previous = population;
    expect(stable).toBe(true);
  }).toPass({ timeout: 420_000, intervals: [10_000] });
  return strata;
}

test('an auditor draws a seeded sample, walks a change, marks it reviewed and exports verifiable evidence', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await signInAs(page, personas.auditor);
  const strata = await openWorkspaceWithPopulation(page);
  await expect(strata.getByRole('row').nth(1)).toBeVisible();
  await page.screenshot({
    path: 'test-results/screenshots/auditor-workspace-population.png',
    fullPage: true,
  });

  // Step 3: a stratified sample with a seed the auditor writes down.
  await page.getByLabel('Seed').fill(SEED);
  await page.getByRole('button', { name: 'Draw sample' }).click();
  const sampled = page.getByRole('table', { name: 'Sampled changes' });
  await expect(sampled).toBeVisible();
  const walkButtons = sampled.getByRole('button', { name: /^Walk / });
  const walkButtonNames = async () =>
    Promise.all(
      (await walkButtons.all()).map(b => b.getAttribute('aria-label')),
    );
  await expect(walkButtons.first()).toBeVisible();
  // The policy's default size: 25 of the demo's hundreds of production deployments.
  await expect(walkButtons).toHaveCount(25);
  const drawn = await walkButtonNames();

  // The same seed over the same population draws the same 25 changes.
  await page.getByRole('button', { name: `Redraw with seed ${SEED}` }).click();
  await expect(
    page.getByText(new RegExp(`Redrawn with seed ${SEED}: the same 25`)),
  ).toBeVisible();
  await expect(walkButtons).toHaveCount(25);
  expect(await walkButtonNames()).toEqual(drawn);

  // Steps 4 to 8 for the first sampled change, then the auditor's mark.
  await walkButtons.first().click();
  for (const step of [4, 5, 6, 7, 8]) {
    await expect(
      page.getByRole('region', { name: new RegExp(`^Step ${step} · `) }),
    ).toBeVisible();
  }
  await page.getByLabel(/^Effective/).check();
  await page
    .getByLabel('Note')
    .fill('Ticket, peer review and CAB approval seen in the trace.');
  await page.getByRole('button', { name: 'Mark as reviewed' }).click();
  const mark = page.getByRole('group', { name: 'Review mark' });
  await expect(mark).toContainText('henrik.berg');
  await expect(mark).toContainText('Ticket, peer review and CAB approval');
  await page.screenshot({
    path: 'test-results/screenshots/auditor-workspace-walk.png',
    fullPage: true,
  });

  // The evidence package: its manifest verifies with the standard tool.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export evidence package' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^evidence-.+\.zip$/);
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-evidence-'));
  try {
    const archive = path.join(directory, download.suggestedFilename());
    await download.saveAs(archive);
    execFileSync('unzip', ['-q', archive, '-d', path.join(directory, 'x')]);
    const verified = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], {
      cwd: path.join(directory, 'x'),
      encoding: 'utf8',
    });
    expect(verified).toMatch(/report\.html: OK/);
    expect(verified).not.toMatch(/FAILED/);
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
});

test('an engineer sees the population but cannot draw samples or export', async ({
  page,
  request,
}) => {
  test.setTimeout(600_000);
  await signInAs(page, personas.engineer);
  await openWorkspaceWithPopulation(page);
  await expect(
    page.getByText(/change-compliance\.audit\.export/),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Draw sample' })).toHaveCount(
    0,
  );
  await expect(
    page.getByRole('button', { name: 'Export evidence package' }),
  ).toHaveCount(0);

  // The backend refuses the engineer too (403, not 404: refused before any sample is looked up).
  const signIn = await request.get(
    'http://localhost:7007/api/auth/demo/refresh?env=development',
    {
      headers: {
        'x-requested-with': 'XMLHttpRequest',
        'x-demo-persona': 'engineer',
      },
    },
  );
  expect(signIn.ok()).toBe(true);
  const token = (await signIn.json()).backstageIdentity.token;
  for (const route of ['/audit/samples', '/audit/samples/any/export']) {
    const response = await request.get(
      `http://localhost:7007/api/change-compliance${route}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect({ route, status: response.status() }).toEqual({
      route,
      status: 403,
    });
  }
});

test('a team lead sees the services their group owns', async ({ page }) => {
  await signInAs(page, personas.teamLead);
  await page.goto('/catalog/default/group/payments-team/change-compliance');
  await expect(page.getByText('payments-api').first()).toBeVisible({
    timeout: 60_000,
  });
  await page.screenshot({
    path: 'test-results/screenshots/payments-team-change-compliance.png',
    fullPage: true,
  });
});
