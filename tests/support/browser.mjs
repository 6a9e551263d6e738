// Debian's Chromium driven by playwright-core: never a downloaded browser. The flags keep
// Chromium from reaching for the network on its own (this machine's network is closed).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// bypassCSP: for the benchmark's own scripts in the page (a worker started by hand); the tests
// always run under the site's CSP.
export async function launchBrowser({ bypassCSP = false } = {}) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'retention-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    bypassCSP,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    userDataDir,  // names this browser's processes (the benchmark reads their CPU time)
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

// When the page's live module showed its first result (the `first-result` mark's start, in ms):
// the build writes the default scenario's numbers into the HTML, so a number on screen alone does
// not say the page is live.
export async function liveResultAt(page, { timeout = 60000 } = {}) {
  await page.waitForFunction(() => performance.getEntriesByName('first-result').length > 0, null, { timeout });
  return page.evaluate(() => performance.getEntriesByName('first-result')[0].startTime);
}
