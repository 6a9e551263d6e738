// Subscriptions exports in Chromium: a Stripe-style file is read in the cohort panel, the
// currency is asked for, the headline numbers, heat maps and MRR movements show the values
// worked by hand in tests/core/subscriptions/subscription_cohorts_test.cpp, and the survivor
// table it gives is fitted and drives the calculator.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PageSession, SHOTS } from '../support/page-session.mjs';
import { ROOT } from '../support/wasm-module.mjs';
import { stripeExport } from '../support/generate-subscriptions.mjs';

const STRIPE = path.join(ROOT, 'tests', 'data', 'stripe_subscriptions.csv');
const session = new PageSession();
let page;

const term = (list, text) => page.locator(`${list} div`, { has: page.locator('dt', { hasText: text }) }).locator('dd');
const settled = () => page.locator('.cohort-panel[aria-busy="false"]').waitFor();
const readFile = (name, text) =>
  page.locator('#subscription-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

before(() => session.start());
after(() => session.stop());
beforeEach(async () => {
  page = await session.open();
});

test('a Stripe export with two currencies asks which, then shows the hand-worked numbers', async () => {
  await readFile('subscriptions.csv', fs.readFileSync(STRIPE, 'utf8'));
  const error = page.locator('#subscription-error');
  await error.waitFor();
  assert.match(await error.innerText(), /more than one currency \(USD \(11\), EUR \(1\)\).*choose the currency/s);
  await page.locator('#subscription-currency').selectOption('USD');
  await page.locator('#subscription-results').waitFor();
  assert.equal(await error.isHidden(), true);
  assert.equal(await term('#subscription-read', 'Read as').textContent(), 'Stripe subscriptions export');
  assert.match(await term('#subscription-read', 'Rows that could not be read').textContent(),
    /^3: line 18: it ends before its first paid period starts; line 19: the amount "-10\.00" is negative; line 20: "31\/02\/2024" is not a date$/);
  assert.match(await term('#subscription-read', 'Left out').textContent(), /free plans 1; never paid 2; still in their trial 1; in another currency 1;.* 1$/);
  assert.equal(await term('#subscription-headline', 'Monthly recurring revenue').textContent(), '$370.00');
  assert.equal(await term('#subscription-headline', 'Paying customers').textContent(), '7');
  assert.equal(await term('#subscription-headline', 'ARPA').textContent(), '$52.86');  // 370 / 7
  assert.equal(await term('#subscription-headline', 'Logo churn').textContent(), '7.1%');  // 1 / 14
  assert.equal(await term('#subscription-headline', 'Revenue churn').textContent(), '12.3%');  // 100 / 815
  assert.equal(await term('#subscription-headline', 'Net revenue retention').textContent(), '90%');
  assert.match(await page.locator('#subscription-headline').innerText(), /last 3 months/);
  // February's cohort: 3 customers, 2 at age 1 (D left), 3 at age 2 (D came back).
  const logoRows = await page.locator('#subscription-logo tbody tr').allInnerTexts();
  assert.match(logoRows[1], /^2024-02\s+3\s+100%\s+67%\s+100%/);
  assert.match(logoRows[3], /^All cohorts\s+100%\s+83%\s+100%\s+100%$/);
  const revenueRows = await page.locator('#subscription-revenue tbody tr').allInnerTexts();
  assert.match(revenueRows[1], /^2024-02\s+3\s+100%\s+74%\s+133%/);  // 135, 100, 180
  const march = (await page.locator('#subscription-movements tbody tr').allInnerTexts())[2];
  assert.match(march, /^2024-03\s+\$0\.00\s+\$45\.00\s+-\$20\.00\s+-\$80\.00\s+\$0\.00\s+\$280\.00\s+5$/);
  // The survivors fill the cohort table (cohorts in rows) and are fitted.
  assert.equal(await page.locator('#cohort-text').inputValue(), '2024-01\t3\t3\t3\t3\n2024-02\t3\t2\t2\n2024-04\t1\n');
  assert.equal(await page.locator('#cohort-layout').inputValue(), 'rows');
  await page.locator('#cohort-results').waitFor();
  await page.locator('.subscription-import').screenshot({ path: path.join(SHOTS, 'subscriptions-1280.png') });
});

test('a larger Stripe export is fitted and its curve drives the calculator, at 375 px', async () => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.locator('#inputs [name="horizon_periods"]').fill('24');
  const constantClv = await page.locator('[data-out="clv"]').textContent();
  await readFile('stripe-export.csv', stripeExport());
  await page.locator('#subscription-results').waitFor();
  assert.match(await term('#subscription-read', 'Counted to').textContent(), /^the end of 2024-12, in USD$/);
  assert.equal(await page.locator('#subscription-logo tbody tr').count(), 13);  // 12 cohorts and all of them
  await page.locator('#cohort-results').waitFor();
  await settled();
  // Beta(1, 3) churn probabilities: the fit finds about alpha 1 and beta 3.
  const fitted = (await term('#cohort-fit', /^alpha, beta/).textContent()).match(/^(\d+\.\d+) \(± [\d.]+\), (\d+\.\d+) /);
  const [alpha, beta] = [Number(fitted[1]), Number(fitted[2])];
  assert.ok(alpha > 0.6 && alpha < 1.6 && beta > 1.8 && beta < 5, `${alpha}, ${beta}`);
  await page.locator('#use-curve').click();
  assert.notEqual(await page.locator('[data-out="clv"]').textContent(), constantClv);
  assert.match(await page.locator('#curve-notice').innerText(), /alpha \d\.\d{3}, beta \d\.\d{3}/);
  await page.locator('.subscription-import').screenshot({ path: path.join(SHOTS, 'subscriptions-375.png') });
});

test('a file that is no subscriptions export says what it lacks and keeps the cohort table', async () => {
  await page.locator('#cohort-example').click();
  await page.locator('#cohort-results').waitFor();
  const table = await page.locator('#cohort-text').inputValue();
  await readFile('broken.csv', 'id,Customer ID,Status,Start (UTC),Interval,Amount\nsub_1,cus_1,active,2024-01-01,month,5\n');
  const error = page.locator('#subscription-error');
  await error.waitFor();
  assert.match(await error.innerText(), /broken\.csv could not be counted as subscriptions\.\s+This Stripe subscriptions export has no Ended At column \(looked for: Ended At\)/);
  assert.equal(await page.locator('#cohort-text').inputValue(), table);
});

test('a table of another kind is mapped by its columns, and counted', async () => {
  await readFile('billing.csv', 'who,plan,from,until,per month\nx,basic,2024-01-03,2024-02-10,9.50\ny,pro,2024-01-20,,12\nz,pro,2024-03-02,,12\n');
  const columns = page.locator('#subscription-columns');
  await columns.waitFor();
  // The defaults (customer, start, end, amount in the first four columns) read "basic" as a date.
  await page.locator('#subscription-error').filter({ hasText: '"basic" is not a date' }).waitFor();
  await columns.locator('[data-column="start"]').selectOption({ label: 'Column 3: from' });
  await columns.locator('[data-column="end"]').selectOption({ label: 'Column 4: until' });
  await columns.locator('[data-column="amount"]').selectOption({ label: 'Column 5: per month' });
  await page.locator('#subscription-results').waitFor();
  assert.equal(await term('#subscription-read', 'Read as').textContent(), 'A table of subscriptions (customer, start, end, amount per month)');
  assert.equal(await term('#subscription-headline', 'Monthly recurring revenue').textContent(), '$12.00');
  const february = (await page.locator('#subscription-movements tbody tr').allInnerTexts())[1];
  assert.match(february, /^2024-02\s+\$0\.00\s+\$0\.00\s+\$0\.00\s+-\$9\.50\s+\$0\.00\s+\$12\.00\s+1$/);
  assert.equal(await page.locator('#cohort-text').inputValue(), '2024-01\t2\t1\n');
});
