// The strategy planner end to end: a person adds programs, types their costs and effects, and
// reads payback, ROI, the Monte Carlo answer, the funnel's CAC and the best budget split.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PageSession, SHOTS } from '../support/page-session.mjs';
import { planSettled } from '../support/plan-input.mjs';

const session = new PageSession();
let page;

const field = (name) => page.locator(`#inputs [name="${name}"]`);
const programInput = (index, key, part = 'likely') => page.locator('.program').nth(index).locator(`[id$="-${key}${part ? `-${part}` : ''}"]`);
const usd = (v, digits = 2) => new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
const percent = (ratio) => new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 }).format(ratio);

before(() => session.start());
after(() => session.stop());
beforeEach(async () => {
  page = await session.open();
});

async function addProgram(kind) {
  await page.locator('#program-kind').selectOption(kind);
  await page.locator('#add-program').click();
}

// The cells of the programs table, by row name and column title.
async function programTable() {
  return page.locator('#program-table').evaluate((table) => {
    const titles = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
    return Object.fromEntries([...table.querySelectorAll('tbody tr')].map((row) => [
      row.querySelector('th').textContent,
      Object.fromEntries([...row.querySelectorAll('td')].map((td, i) => [titles[i + 1], td.textContent])),
    ]));
  });
}

// 1,000 customers who never leave, paying 10 a month at full margin, for 12 months.
async function steadyBase() {
  await page.locator('.scenario .remove').click();  // the example scenario's churn cut needs churn above 0
  for (const [name, value] of [['revenue_per_customer', '10'], ['gross_margin_percent', '100'], ['churn_percent', '0'],
    ['cac', '100'], ['retention_spend_per_customer', '0'], ['churn_reduction_from_retention_spend_points', '0'],
    ['starting_customers', '1000'], ['new_customers_per_period', '0'], ['horizon_periods', '12']]) {
    await field(name).fill(value);
  }
}

test('a cross-sell program pays back when the hand calculation says, with the ROI worked out by hand', async () => {
  await steadyBase();
  await addProgram('cross_selling');
  await programInput(0, 'fixed_cost_per_period').fill('500');
  await programInput(0, 'revenue_uplift_percent').fill('10');
  await programInput(0, 'ramp', null).fill('4');
  // Gains of 250, 500, 750, then 1,000 a month against 500 a month: the cumulative gain is
  // -250, -250, 0 after three months, so it pays back after 3 months.
  const row = page.locator('#program-table tbody tr').first();
  await row.locator('td', { hasText: '3 months' }).waitFor();
  const d = 1.1 ** (1 / 12) - 1, v = 1 / (1 + d);
  let net = 0, cost = 0, acquisitionNet = 0;
  for (let k = 1; k <= 12; k++) {
    const share = Math.min(1, k / 4);
    net += v ** (k - 1) * (1000 * share - 500);  // margin and spend both at the start of the month
    cost += v ** (k - 1) * 500;
    acquisitionNet += v ** (k - 1) * (5 * k * 10 - 500);  // 500 / CAC 100 = 5 customers a month who stay
  }
  const cells = (await programTable())['Cross-selling'];
  assert.equal(cells['Pays back after'], '3 months');
  assert.equal(cells.ROI, percent(net / cost));
  assert.equal(cells['Cost (discounted)'], usd(cost));
  assert.equal(cells['ROI of the same money on acquisition'], percent(acquisitionNet / cost));
  assert.equal(cells['CLV with it'], usd((11 * (1 + d)) / d));  // m = 11 a month forever, discounted
  assert.equal(await page.locator('#plan-verdict').textContent(),
    `Cross-selling pays back after 3 months and returns ${percent(net / cost)} on its cost over 12 months. `
    + `The same money spent on acquisition at today's CAC would return ${percent(acquisitionNet / cost)}.`);
  // A second program: the table adds a row for both together.
  await addProgram('loyalty_programme');
  await programInput(1, 'churn_reduction_percent').fill('10');
  await page.locator('#program-table th', { hasText: 'The whole plan' }).waitFor();
  await session.checkHealthAndClose();
});

test('bad program values are named, the rest of the plan and the calculator keep their inputs', async () => {
  await addProgram('loyalty_programme');
  await programInput(0, 'fixed_cost_per_period').fill('2000');
  await programInput(0, 'churn_reduction_percent').fill('12');
  await page.locator('#plan-verdict').filter({ hasText: 'pays back' }).waitFor();
  await programInput(0, 'churn_reduction_percent', 'low').fill('30');
  const summary = page.locator('#planner-error');
  await summary.filter({ hasText: 'Leavers kept %: low, most likely and high must be in that order (got 30, 12, 12).' }).waitFor();
  await programInput(0, 'revenue_uplift_percent').fill('lots');
  await summary.filter({ hasText: 'Revenue uplift % must be a number' }).waitFor();
  assert.equal(await programInput(0, 'churn_reduction_percent').getAttribute('aria-invalid'), 'true');
  assert.equal(await programInput(0, 'fixed_cost_per_period').inputValue(), '2000');
  assert.equal(await field('revenue_per_customer').inputValue(), '50');
  // Fixing both brings the answer back.
  await programInput(0, 'churn_reduction_percent', 'low').fill('5');
  await programInput(0, 'revenue_uplift_percent').fill('');
  await summary.waitFor({ state: 'hidden' });
  await page.locator('#plan-verdict').filter({ hasText: 'pays back' }).waitFor();
  await session.checkHealthAndClose();
});

test('ranges give a seeded Monte Carlo answer with bands, the same after a share link', async () => {
  await addProgram('loyalty_programme');
  await programInput(0, 'fixed_cost_per_period').fill('2000');
  await programInput(0, 'churn_reduction_percent').fill('12');
  await programInput(0, 'churn_reduction_percent', 'low').fill('5');
  await programInput(0, 'churn_reduction_percent', 'high').fill('20');
  await programInput(0, 'ramp', null).fill('3');
  await page.locator('#add-range').click();
  await page.locator('.range-row input').first().fill('4');
  await page.locator('.range-row input').nth(1).fill('7');
  await planSettled(page);
  const status = page.locator('#simulation-status');
  assert.match(await status.textContent(), /^10,000 draws with seed 1, in [\d,]+ ms\.$/);
  const metrics = page.locator('#simulation-metrics');
  await metrics.filter({ hasText: 'Chance the plan pays back within 36 months' }).waitFor();
  const chance = await metrics.locator('dd').first().textContent();
  assert.match(chance, /^\d{1,3}(\.\d)?%$/);
  const firstRun = await metrics.textContent();
  // The band (P10 to P90) is drawn under the lines; both histograms have bars.
  assert.equal(await page.locator('#plan-chart svg path[fill-opacity]').count(), 1);
  assert.ok(await page.locator('#clv-histogram svg rect').count() >= 20);
  await page.locator('#plan-chart-metric').selectOption('customers');
  assert.equal(await page.locator('#plan-chart svg path[fill-opacity]').count(), 2);
  await page.locator('#planner-results').screenshot({ path: path.join(SHOTS, 'planner-results-1280.png') });
  // The plan by period, with its bands, downloads as CSV.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#plan-csv').click()]);
  assert.equal(download.suggestedFilename(), 'retention-plan.csv');
  const csv = fs.readFileSync(await download.path(), 'utf8').trim().split('\r\n');
  assert.equal(csv.length, 1 + 36);
  assert.match(csv[0], /^period,customers_without_plan,customers_with_plan,cumulative_gain,customers_with_plan_p10,/);
  assert.match(csv[36], /^36,/);

  // The plan travels in the share link, and the same seed gives the same answer.
  await page.locator('#share-link').click();
  const link = await page.locator('#share-url').inputValue();
  await session.checkHealthAndClose();
  page = await session.open({ query: link.slice(session.origin.length + 1) });
  await page.locator('#simulation-metrics').filter({ hasText: 'Chance the plan pays back' }).waitFor();
  await planSettled(page);
  assert.equal(await programInput(0, 'churn_reduction_percent', 'high').inputValue(), '20');
  assert.equal(await page.locator('#simulation-metrics').textContent(), firstRun);
  await page.locator('#plan-seed').fill('2');
  await page.locator('#simulation-status').filter({ hasText: 'seed 2' }).waitFor();
  await planSettled(page);
  assert.notEqual(await page.locator('#simulation-metrics').textContent(), firstRun);
  await session.checkHealthAndClose();
});

test('the funnel derives CAC and names the step that moves it most; its CAC can drive the calculator', async () => {
  await page.locator('#funnel-details summary').click();
  // 100,000 reached x 20% x 10% x 15% = 300 customers for 10,000: CAC 33.33; a point more at
  // consideration (the smallest rate) gives 330 customers, CAC 30.30.
  const result = page.locator('#funnel-result');
  await result.filter({ hasText: `300 customers per month at a CAC of ${usd(10000 / 300)}` }).waitFor();
  assert.match(await result.textContent(), new RegExp(`“Consider buying” cuts CAC most, to \\${usd(10000 / 330)}`));
  assert.equal(await page.locator('#funnel-table tr.best th').textContent(), 'Consider buying');
  const ratioBefore = await page.locator('[data-out="ltv-cac"]').textContent();
  await page.locator('#funnel-use').check();
  await page.locator('#cac-from-funnel').filter({ hasText: usd(10000 / 300) }).waitFor();
  assert.equal(await field('cac').isDisabled(), true);
  assert.equal(await field('cac').inputValue(), '300', 'the typed CAC is kept');
  await page.locator('[data-out="ltv-cac"]').filter({ hasNotText: ratioBefore }).waitFor();
  await page.locator('#funnel-use').uncheck();
  await page.locator('[data-out="ltv-cac"]').filter({ hasText: ratioBefore }).waitFor();
  await session.checkHealthAndClose();
});

test('the budget split shows the best split and its curve', async () => {
  await page.locator('#split-details summary').click();
  const result = page.locator('#split-result');
  await result.filter({ hasText: /^Best split: \$[\d,.]+ on acquisition and \$[\d,.]+ on retention per month/ }).waitFor();
  assert.equal(await page.locator('#split-chart svg path').count(), 1);
  assert.match(await page.locator('#split-chart svg').textContent(), /Best: \d+%/);
  // Retention that can keep no one: everything goes to acquisition.
  await page.locator('[data-field="plan.budget_split.max_churn_reduction_percent"]').fill('0');
  await result.filter({ hasText: /^Best split: \$5,000\.00 on acquisition and \$0\.00 on retention/ }).waitFor();
  await session.checkHealthAndClose();
});

test('on a phone the planner fits the screen', async () => {
  await session.checkHealthAndClose();
  page = await session.open({ width: 375, height: 800 });
  await addProgram('personalised_communication');
  await programInput(0, 'fixed_cost_per_period').fill('1500');
  await programInput(0, 'churn_reduction_percent').fill('8');
  await page.locator('#simulation-status').filter({ hasText: 'draws' }).waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0, 'no sideways scrolling');
  await page.locator('.planner-panel').screenshot({ path: path.join(SHOTS, 'planner-375.png') });
  // Removing the only program takes its answers away, even one still being simulated.
  await page.locator('.program .remove').click();
  await page.locator('#planner-results').waitFor({ state: 'hidden' });
  await page.locator('#simulation-results').waitFor({ state: 'hidden' });
  await page.waitForTimeout(400);  // past the simulation's pause: nothing comes back
  assert.equal(await page.locator('#simulation-results').isHidden(), true);
  await session.checkHealthAndClose();
});

test('switching language keeps the plan; a program still named after its kind is renamed, a typed name is not', async () => {
  await addProgram('loyalty_programme');
  await addProgram('cross_selling');
  await programInput(1, 'name', null).fill('Upsell emails');
  await programInput(0, 'churn_reduction_percent').fill('12');
  await programInput(0, 'fixed_cost_per_period').fill('2000');
  await page.locator('#plan-verdict').filter({ hasText: 'pays back' }).waitFor();
  await page.locator('#language').selectOption('hy');
  await page.locator('.program legend').first().filter({ hasText: 'Հավատարմության ծրագիր' }).waitFor();
  assert.equal(await programInput(1, 'name', null).inputValue(), 'Upsell emails');
  assert.equal(await programInput(0, 'churn_reduction_percent').inputValue(), '12');
  await page.locator('#program-table th', { hasText: 'Ամբողջ պլանը' }).waitFor();
  await page.locator('#plan-verdict').filter({ hasText: '«Ամբողջ պլանը»' }).waitFor();
  await session.checkHealthAndClose();
});
