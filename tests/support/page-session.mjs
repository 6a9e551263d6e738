// One served site and one Chromium for an e2e test file, and a fresh page per test that records
// every request leaving 127.0.0.1 and every error the page raises. The health check runs by
// itself after every test that opened a page (and before a test opens its next one).
import assert from 'node:assert/strict';
import { afterEach } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { launchBrowser, liveResultAt } from './browser.mjs';
import { ROOT } from './wasm-module.mjs';

export const SHOTS = path.join(ROOT, 'test-output', 'screenshots');

export class PageSession {
  // Construct at the top level of a test file: the hook then applies to each of its tests.
  constructor() {
    afterEach(() => this.checkHealthAndClose());
  }

  async start() {
    fs.mkdirSync(SHOTS, { recursive: true });
    // Test pages beside the site: the fixtures, and a scratch folder for pages a test writes.
    this.scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'retention-pages-'));
    this.server = await startServer(0, '127.0.0.1', {
      '/test-blog/': path.join(ROOT, 'tests', 'e2e', 'fixtures'),
      '/test-scratch/': this.scratch,
    });
    this.origin = `http://127.0.0.1:${this.server.address().port}`;
    this.browser = await launchBrowser();
  }

  async stop() {
    await this.browser?.close();
    this.server?.close();
    if (this.scratch) fs.rmSync(this.scratch, { recursive: true, force: true });
  }

  // A new page on the calculator, once its first result is on screen.
  /** @param {{width?: number, height?: number, colorScheme?: 'light' | 'dark' | 'no-preference', query?: string}} [options] */
  async open({ width = 1280, height = 900, colorScheme = 'light', query = '' } = {}) {
    await this.checkHealthAndClose();
    this.foreignRequests = [];
    this.pageErrors = [];
    const page = await this.browser.context.newPage();
    this.page = page;
    await page.setViewportSize({ width, height });
    await page.emulateMedia({ colorScheme });
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(`${this.origin}/`) && !url.startsWith('blob:') && !url.startsWith('data:')) this.foreignRequests.push(url);
    });
    page.on('pageerror', (error) => this.pageErrors.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error') this.pageErrors.push(message.text()); });
    await page.goto(`${this.origin}/${query}`);
    await liveResultAt(page, { timeout: 10000 });
    await page.locator('[data-out="clv"]').filter({ hasText: /\p{Nd}/u }).waitFor({ timeout: 10000 });
    return page;
  }

  // After every test: nothing left the machine, nothing failed in the page, no NaN on screen.
  // Idempotent: a test may call it early; the automatic call then finds no page and returns.
  async checkHealthAndClose() {
    const page = this.page;
    if (!page) return;
    this.page = null;
    try {
      assert.deepEqual(this.foreignRequests, [], 'requests that left 127.0.0.1');
      assert.deepEqual(this.pageErrors, [], 'errors in the page');
      const text = await page.locator('body').innerText();
      assert.doesNotMatch(text, /NaN|Infinity|undefined/);
    } finally {
      await page.close();
    }
  }
}
