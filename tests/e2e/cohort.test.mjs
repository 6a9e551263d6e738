// Cohort retention in Chromium: paste a survivor table, read the fitted model, hold out periods,
// upload a file, refuse bad tables, and let the fitted curve drive the calculator.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PageSession, SHOTS } from '../support/page-session.mjs';
import { ROOT } from '../support/wasm-module.mjs';

const SHARED_COHORT = path.join(ROOT, 'tests', 'data', 'sbg_regular_cohort.csv');
const session = new PageSession();
let page;

const fitRow = (term) => page.locator('#cohort-fit div', { has: page.locator('dt', { hasText: term }) }).locator('dd');
// The fit runs in a worker: the panel is aria-busy until the answer for the table as typed is shown.
const settled = () => page.locator('.cohort-panel[aria-busy="false"]').waitFor();

before(() => session.start());
after(() => session.stop());
beforeEach(async () => {
  page = await session.open();
  await page.locator('#inputs [name="period"]').selectOption('year');  // the cohort is in years
});

test('a pasted cohort, fitted on years 1-7, gives the published alpha, beta and log-likelihood', async () => {
  // Pasted as a spreadsheet column: tab separated, with a header and the year column.
  const rows = fs.readFileSync(SHARED_COHORT, 'utf8').trim().split('\n').map((line) => line.replace(',', '\t'));
  await page.locator('#cohort-text').fill(rows.join('\n'));
  await page.locator('#cohort-calibration').fill('7');
  await page.locator('#cohort-results').waitFor();
  await settled();
  assert.match(await fitRow(/^alpha, beta/).textContent(), /^0\.704 \(± 0\.0\d\), 1\.182 \(± 0\.1\d\)$/);
  assert.equal(await fitRow(/^Log-likelihood/).textContent(), '-1,680.27');
  assert.equal(await fitRow('Fitted on').textContent(), '7 years of 12 years, 1 cohort');
  // Years 8-12 are projected, not fitted: the sBG curve tracks them, constant churn does not.
  const holdout = await page.locator('#cohort-holdout tbody tr').allInnerTexts();
  assert.equal(holdout.length, 5);
  assert.match(holdout[0], /^8\s+223\s+220\s+2\d\d\s+129$/);
  assert.match(await page.locator('#cohort-holdout').innerText(), /sBG 1\.5%, BdW \d\.\d%, constant churn 59%/);
  assert.match(await page.locator('#cohort-verdict').textContent(), /^Constant churn understates CLV by \d+\.\d% for these cohorts/);
  assert.equal(await page.locator('#cohort-survival-chart svg circle').count(), 13);
  await page.locator('.cohort-panel').screenshot({ path: path.join(SHOTS, 'cohort-1280.png') });
  await session.checkHealthAndClose();
});

test('bad tables are refused with the reason, and the last fit stays', async () => {
  await page.locator('#cohort-example').click();
  await page.locator('#cohort-results').waitFor();
  await settled();
  const alphaBeta = await fitRow(/^alpha, beta/).textContent();
  for (const [text, message] of /** @type {Array<[string, RegExp]>} */ ([
    ['1000\n1200\n900', /period 1: 1,200 customers, more than the 1,000 of period 0/],
    ['1000\n800', /at least 3 are needed/],
    ['0\n0\n0', /starting count must be above 0/],
    ['1000\nlots\n500', /Row 2, column A: "lots" is not a number/],
  ])) {
    await page.locator('#cohort-text').fill(text);
    await settled();
    const error = page.locator('#cohort-error');
    await error.waitFor();
    assert.match(await error.innerText(), message);
    assert.match(await error.innerText(), /results below are from the last table/);
    assert.equal(await fitRow(/^alpha, beta/).textContent(), alphaBeta);
  }
  await page.locator('#cohort-calibration').fill('x');
  await settled();
  assert.match(await page.locator('#cohort-error').innerText(), /whole number of periods/);
  await session.checkHealthAndClose();
});

test('an uploaded CSV with cohorts in rows is fitted, and the grid edits it', async () => {
  const csv = 'cohort,0,1,2,3\nJan,1000,700,560,480\nFeb,800,550,450\nMar,900,640\n';
  await page.locator('#cohort-layout').selectOption('rows');
  await page.locator('#cohort-file').setInputFiles({ name: 'cohorts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.locator('#cohort-results').waitFor();
  await settled();
  assert.equal(await fitRow('Fitted on').textContent(), '3 years of 3 years, 3 cohorts');
  await page.locator('#cohort-grid-details summary').click();
  assert.deepEqual(await page.locator('#cohort-grid thead input').evaluateAll((inputs) => inputs.map((i) => i.value)), ['Jan', 'Feb', 'Mar']);
  const before = await fitRow(/^alpha, beta/).textContent();
  await page.getByLabel('Mar, period 2').fill('520');
  await settled();
  assert.notEqual(await fitRow(/^alpha, beta/).textContent(), before);
  assert.match(await page.locator('#cohort-text').inputValue(), /^period,Jan,Feb,Mar\n0,1000,800,900\n1,700,550,640\n2,560,450,520\n3,480,,\n$/);
  await session.checkHealthAndClose();
});

test('the fitted curve can drive the calculator and be dropped again', async () => {
  await page.locator('#inputs [name="horizon_periods"]').fill('12');
  const constantClv = await page.locator('[data-out="clv"]').textContent();
  await page.locator('#cohort-example').click();
  await page.locator('#cohort-results').waitFor();
  await settled();
  // The value, then its band over the fit's parameter uncertainty, which holds it.
  const fittedRow = (await fitRow('CLV, fitted curve').textContent()).trim();
  const [, fittedClv, low, high] = fittedRow.match(/^(\S+) \(P10–P90 over the parameters' uncertainty: (\S+) to (\S+)\)$/);
  const amount = (text) => Number(text.replace(/[^\d.]/g, ''));
  assert.ok(amount(low) < amount(fittedClv) && amount(fittedClv) < amount(high), fittedRow);
  await page.locator('#use-curve').click();
  assert.equal(await page.locator('[data-out="clv"]').textContent(), fittedClv);
  assert.match(await page.locator('#curve-notice').innerText(), /alpha 0\.704, beta 1\.182\): 37\.3% in the first period/);
  assert.equal(await page.locator('#churn-input').isDisabled(), true);
  // Exported scenarios carry the curve.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-json').click()]);
  const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.equal(exported.retention_curve.model, 'shifted_beta_geometric');
  assert.ok(Math.abs(exported.retention_curve.alpha - 0.704) < 5e-4);
  await page.locator('#drop-curve').click();
  assert.equal(await page.locator('[data-out="clv"]').textContent(), constantClv);
  assert.equal(await page.locator('#churn-input').isDisabled(), false);
  await session.checkHealthAndClose();
});

test('an embedded element with panels="cohorts" fits in its own worker', async () => {
  fs.writeFileSync(path.join(session.scratch, 'cohorts-embed.html'), '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>Blog</title>'
    + '<script type="module" src="/js/element.js"></script>'
    + '<retention-calculator panels="cohorts" scenario=\'{"period": "year"}\'></retention-calculator>\n');
  await page.goto(`${session.origin}/test-scratch/cohorts-embed.html`);
  const element = page.locator('retention-calculator');
  await element.locator('[data-out="clv"]').filter({ hasText: /\d/ }).waitFor();
  await element.locator('#cohort-example').click();
  await element.locator('#cohort-results').waitFor();
  await element.locator('.cohort-panel[aria-busy="false"]').waitFor();
  assert.match(await fitRow(/^alpha, beta/).textContent(), /^0\.704 \(± 0\.0\d\), 1\.182 \(± 0\.1\d\)$/);
  await session.checkHealthAndClose();
});
