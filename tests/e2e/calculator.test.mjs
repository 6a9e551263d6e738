// End to end in headless Chromium: the served page, real typing, what a person sees.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PageSession, SHOTS } from '../support/page-session.mjs';

const session = new PageSession();
let page;

// Independent closed form: start-of-period lifetime CLV with constant churn, monthly discounting.
function expectedClv({ revenue = 50, margin = 80, spend = 2, churn = 5, annual = 10 } = {}) {
  const d = (1 + annual / 100) ** (1 / 12) - 1;
  const m = revenue * margin / 100 - spend;
  return (m * (1 + d)) / (churn / 100 + d);
}
const usd = (v) => new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v);
const card = (name) => page.locator(`[data-out="${name}"]`);
const field = (name) => page.locator(`#inputs [name="${name}"]`);
const checkPageHealth = () => session.checkHealthAndClose();

before(() => session.start());
after(() => session.stop());
beforeEach(async () => {
  page = await session.open();
});

test('the page loads with the default scenario and the right CLV', async () => {
  assert.equal(await card('clv').textContent(), usd(expectedClv()));
  assert.equal(await card('ltv-cac').textContent(), `${(expectedClv() / 300).toFixed(1)} : 1`);
  assert.equal(await card('payback').textContent(), '10 months');
  assert.equal(await card('ratio').textContent(), '1.5×');  // CAC 300 against $2 / 1 point = 200
  assert.equal(await page.locator('#projection-chart svg path').count(), 2);
  assert.equal(await page.locator('#tornado-chart svg rect').count() >= 16, true);
  // The strict CSP is in force (header and meta) and nothing violated it.
  const response = await page.request.get(`${session.origin}/`);
  assert.match(response.headers()['content-security-policy'], /script-src 'self' 'sha256-[A-Za-z0-9+/=]{44}' 'wasm-unsafe-eval'; style-src 'self' 'sha256-[A-Za-z0-9+/=]{44}';/);
  assert.equal(await page.locator('.mini-summary').isVisible(), false, 'the phone bar is hidden on desktop');
  await page.screenshot({ path: path.join(SHOTS, 'desktop-1280.png'), fullPage: true });
  await checkPageHealth();
});

test('typing changes the headline numbers correctly', async () => {
  await field('revenue_per_customer').fill('60');
  assert.equal(await card('clv').textContent(), usd(expectedClv({ revenue: 60 })));
  await field('churn_percent').fill('4');
  assert.equal(await card('clv').textContent(), usd(expectedClv({ revenue: 60, churn: 4 })));
  await field('cac').fill('1,000');
  assert.equal(await card('ltv-cac').textContent(), `${(expectedClv({ revenue: 60, churn: 4 }) / 1000).toFixed(1)} : 1`);
  // Retention mode: 96% retention is the same 4% churn.
  await page.locator('#churn-mode').selectOption('retention');
  assert.equal(await page.locator('#churn-input').inputValue(), '96');
  assert.equal(await card('clv').textContent(), usd(expectedClv({ revenue: 60, churn: 4 })));
  // The end-of-period convention divides by (1 + d).
  await page.locator('summary', { hasText: 'Conventions' }).click();
  await page.locator('[name="timing"]').selectOption('end_of_period');
  const d = 1.1 ** (1 / 12) - 1;
  assert.equal(await card('clv').textContent(), usd(expectedClv({ revenue: 60, churn: 4 }) / (1 + d)));
  await checkPageHealth();
});

test('bad input names the field, keeps the other inputs and the last good results', async () => {
  await field('revenue_per_customer').fill('70');
  const good = await card('clv').textContent();
  for (const [name, typed, message] of [
    ['churn_percent', 'abc', 'Churn % per period must be a number, not the text "abc".'],
    ['churn_percent', '150', 'Churn % per period must be a number from 0 to 100% (got 150).'],
    ['churn_percent', '5,5', 'Churn % per period must be a number, not the text "5,5".'],
    ['gross_margin_percent', '-5', 'Gross margin % must be a number from 0 to 100% (got -5).'],
    ['horizon_periods', '5000', 'Horizon (periods) must be a number from 1 to 600 (got 5,000).'],
    ['cac', '', 'Customer acquisition cost (CAC) is required.'],
  ]) {
    const before = await field(name).inputValue();
    await field(name).fill(typed);
    const input = field(name);
    assert.equal(await input.getAttribute('aria-invalid'), 'true', name);
    const describedBy = await input.getAttribute('aria-describedby');
    assert.equal(await page.locator(`#${describedBy}`).textContent(), message);
    assert.match(await page.locator('#error-summary').innerText(), /One input needs fixing/);
    assert.equal(await card('clv').textContent(), good, 'last good result kept');
    assert.equal(await field('revenue_per_customer').inputValue(), '70', 'other inputs kept');
    assert.match(await page.locator('#result-views').getAttribute('class'), /stale/);
    await field(name).fill(before);
    assert.equal(await page.locator('#error-summary').isHidden(), true);
  }
  // Two bad fields at once are both marked.
  await field('churn_percent').fill('-1');
  await field('new_customers_per_period').fill('many');
  assert.equal(await page.locator('#inputs [aria-invalid="true"]').count(), 2);
  assert.match(await page.locator('#error-summary').innerText(), /2 inputs need fixing/);
  await page.screenshot({ path: path.join(SHOTS, 'bad-input-1280.png') });
  await field('churn_percent').fill('5');
  await field('new_customers_per_period').fill('100');
  assert.equal(await card('clv').textContent(), good);
  await checkPageHealth();
});

test('scenarios can be added, renamed, changed and removed', async () => {
  const headers = () => page.locator('#scenario-table thead th').allTextContents();
  assert.deepEqual(await headers(), ['Measure', 'Baseline', 'Example: loyalty programme']);
  await page.locator('#add-scenario').click();
  assert.deepEqual(await headers(), ['Measure', 'Baseline', 'Example: loyalty programme', 'Scenario 2']);
  const editor = page.locator('.scenario').nth(1);
  await editor.getByLabel('Scenario name').fill('Price up');
  await editor.getByLabel('Churn change', { exact: true }).fill('');
  await editor.getByLabel('Revenue per customer').fill('55');
  assert.deepEqual(await headers(), ['Measure', 'Baseline', 'Example: loyalty programme', 'Price up']);
  const clvRow = page.locator('#scenario-table tbody tr', { has: page.locator('th', { hasText: /^CLV$/ }) });
  const priceUpClv = await clvRow.locator('td').nth(2).innerText();
  assert.ok(priceUpClv.startsWith(usd(expectedClv({ revenue: 55 }))), priceUpClv);
  assert.equal(await page.locator('#projection-chart svg path').count(), 3);
  // A scenario taking churn below zero is refused with its own message.
  await editor.getByLabel('Churn change', { exact: true }).fill('-7');
  assert.match(await editor.locator('.field-error').textContent(), /takes churn to -2%/);
  await editor.getByLabel('Churn change', { exact: true }).fill('-2');
  await page.locator('.scenario').nth(0).getByRole('button', { name: /Remove/ }).click();
  assert.deepEqual(await headers(), ['Measure', 'Baseline', 'Price up']);
  await checkPageHealth();
});

test('CSV export downloads the projection; JSON export imports back', async () => {
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
  assert.equal(csvDownload.suggestedFilename(), 'retention-projection.csv');
  const csv = fs.readFileSync(await csvDownload.path(), 'utf8').trim().split('\r\n');
  assert.equal(csv.length, 1 + 2 * 36);
  assert.match(csv[0], /^scenario,period,active_customers,/);
  assert.match(csv[1], /^"Baseline",1,1100,/);

  await field('cac').fill('450');
  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#export-json').click()]);
  const exported = JSON.parse(fs.readFileSync(await jsonDownload.path(), 'utf8'));
  assert.equal(exported.version, 3);
  assert.equal(exported.analysis.band_seed, 1);  // the panels' settings travel with it (the defaults here)
  assert.equal(exported.cac, 450);

  await page.reload();
  await card('clv').filter({ hasText: '$' }).waitFor();
  assert.equal(await field('cac').inputValue(), '300');
  await page.locator('#import-json').setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported)) });
  await page.locator('#import-status', { hasText: 'Imported mine.json' }).waitFor();
  assert.equal(await field('cac').inputValue(), '450');

  // A broken file is refused with a message, and the inputs stay as they were.
  await page.locator('#import-json').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 1, "cac": -4') });
  await page.locator('#import-status', { hasText: 'broken.json was not imported' }).waitFor();
  assert.equal(await field('cac').inputValue(), '450');
  await checkPageHealth();
});

test('a 375 px phone screen is readable without sideways scrolling', async () => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.waitForTimeout(100);  // the charts redraw at the new width
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  for (const name of ['clv', 'ltv-cac', 'payback', 'ratio']) {
    const box = await card(name).boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 375, `${name} card fits`);
    const size = await card(name).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    assert.ok(size >= 16, `${name} headline is at least 16px`);
  }
  const chartWidth = await page.locator('#projection-chart svg').evaluate((svg) => svg.getBoundingClientRect().width);
  assert.ok(chartWidth <= 375 && chartWidth > 250);
  await page.screenshot({ path: path.join(SHOTS, 'phone-375.png'), fullPage: true });
  // While typing in the inputs, the bar at the bottom keeps the headline numbers in view.
  await field('churn_percent').fill('6');
  const bar = page.locator('.mini-summary');
  assert.equal(await bar.isVisible(), true);
  assert.equal(await page.locator('[data-out="mini-clv"]').textContent(), usd(expectedClv({ churn: 6 })));
  const barBox = await bar.boundingBox();
  assert.ok(barBox.y + barBox.height <= 800 + 1 && barBox.y > 700, 'bar sits at the bottom of the screen');
  await page.screenshot({ path: path.join(SHOTS, 'phone-375-typing.png') });
  await checkPageHealth();
});
