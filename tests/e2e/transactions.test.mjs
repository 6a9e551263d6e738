// Transaction logs in Chromium: upload a CSV, map its columns, read it in a worker with progress
// and cancel, and read the fitted models off the page.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PageSession, SHOTS } from '../support/page-session.mjs';
import { ROOT } from '../support/wasm-module.mjs';
import { writeTransactionLog } from '../support/generate-log.mjs';

const SAMPLE = path.join(ROOT, 'tests', 'data', 'CDNOW_sample.txt');
const session = new PageSession();
let page;

const fitRow = (term) => page.locator('#tx-fit div', { has: page.locator('dt', { hasText: term }) }).locator('dd');

before(() => session.start());
after(() => session.stop());
beforeEach(async () => {
  page = await session.open();
});

async function upload(file) {
  await page.locator('#tx-file').setInputFiles(file);
  await page.locator('#tx-setup').waitFor();
}

test('the CDNOW sample, uploaded and mapped, gives the published estimates', async () => {
  await upload(SAMPLE);
  assert.equal(await page.locator('#tx-preview tbody tr').count(), 6);
  await page.locator('#tx-customer').selectOption('1');  // the sample's own ids, as in the paper
  assert.equal(await page.locator('#tx-date').inputValue(), '2');
  assert.equal(await page.locator('#tx-amount').inputValue(), '4');
  await page.locator('#tx-read').click();
  await page.locator('#tx-results').waitFor({ timeout: 20000 });
  assert.match(await page.locator('#tx-import').textContent(), /^6,919 transactions of 2,357 customers, Jan 1, 1997 to Jun 30, 1998\.$/);
  await page.locator('#tx-calibration-end').fill('1997-09-30');
  await page.locator('#tx-fit dd', { hasText: '0.243, 4.414, 0.793, 2.426' }).waitFor();
  assert.equal(await fitRow('BG/NBD log-likelihood').textContent(), '-9,582.4');
  assert.equal(await fitRow('Gamma-Gamma').textContent(), '6.25, 3.74, 15.44');
  assert.equal(await fitRow('Repeat purchase rate').textContent(), '40.1%');
  assert.equal(await page.locator('#tx-top tbody tr').count(), 20);
  assert.match(await page.locator('#tx-holdout').innerText(), /1,882 actual/);
  assert.equal(await page.locator('#tx-progress-row').isVisible(), false);

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#tx-csv').click()]);
  assert.equal(download.suggestedFilename(), 'customer-predictions.csv');
  assert.equal(fs.readFileSync(await download.path(), 'utf8').trim().split('\r\n').length, 2358);

  const revenue = await page.locator('#inputs [name="revenue_per_customer"]').inputValue();
  await page.locator('#tx-use').click();
  assert.notEqual(await page.locator('#inputs [name="revenue_per_customer"]').inputValue(), revenue);
  await page.locator('.transactions-panel').screenshot({ path: path.join(SHOTS, 'transactions-1280.png') });
  await session.checkHealthAndClose();
});

test('bad rows are counted with line numbers; an unreadable file says why', async () => {
  const file = path.join(os.tmpdir(), 'retention-bad-rows.csv');
  fs.writeFileSync(file, 'customer,date,amount\nA,2024-01-05,10\nB,2024-13-01,5\nC,someday,5\nA,2024-02-01,abc\n' +
    Array.from({ length: 40 }, (_, i) => `K${i % 12},2024-0${1 + (i % 6)}-1${i % 9},${i + 1}.50`).join('\n'));
  await upload(file);
  await page.locator('#tx-read').click();
  await page.locator('#tx-import').filter({ hasText: 'rows could not be read' }).waitFor({ timeout: 20000 });
  assert.match(await page.locator('#tx-import').textContent(), /^41 transactions of 13 customers, Jan 5, 2024 to Jun 18, 2024\. 3 of 44 rows could not be read:$/);
  assert.deepEqual(await page.locator('#tx-bad-rows li').allTextContents(),
    ['line 3: "2024-13-1" is not a date', 'line 4: "someday" is not a date', 'line 5: "abc" is not an amount']);

  fs.writeFileSync(file, 'hello,world\nthis,is\nnot,a log\n');
  await upload(file);
  await page.locator('#tx-read').click();
  await page.locator('#tx-error').waitFor();
  assert.match(await page.locator('#tx-error').innerText(), /The file could not be read\.\s+No transactions could be read/);
  await session.checkHealthAndClose();
});

test('a million rows read in a worker: the page stays responsive and the read can be cancelled', async () => {
  const file = path.join(os.tmpdir(), 'retention-1m.csv');
  if (!fs.existsSync(file)) writeTransactionLog(file, 1_000_000);
  await upload(file);
  await page.locator('#tx-read').click();
  await page.locator('#tx-progress-text', { hasText: '%' }).waitFor();
  // The calculator answers while the log is being read.
  await page.locator('#inputs [name="revenue_per_customer"]').fill('70');
  assert.match(await page.locator('[data-out="clv"]').textContent(), /^\$/);
  await page.locator('#tx-cancel').click();
  assert.match(await page.locator('#tx-error').innerText(), /Cancelled/);
  assert.equal(await page.locator('#tx-progress-row').isVisible(), false);

  // Read again to the end: the models are fitted on the whole log.
  await page.locator('#tx-read').click();
  await page.locator('#tx-results').waitFor({ timeout: 60000 });
  await page.locator('#tx-fit dd').first().waitFor({ timeout: 60000 });
  assert.match(await page.locator('#tx-import').textContent(), /^1,000,000 transactions of [\d,]+ customers/);
  const seconds = await page.evaluate(() => performance.getEntriesByName('transactions-read-and-fit').at(-1).duration / 1000);
  assert.ok(seconds < 30, `read and fit took ${seconds.toFixed(1)} s`);  // a sanity bound; scripts/bench measures
  await session.checkHealthAndClose();
});
