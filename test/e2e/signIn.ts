import { expect, Page } from '@playwright/test';

/**
 * The demo personas the portal offers on its sign-in page (app-config.yaml, auth.providers.demo):
 * the card's title, who signing in as it makes you, and that user's group in the demo catalog
 * (examples/org.yaml), by its display name.
 */
export const personas = {
  engineer: {
    title: 'Engineer',
    displayName: 'Alice Nakamura',
    email: 'alice.nakamura@northwind.example',
    group: 'Payments',
  },
  teamLead: {
    title: 'Team lead',
    displayName: 'Bob Okafor',
    email: 'bob.okafor@northwind.example',
    group: 'Payments',
  },
  auditor: {
    title: 'Auditor',
    displayName: 'Henrik Berg',
    email: 'henrik.berg@northwind.example',
    group: 'Internal Audit',
  },
} as const;

export type Persona = (typeof personas)[keyof typeof personas];

async function landOnCatalog(page: Page) {
  await expect(
    page.getByRole('heading', { name: 'Northwind Bank (demo) Catalog' }),
  ).toBeVisible();
}

/** Signs in as one of the demo personas from the sign-in page, and waits for the catalog. */
export async function signInAs(page: Page, persona: Persona) {
  await page.goto('/');
  await page
    .getByRole('button', { name: `Sign in as ${persona.title}` })
    .click();
  await landOnCatalog(page);
}

/** Signs in as the demo's guest, who reads every view and holds no role. */
export async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await landOnCatalog(page);
}
