import type { Browser } from 'playwright-core';
import { accessibilityViolations, launchChromium } from '../src/browser-kit';

// The journeys' accessibility check (axe-core, WCAG 2.1 A and AA) finds violations, and names the elements at fault,
// which the journeys' failure messages show.
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const page = async (body: string) => {
  const opened = await browser.newPage();
  await opened.setContent(
    `<!doctype html><html lang="fr"><head><title>Essai</title></head><body>${body}</body></html>`,
  );
  return opened;
};

it('finds nothing wrong on a sound page', async () => {
  const sound = await page(
    '<main><h1>Salle</h1><img src="data:," alt="Plan du gymnase"><button>Réserver</button></main>',
  );
  expect(await accessibilityViolations(sound)).toEqual([]);
});

it('reports each violation with the elements at fault', async () => {
  const wrong = await page('<main><h1>Salle</h1><img id="plan" src="data:,"><button></button></main>');
  const found = await accessibilityViolations(wrong);
  expect(found.map(({ id, nodes }) => ({ id, nodes })).sort((a, b) => a.id.localeCompare(b.id))).toEqual([
    { id: 'button-name', nodes: ['button'] },
    { id: 'image-alt', nodes: ['#plan'] },
  ]);
  expect(found.every((violation) => violation.help.length > 0)).toBe(true);
});
