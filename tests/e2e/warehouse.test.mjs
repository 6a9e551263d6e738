// The warehouse route in Chromium: the page writes the summary query for the names and dialect
// typed (refusing a name that is not plain), and reads a per-customer summary back: the published
// CDNOW summary (weeks) gives the published BG/NBD and Pareto/NBD log-likelihoods in the model
// comparison, and its averages reach the calculator.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PageSession, SHOTS } from '../support/page-session.mjs';
import { ROOT } from '../support/wasm-module.mjs';

const SUMMARY = path.join(ROOT, 'tests', 'data', 'cdnow_customers_summary.csv');
const session = new PageSession();
let page;

before(() => session.start());
after(() => session.stop());
beforeEach(async () => {
  page = await session.open();
});

test('the query follows the names and dialect, and a bad name is refused by field', async () => {
  await page.locator('#warehouse summary').click();
  const sql = page.locator('#wh-sql');
  await sql.filter({ hasText: 'WITH purchases' }).waitFor();
  await page.locator('#wh-dialect').selectOption('bigquery');
  await page.locator('#wh-table').fill('shop.orders');
  await page.locator('#wh-calibration-end').fill('2024-06-30');
  await sql.filter({ hasText: 'FROM shop.orders' }).waitFor();
  assert.match(await sql.textContent(), /CAST\(DATE_DIFF\(DATE '2024-06-30', first_day, DAY\) AS FLOAT64\) \/ 7 AS T/);
  await page.locator('#wh-customer').fill('customer id');
  await page.locator('#wh-error').waitFor();
  assert.match(await page.locator('#wh-error').innerText(), /customer must be a plain name .* \(got "customer id"\)/);
  await page.locator('#wh-customer').fill('customer_id');
  await page.locator('#wh-error').waitFor({ state: 'hidden' });
});

test('the published CDNOW summary gives the published fits, and its averages reach the calculator', async () => {
  await page.locator('#warehouse summary').click();
  await page.locator('#wh-sql').filter({ hasText: 'WITH purchases' }).waitFor();
  await page.locator('#wh-calibration-end').fill('1997-09-30');
  await page.locator('#wh-file').setInputFiles(SUMMARY);
  await page.locator('#wh-results').waitFor();
  const rows = await page.locator('#wh-models tbody tr').allInnerTexts();
  assert.match(rows.find((row) => row.startsWith('BG/NBD')), /r 0\.243 ± 0\.0\d\d, alpha 4\.41\d ± [\d.]+, a 0\.793 ± [\d.]+, b 2\.42\d ± [\d.]+\s+-9,582\.4/);
  assert.match(rows.find((row) => row.startsWith('Pareto/NBD')), /r 0\.553 ± [\d.]+, alpha 10\.5\d\d ± [\d.]+, s 0\.606 ± [\d.]+, beta 11\.6\d\d ± [\d.]+\s+-9,595\.0/);
  const fit = await page.locator('#wh-fit').innerText();
  assert.match(fit, /Rows in the summary\s+2,357\s+Customers they stand for\s+2,357/);
  assert.match(fit, /too few repeat buyers|spend/i);  // no spend column: Gamma-Gamma says why it is not fitted
  const churnBefore = await page.locator('#churn-input').inputValue();
  await page.locator('#wh-use').click();
  assert.notEqual(await page.locator('#churn-input').inputValue(), churnBefore);
  await page.locator('#warehouse').screenshot({ path: path.join(SHOTS, 'warehouse-1280.png') });
  assert.ok(fs.existsSync(path.join(SHOTS, 'warehouse-1280.png')));
});
