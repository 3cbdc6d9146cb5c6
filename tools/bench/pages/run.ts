// Page-weight benchmark: the search page as a visitor's Chromium loads it
// from the gateway (which serves the web build, compressed and cached as in
// production), at the Isère seed. Measures the bytes transferred on a first
// visit and on a repeat visit (same browser, its cache kept), then the time
// from submitting a search to the first result shown, over BENCH_SEARCHES
// searches (default 30), each on a fresh load of the page.
//
//   npx nx build web && npm run bench:pages
//
// Environment: DATABASE_URL (admin connection; a scratch database is created
// and dropped), REDIS_URL, BENCH_SEARCHES, CHROMIUM_PATH (default
// /usr/bin/chromium). The web build is the gateway's default, dist/apps/web.
//
// Bytes are what crossed the network, headers included (the DevTools
// protocol's encodedDataLength of every response of the page). The baseline
// of the same run, printed beside the search time: the search API's own time
// for the same query, asked with fetch from the page.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '@salle/testing';
import { load, ms, percentile, say, startIsereStack } from '../isere-stack/stack';

const searches = Number(process.env['BENCH_SEARCHES'] ?? 30);
const TARGETS = { firstKb: 400, repeatKb: 20, searchMs: 300 };
const webDir = path.resolve(__dirname, '../../../dist/apps/web');

/** What `page` received while `visit` ran, response by response, from the DevTools protocol. */
async function transferred(context: BrowserContext, page: Page, visit: () => Promise<unknown>) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const urls = new Map<string, string>();
  const sizes = new Map<string, number>();
  cdp.on('Network.requestWillBeSent', (event: { requestId: string; request: { url: string } }) =>
    urls.set(event.requestId, event.request.url),
  );
  cdp.on('Network.loadingFinished', (event: { requestId: string; encodedDataLength: number }) => {
    // Only this visit's requests: one of an earlier visit still finishing would be counted under no address.
    const sent = urls.get(event.requestId);
    if (!sent) return;
    const url = new URL(sent);
    const key = url.pathname + url.search;
    sizes.set(key, (sizes.get(key) ?? 0) + event.encodedDataLength);
  });
  await visit();
  await cdp.detach();
  const bytes = [...sizes.values()].reduce((sum, size) => sum + size, 0);
  const largest = [...sizes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([url, size]) => `${url} ${(size / 1024).toFixed(1)} kB`);
  return { bytes, largest };
}

/**
 * Submits the search form as it opens (the next two weeks, everywhere) and
 * waits for the first result; returns that time and the search API call the page made.
 */
async function timedSearch(page: Page, url: string): Promise<{ elapsed: number; apiUrl: string }> {
  await page.goto(url, { waitUntil: 'networkidle' });
  const answered = page.waitForResponse((response) => new URL(response.url()).pathname.endsWith('/search'));
  const started = performance.now();
  await page.click('form#recherche button[type="submit"]');
  await page.locator('.salle-results article').first().waitFor({ timeout: 10_000 });
  const elapsed = performance.now() - started;
  return { elapsed, apiUrl: (await answered).url() };
}

/** The search API alone, for the query the page sent, as the page's own fetch sees it. */
async function apiTime(page: Page, apiUrl: string): Promise<number> {
  return page.evaluate(async (url) => {
    const started = performance.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    return performance.now() - started;
  }, apiUrl);
}

async function main() {
  if (!existsSync(path.join(webDir, 'index.html'))) throw new Error(`no web build in ${webDir}: run npx nx build web`);
  const stack = await startIsereStack('pages');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS], headless: true });
  try {
    const home = `${stack.gatewayUrl}/`;
    const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    const page = await context.newPage();
    say(`load average ${load()}; first and repeat visits of ${home}...`);
    // The page is loaded when the collèges list has arrived and the fonts are in: on a loaded machine the
    // network can go quiet for 500 ms while the scripts are compiled, before the page asks for either, and
    // `networkidle` alone then ends the visit early (its list and fonts were counted in the next visit).
    const visit = async () => {
      const listed = page.waitForResponse((response) => new URL(response.url()).pathname.endsWith('/establishments'));
      await page.goto(home, { waitUntil: 'networkidle' });
      await (await listed).finished();
      await page.evaluate('document.fonts.ready.then(() => undefined)');
      await page.waitForLoadState('networkidle');
    };
    const { bytes: first, largest: firstLargest } = await transferred(context, page, visit);
    const { bytes: repeat, largest: repeatLargest } = await transferred(context, page, visit);
    say(`first visit ${(first / 1024).toFixed(1)} kB transferred; largest: ${firstLargest.join(', ')}`);
    say(`repeat visit ${(repeat / 1024).toFixed(1)} kB transferred; largest: ${repeatLargest.join(', ')}`);

    await timedSearch(page, home); // warm-up: the search's own caches and the page's JIT
    say(`load average ${load()}; ${searches} searches, each on a fresh load of the page...`);
    const shown: number[] = [];
    const api: number[] = [];
    for (let i = 0; i < searches; i += 1) {
      const { elapsed, apiUrl } = await timedSearch(page, home);
      shown.push(elapsed);
      api.push(await apiTime(page, apiUrl));
    }
    await context.close();
    const [firstKb, repeatKb, p50] = [first / 1024, repeat / 1024, percentile(shown, 50)];
    say(`submit → first result shown: p50 ${ms(p50)} p99 ${ms(percentile(shown, 99))}`);
    say(`baseline, the search API alone from the page: p50 ${ms(percentile(api, 50))} p99 ${ms(percentile(api, 99))}`);
    const verdict = (met: boolean) => (met ? 'met' : 'not met');
    say(
      `pages bench (load average ${load()}): first visit ${firstKb.toFixed(1)} kB (≤ ${TARGETS.firstKb}: ` +
        `${verdict(firstKb <= TARGETS.firstKb)}), repeat visit ${repeatKb.toFixed(1)} kB (≤ ${TARGETS.repeatKb}: ` +
        `${verdict(repeatKb <= TARGETS.repeatKb)}), search shown p50 ${ms(p50)} (≤ ${TARGETS.searchMs} ms: ` +
        `${verdict(p50 <= TARGETS.searchMs)}; API alone p50 ${ms(percentile(api, 50))})`,
    );
  } finally {
    await browser.close();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`pages bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
