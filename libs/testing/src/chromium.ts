/**
 * How the browser tests and the browser benchmarks start Chromium: the
 * system's build (apt-get install chromium), headless and off the network (no
 * updates, no QUIC, no sync), so that what they measure is our pages only.
 */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
