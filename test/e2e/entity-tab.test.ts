import { expect, Page, test } from '@playwright/test';

async function signInAsGuest(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
  await expect(
    page.getByRole('heading', { name: 'Northwind Bank (demo) Catalog' }),
  ).toBeVisible();
}

function entityTabs(page: Page) {
  return page.getByRole('navigation', { name: 'Content navigation' });
}

test('a demo service shows the Change Compliance tab', async ({ page }) => {
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
  // The browser tests' backend has no simulator to sync from, so the history is empty there; a
  // reused demo portal (make start) has deployments instead.
  const empty = page.getByText(
    'No production deployments seen in the last 90 days',
  );
  const history = page.getByRole('table', { name: 'Production deployments' });
  await expect(empty.or(history)).toBeVisible();
  if (await empty.isVisible()) {
    // The empty state asks whether the annotation is right (so does the repository card, below).
    await expect(
      page.getByText(/Is the github.com\/project-slug annotation right/),
    ).toBeVisible();
    await expect(
      page.getByRole('list', { name: 'Evidence sources' }),
    ).toContainText('northwind/payments-api');
  } else {
    await expect(history.getByRole('row').nth(1)).toBeVisible();
  }

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
