// Races in Chromium: the reader's last choice wins over work started for an earlier one. A
// language whose file arrives after another was chosen, and a transaction log still being read
// when a newer file (or a cancel) comes, must never reach the screen, the saved preference or the
// CSV download.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PageSession } from '../support/page-session.mjs';
import { writeTransactionLog } from '../support/generate-log.mjs';

const session = new PageSession();
let page, temp, largeLog, smallLog;

// A small log whose counts are known by construction: customers S01..S40, customer i buying
// (i mod 3) + 1 times, a month apart. i mod 3 is 1 for 14 of them (i = 1, 4, …, 40), 2 for 13,
// 0 for 13: 14·2 + 13·3 + 13·1 = 80 transactions of 40 customers. Every first purchase falls in
// the first 22 days of an 82-day log, so inside the calibration half and in the prediction CSV.
function writeSmallLog(file) {
  const lines = ['customer,date,amount'];
  for (let i = 1; i <= 40; i++) {
    for (let k = 0; k < (i % 3) + 1; k++) {
      const day = new Date(Date.UTC(2024, 0, 1 + ((i * 7) % 28) + k * 30)).toISOString().slice(0, 10);
      lines.push(`S${String(i).padStart(2, '0')},${day},${(10 + i + k).toFixed(2)}`);
    }
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

before(async () => {
  temp = fs.mkdtempSync(path.join(os.tmpdir(), 'retention-races-'));
  largeLog = path.join(temp, 'large-log.csv');
  smallLog = path.join(temp, 'small-log.csv');
  writeTransactionLog(largeLog, 1_000_000);
  writeSmallLog(smallLog);
  await session.start();
});
after(async () => {
  await session.stop();
  fs.rmSync(temp, { recursive: true, force: true });
});
beforeEach(async () => {
  page = await session.open();
});

test('Urdu chosen, then English while Urdu is still loading: the page ends in English and saves English', async () => {
  let releaseUrdu;
  const urduRequested = new Promise((/** @type {(value?: void) => void} */ resolve) => {
    page.route('**/i18n/ur.json', async (route) => {
      resolve();
      await new Promise((release) => { releaseUrdu = release; });
      await route.continue();
    });
  });
  await page.locator('#language').selectOption('ur');
  await urduRequested;
  await page.locator('#language').selectOption('en');
  const urduArrived = page.waitForResponse('**/i18n/ur.json');
  releaseUrdu();
  await urduArrived;
  // The late file has been read and handled by now (a parse and a few microtasks); give it time
  // in case it would switch the page, which is what this test must catch.
  await page.waitForTimeout(500);
  try {
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'ltr');
    assert.equal(await page.locator('#language').inputValue(), 'en');
    assert.equal(await page.locator('h1').textContent(), 'Customer retention calculator');
    assert.equal(await page.evaluate(() => localStorage.getItem('retention-calculator-language')), 'en');
  } finally {
    // The browser profile is shared by the file's tests: a wrongly saved Urdu must not leak into them.
    await page.evaluate(() => localStorage.removeItem('retention-calculator-language'));
  }
  await page.unroute('**/i18n/ur.json');
  await session.checkHealthAndClose();
});

async function upload(file) {
  await page.locator('#tx-file').setInputFiles(file);
  await page.locator('#tx-setup').waitFor();
}

// Transaction workers by the order they started, each with a promise of its end.
function watchWorkers() {
  const workers = [];
  page.on('worker', (worker) => {
    if (!worker.url().endsWith('/transactions-worker.js')) return;
    workers.push({ worker, closed: new Promise((resolve) => worker.on('close', resolve)) });
  });
  return workers;
}

const within = (promise, ms, what) => Promise.race([promise,
  new Promise((_, reject) => setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms))]);

async function fullReadSeconds() {
  await page.locator('#tx-read').click();
  await page.locator('#tx-fit dd').first().waitFor({ timeout: 60000 });
  assert.match(await page.locator('#tx-import').textContent(), /^1,000,000 transactions of /);
  return page.evaluate(() => performance.getEntriesByName('transactions-read-and-fit').at(-1).duration / 1000);
}

test('a newer file chosen while a large one is read ends that read: only the new file\'s results and CSV show', async () => {
  const workers = watchWorkers();
  await upload(largeLog);
  // How long the large read and fit take here, so the test can wait past the point where the
  // interrupted read would have finished.
  const seconds = await fullReadSeconds();

  await page.locator('#tx-read').click();
  await page.locator('#tx-progress-text', { hasText: '%' }).waitFor();
  assert.ok(await page.locator('#tx-progress').evaluate((bar) => bar.value < 1), 'the large read is still under way');
  const reading = workers.at(-1);
  await upload(smallLog);
  await within(reading.closed, 5000, 'the large read\'s worker ending');
  // Its size as a person reads it: a small file is not "0.0 MB".
  const megabytes = new Intl.NumberFormat('en', { maximumSignificantDigits: 2 }).format(fs.statSync(smallLog).size / 1e6);
  assert.equal(await page.locator('#tx-file-name').textContent(), `small-log.csv, ${megabytes} MB. The first rows:`);
  assert.match(await page.locator('#tx-preview').textContent(), /S01/);

  // Long after the large read would have finished, nothing of it shows under the new name.
  await page.waitForTimeout(2 * seconds * 1000 + 1000);
  assert.equal(await page.locator('#tx-results').isVisible(), false);
  assert.equal(await page.locator('#tx-progress-row').isVisible(), false);
  assert.doesNotMatch(await page.locator('.transactions-panel').innerText(), /1,000,000/);

  await page.locator('#tx-read').click();
  await page.locator('#tx-import').filter({ hasText: 'customers' }).waitFor({ timeout: 20000 });
  assert.match(await page.locator('#tx-import').textContent(), /^80 transactions of 40 customers, /);
  await page.locator('#tx-fit dd').first().waitFor({ timeout: 20000 });
  await page.waitForTimeout(2 * seconds * 1000);
  assert.match(await page.locator('#tx-import').textContent(), /^80 transactions of 40 customers, /);

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#tx-csv').click()]);
  const rows = fs.readFileSync(await download.path(), 'utf8').trim().split(/\r?\n/).slice(1);
  const ids = rows.map((row) => row.split(',')[0].replace(/"/g, '')).sort();
  assert.deepEqual(ids, Array.from({ length: 40 }, (_, i) => `S${String(i + 1).padStart(2, '0')}`));
  await session.checkHealthAndClose();
});

test('cancel ends the read and frees its worker; nothing of it shows later', async () => {
  const workers = watchWorkers();
  await upload(largeLog);
  await page.locator('#tx-read').click();
  await page.locator('#tx-progress-text', { hasText: '%' }).waitFor();
  const reading = workers.at(-1);
  await page.locator('#tx-cancel').click();
  await within(reading.closed, 5000, 'the cancelled read\'s worker ending');
  assert.match(await page.locator('#tx-error').innerText(), /Cancelled/);
  await page.waitForTimeout(3000);
  assert.equal(await page.locator('#tx-results').isVisible(), false);
  assert.equal(await page.locator('#tx-progress-row').isVisible(), false);
  assert.match(await page.locator('#tx-error').innerText(), /Cancelled/);
  await session.checkHealthAndClose();
});
