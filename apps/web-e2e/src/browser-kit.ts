import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH as CHROMIUM } from '@salle/testing';
import { ARTIFACTS } from './stack/dev-stack';

/** The stack globalSetup started (or E2E_BASE_URL given beforehand). */
export function baseUrl(): string {
  const url = process.env['E2E_BASE_URL'];
  if (!url)
    throw new Error(
      'E2E_BASE_URL is not set: run these tests through apps/web-e2e/jest.config.cjs (its globalSetup starts the stack)',
    );
  return url;
}

/** True when the stack has a payment service behind the gateway (probed by globalSetup). */
export const hasPaymentService = (): boolean => process.env['E2E_PAYMENT'] === '1';

const pageErrors = new WeakMap<Page, string[]>();

/** A person's browser: French, Paris time, its own cookies; uncaught script errors of its pages are recorded. */
export async function newPerson(browser: Browser, width = 1280): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    viewport: { width, height: 900 },
    baseURL: baseUrl(),
    acceptDownloads: true,
  });
  context.on('page', (page) => {
    const errors: string[] = [];
    pageErrors.set(page, errors);
    page.on('pageerror', (error) => errors.push(error.message));
  });
  return context;
}

/** Uncaught script errors of the page since it opened. */
export const errorsOf = (page: Page): string[] => pageErrors.get(page) ?? [];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS], headless: true });
}

/**
 * Whether every page state is kept as a picture (`E2E_SCREENSHOTS=all`, to look the pages over), or only the
 * states a check found wrong and the pages open when a step fails (the default). The journeys reach some 250
 * states: their pictures cost a run about 12 s of wall time and 5 CPU s (2026-12-07, quiet machine), for pictures
 * nobody opens when everything passes.
 */
export const keepEveryScreenshot = process.env['E2E_SCREENSHOTS'] === 'all';

/** A full-page picture of the page kept as an artefact, as a JPEG (Chromium encodes it faster than a PNG). */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.jpg`), type: 'jpeg', quality: 80, fullPage });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The WCAG 2.1 levels A and AA, as axe-core tags its rules. */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Every axe-core violation of WCAG 2.1 A and AA on the page as it is now, whatever its impact (minor included). */
export async function accessibilityViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, which the pages' Content-Security-Policy (script-src 'self') does not block.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: { runOnly: { type: 'tag'; values: string[] }; resultTypes: string[] },
          ): Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
          }>;
        };
      }
    ).axe;
    // Only violations are read: axe then skips building selectors for the elements that pass (its documented
    // performance option), which was most of its time on long pages; the violations found are the same.
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.slice(0, 5).map((node) => node.target.map(String).join(' ')),
    }));
  }, WCAG_21_AA);
}

/** How far the page scrolls sideways (0 when everything fits the viewport's width). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Moves to another screen inside the app, as a link would (no page reload). */
export async function navigateInApp(page: Page, path: string): Promise<void> {
  await page.evaluate((target) => {
    window.history.pushState(null, '', target);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

/** Presses Tab until the focused element matches `selector`: proves it is reachable with the keyboard alone. */
export async function tabTo(page: Page, selector: string, maxPresses = 80): Promise<void> {
  for (let presses = 0; presses < maxPresses; presses++) {
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} not reached with ${maxPresses} Tab presses`);
}
