// BG/BB on the page, in Chromium: the published donations table read from a file gives the
// published estimates with standard errors, a band and each history's answers; a bad table names
// its line and column and keeps the last results; text typed as an option is named; at 375 px.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PageSession, SHOTS } from '../support/page-session.mjs';
import { ROOT } from '../support/wasm-module.mjs';

const DONATIONS = path.join(ROOT, 'tests', 'data', 'donations.csv');
const session = new PageSession();
let page;

before(() => session.start());
after(() => session.stop());
beforeEach(async () => {
  page = await session.open({ width: 375, height: 900 });
});

async function readDonations() {
  await page.locator('#opportunities summary').click();
  await page.locator('#bgbb-file').setInputFiles(DONATIONS);
  await page.locator('#bgbb-results').waitFor();
  await page.locator('#bgbb-parameters tbody tr').first().waitFor();
}

test('the donations table gives the published BG/BB estimates, their errors, a band and each history\'s answers', async () => {
  await readDonations();
  const parameters = await page.locator('#bgbb-parameters tbody tr').allInnerTexts();
  // docs/model.md: alpha, beta, gamma, delta = 1.2035, 0.7497, 0.6567, 2.7834 (to the last digit shown, ±1).
  /** @type {Array<[string, number]>} */
  const expected = [['α', 1.2035], ['β', 0.7497], ['γ', 0.6567], ['δ', 2.7834]];
  assert.equal(parameters.length, 4);
  parameters.forEach((row, i) => {
    const [symbol, estimate, error] = row.split('\t').map((cell) => cell.trim());
    assert.equal(symbol, expected[i][0]);
    assert.ok(Math.abs(Number(estimate) - expected[i][1]) <= 1.0001e-4, `${symbol} ${estimate}`);
    assert.ok(Number(error) > 0 && Number(error) < Number(estimate), `${symbol} SE ${error}`);
  });
  const fit = await page.locator('#bgbb-fit').innerText();
  assert.match(fit, /Customers\s+11,104/);
  assert.match(fit, /Histories \(rows of the table\)\s+22/);
  assert.match(fit, /Expected purchases in the next 5 opportunities, all customers\s+[\d,.]+ \(P10–P90 over the parameters' uncertainty: [\d,.]+ to [\d,.]+\)/);
  assert.match(fit, /A new customer's expected purchases over 5 opportunities\s+1\.938/);  // published 1.9381 at n = 5
  const histories = await page.locator('#bgbb-histories tbody tr').allInnerTexts();
  assert.equal(histories.length, 22);
  // The donor who gave at all six opportunities is the likeliest alive.
  const every = histories.find((row) => row.startsWith('6\t6\t6'));
  const alive = (row) => Number(row.split('\t')[4].replace('%', ''));
  assert.ok(histories.every((row) => alive(row) <= alive(every)), every);
  await page.locator('#opportunities').screenshot({ path: path.join(SHOTS, 'bgbb-375.png') });
  assert.ok(fs.existsSync(path.join(SHOTS, 'bgbb-375.png')));
});

test('a bad table names its line and column and keeps the last results; a bad option is named', async () => {
  await readDonations();
  const before = await page.locator('#bgbb-parameters').innerText();
  const bad = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bgbb-')), 'bad.csv');
  fs.writeFileSync(bad, 'x,t_x,n\n1,1,6\n3,2,6\n');
  await page.locator('#bgbb-file').setInputFiles(bad);
  await page.locator('#bgbb-error').waitFor();
  assert.match(await page.locator('#bgbb-error').innerText(), /^Line 3, column x: x, the purchases, must be a whole number from 0 to t_x/);
  assert.equal(await page.locator('#bgbb-parameters').innerText(), before);
  await page.locator('#bgbb-file').setInputFiles(DONATIONS);
  await page.locator('#bgbb-error').waitFor({ state: 'hidden' });
  await page.locator('#bgbb-future').fill('five');
  await page.locator('#bgbb-error').filter({ hasText: 'Opportunities ahead' }).waitFor();
  assert.match(await page.locator('#bgbb-error').innerText(), /Opportunities ahead must be a number from 1 to 1,000 \(got "five"\)/);
  assert.equal(await page.locator('#bgbb-future').inputValue(), 'five');  // what was typed is kept
  await page.locator('#bgbb-future').fill('3');
  await page.locator('#bgbb-fit').filter({ hasText: 'next 3 opportunities' }).waitFor();
  assert.equal(await page.locator('#bgbb-error').isHidden(), true);
});

test('a file larger than the reader takes is refused in words, with its limit, and the last results stay', async () => {
  await readDonations();
  const before = await page.locator('#bgbb-parameters').innerText();
  const huge = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bgbb-')), 'huge.csv');
  fs.writeFileSync(huge, Buffer.alloc(50_000_001, 0x31));  // one byte over the 50 MB the view reads
  await page.locator('#bgbb-file').setInputFiles(huge);
  await page.locator('#bgbb-error').waitFor();
  assert.equal(await page.locator('#bgbb-error').innerText(), 'huge.csv is larger than 50 MB, more than this reader takes. Is it the right file?');
  assert.equal(await page.locator('#bgbb-parameters').innerText(), before);
  fs.rmSync(path.dirname(huge), { recursive: true });
});
