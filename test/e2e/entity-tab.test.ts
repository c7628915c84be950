import { expect, Page, test } from '@playwright/test';
import { signInAsGuest } from './signIn';

function entityTabs(page: Page) {
  return page.getByRole('navigation', { name: 'Content navigation' });
}

test('a demo service shows its history on the Change Compliance tab, and why an exception is one', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await signInAsGuest(page);

  await page.goto('/catalog/default/component/payments-api');
  const tab = entityTabs(page).getByRole('link', { name: 'Change Compliance' });
  await expect(tab).toBeVisible();
  await tab.click();

  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/payments-api\/change-compliance$/,
  );
  await expect(
    page.getByRole('group', { name: 'Compliance score' }),
  ).toBeVisible();
  // Until the portal's first sync of the simulator (40 s after start) and the evaluation after it,
  // the history is empty; the empty state then asks whether the annotation is right.
  const history = page.getByRole('table', { name: 'Production deployments' });
  await expect(async () => {
    await page.reload();
    await expect(history).toBeVisible({ timeout: 20_000 });
  }).toPass({ timeout: 360_000, intervals: [5_000] });

  // An exception, expanded: each failing check says why, and what would fix it.
  const exception = history
    .getByRole('row')
    .filter({ has: page.getByText('Exception', { exact: true }) })
    .first();
  await exception.getByRole('button', { name: /^Show the trace of / }).click();
  const failing = page.getByRole('listitem', { name: /\(([a-z.-]+)\): fail$/ });
  await expect(failing.first()).toBeVisible();
  await expect(failing.first()).toContainText('What would fix it:');

  await page.screenshot({
    path: 'test-results/screenshots/payments-api-change-compliance-tab.png',
    fullPage: true,
  });
});

test('an entity that names no repository has no Change Compliance tab', async ({
  page,
}) => {
  await signInAsGuest(page);

  await page.goto('/catalog/default/system/payments');
  await expect(
    entityTabs(page).getByRole('link', { name: 'Overview' }),
  ).toBeVisible();
  await expect(
    entityTabs(page).getByRole('link', { name: 'Change Compliance' }),
  ).toHaveCount(0);
});
