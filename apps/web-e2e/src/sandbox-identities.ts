import type { Page } from 'playwright-core';
import { baseUrl } from './browser-kit';

/**
 * Who logs in during the journey: identities of apps/identity-sandbox
 * (its README lists them). A FranceConnect identity is chosen by its login
 * key, a ProConnect agent by its `sub`.
 */
export const FRANCECONNECT_TEST = {
  key: 'test',
  displayName: 'Angela Claire Louise DUBOIS',
  /** The e-mail FranceConnect gives for her, where the notification service writes to her. */
  email: 'wossewodda-3728@yopmail.com',
};
export const AGENTS = {
  /** Département admin by the gateway's default DEPARTMENT_ADMIN_EMAILS. */
  nathalieRoux: { sub: '9ec1c1c7-10f2-4fbf-b36b-a0dfc50e39f0', displayName: 'Nathalie ROUX' },
  /** Manager of Collège Flavius Vaussenat (Allevard), whose SIRET the seed gave the sandbox's. */
  julienBernard: { sub: '41d0ad79-aac7-4d2b-bc64-c9d4763e7785', displayName: 'Julien BERNARD' },
};

/** The sandbox collège of the journey, as seeded (real UAI, name and commune). */
export const COLLEGE = {
  uai: '0380002W',
  name: 'Collège Flavius Vaussenat',
  commune: 'Allevard',
  communeInsee: '38006',
  /** The contact address the seed gives it (`gestion.<uai>@colleges.example.org`): its new requests are e-mailed there. */
  contactEmail: 'gestion.0380002w@colleges.example.org',
};

/**
 * From the app's login page through the provider's sandbox login page and back:
 * the gateway's redirect flow, the sandbox's identity button, the callback.
 */
export async function logInWith(page: Page, provider: 'franceconnect' | 'proconnect', identity: string): Promise<void> {
  await page.locator('main h1', { hasText: 'Connexion à' }).waitFor();
  await page.click(
    provider === 'franceconnect' ? 'button.salle-connect--franceconnect' : 'button.salle-connect--proconnect',
  );
  await page.waitForURL(new RegExp(`/${provider}/interaction/`));
  await page.click(`button[name="identity"][value="${identity}"]`);
  const app = new URL(baseUrl()).origin;
  await page.waitForURL((url) => url.origin === app && !url.pathname.startsWith('/auth/'));
}

/** The header's "Se déconnecter": the gateway ends the session, then the provider's (end-session), then says so. */
export async function logOut(page: Page): Promise<void> {
  await page.locator('header').getByRole('button', { name: 'Se déconnecter' }).first().click();
  await page.waitForURL(/\/auth\/(franceconnect|proconnect)\/logout\/callback/);
  await page.locator('h1', { hasText: 'Vous êtes déconnecté(e)' }).waitFor();
}
