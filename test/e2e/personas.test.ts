import { expect, Page, test } from '@playwright/test';
import { Persona, personas, signInAs, signInAsGuest } from './signIn';

/**
 * The settings page, reached from the sidebar's settings: its profile names who is signed in, its
 * Backstage identity the entities they own through, the user and the user's groups.
 */
async function openSettings(page: Page) {
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Settings' })
    .click();
  await expect(page).toHaveURL(/\/settings/);
  return {
    ownership: page.getByRole('heading', { name: /^Ownership Entities:/ }),
  };
}

async function expectSignedInAs(page: Page, persona: Persona) {
  const { ownership } = await openSettings(page);
  await expect(
    page.getByRole('heading', { name: persona.displayName, exact: true }),
  ).toBeVisible();
  await expect(page.getByText(persona.email, { exact: true })).toBeVisible();
  await expect(
    ownership.getByRole('link', { name: persona.group, exact: true }),
  ).toBeVisible();
}

test('the sign-in page offers each persona with what to try as them', async ({
  page,
}) => {
  await page.goto('/');
  for (const persona of Object.values(personas)) {
    await expect(
      page.getByRole('button', { name: `Sign in as ${persona.title}` }),
    ).toBeVisible();
  }
  await expect(page.getByText(/Henrik Berg, Internal Audit/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Enter' })).toBeVisible();
  await page.screenshot({
    path: 'test-results/screenshots/sign-in-personas.png',
    fullPage: true,
  });
});

for (const persona of Object.values(personas)) {
  test(`signs in as the ${persona.title}: ${persona.displayName}`, async ({
    page,
  }) => {
    await signInAs(page, persona);
    await expectSignedInAs(page, persona);

    // A reload keeps the persona; signing out forgets it and asks again.
    await page.reload();
    await expectSignedInAs(page, persona);
    await page.getByRole('button', { name: 'more' }).click();
    await page.getByRole('menuitem', { name: 'Sign Out' }).click();
    await expect(
      page.getByRole('button', { name: `Sign in as ${persona.title}` }),
    ).toBeVisible();
  });
}

test("the guest still signs in, as a reader in no role's group", async ({
  page,
}) => {
  await signInAsGuest(page);
  const { ownership } = await openSettings(page);
  await expect(
    ownership.getByRole('link', { name: 'guests', exact: true }),
  ).toBeVisible();
  await expect(
    ownership.getByRole('link', { name: 'Internal Audit', exact: true }),
  ).toHaveCount(0);
});
