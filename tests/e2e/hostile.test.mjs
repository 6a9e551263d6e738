// Hostile input in Chromium: every number field gets empty text, a lone minus, 1e308, "NaN",
// Urdu digits, 10,000 characters and markup. The page must raise no error, show no NaN or
// Infinity, inject no markup, keep the last good result for bad input, and recover.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { PageSession } from '../support/page-session.mjs';

const session = new PageSession();
let page, dialogs;

const HOSTILE = ['', '-', '1e308', 'NaN', '۵۰', '7'.repeat(10000), '<script>alert(1)</script>', '<img src=x onerror=alert(1)>'];

before(() => session.start());
after(() => session.stop());
beforeEach(async () => {
  page = await session.open();
  dialogs = [];
  page.on('dialog', async (dialog) => { dialogs.push(dialog.message()); await dialog.dismiss(); });
});

// Markup the page did not put there itself.
async function injected() {
  return page.evaluate(() => ({
    // The site's own are the module and the check of the build's numbers, both from js/.
    // The site's two: the page's module and the head's inline check (the first script in the head).
    scripts: [...document.querySelectorAll('script')].filter((script) => !/^js\/page-[A-Z2-7]{8}\.js$/.test(script.getAttribute('src'))
      && script !== document.head.querySelector('script:not([src])')).length,
    images: document.querySelectorAll('img').length,
    bodyHasTags: document.body.innerText.includes('<script>') ? 'as text' : 'none',
  }));
}

test('every number field survives hostile text and recovers', async () => {
  const clv = page.locator('[data-out="clv"]');
  const good = await clv.textContent();
  const names = await page.locator('#inputs input[data-kind="number"]').evaluateAll((inputs) => inputs.map((i) => i.name));
  assert.ok(names.length >= 12, names.join(','));
  await page.locator('summary', { hasText: 'Conventions' }).click();
  for (const name of names) {
    const input = page.locator(`#inputs [name="${name}"]`);
    const original = await input.inputValue();
    let lastGood = good;
    for (const value of HOSTILE) {
      await input.fill(value);
      const shown = await clv.textContent();
      assert.match(shown, /^(-?\$[\d,]+(\.\d\d)?|—)$/, `${name} = ${value.slice(0, 20)}: CLV shows ${shown}`);
      const bad = await input.getAttribute('aria-invalid');
      if (bad !== 'true') {
        lastGood = shown;
      } else {
        assert.equal(shown, lastGood, `${name} = ${value.slice(0, 20)}: the last good result is kept`);
        const message = await page.locator(`#${await input.getAttribute('aria-describedby')}`).textContent();
        assert.ok(message.length > 10 && message.length < 300, `${name}: a short message (${message.length} characters)`);
      }
    }
    await input.fill(original);
    assert.equal(await clv.textContent(), good, `${name} restored`);
  }
  assert.deepEqual(await injected(), { scripts: 0, images: 0, bodyHasTags: 'none' });
  assert.deepEqual(dialogs, []);
  await session.checkHealthAndClose();
});

test('every strategy-planner field survives hostile text and recovers', async () => {
  await page.locator('#add-program').click();
  await page.locator('[id$="-fixed_cost_per_period-likely"]').fill('2000');
  await page.locator('[id$="-churn_reduction_percent-likely"]').fill('12');
  await page.locator('#add-range').click();
  await page.locator('.range-row input').first().fill('4');
  await page.locator('.range-row input').nth(1).fill('7');
  for (const details of await page.locator('.planner-panel details').all()) await details.evaluate((/** @type {HTMLDetailsElement} */ d) => { d.open = true; });
  const verdict = page.locator('#plan-verdict');
  await page.locator('#split-result').filter({ hasText: /\S/ }).waitFor();
  await page.locator('#simulation-metrics dd').first().waitFor();
  const good = await verdict.textContent();
  const ids = await page.locator('.planner-panel input:not([type=checkbox])').evaluateAll((inputs) => inputs.map((i) => i.id || i.dataset.field));
  assert.ok(ids.length >= 25, ids.join(','));
  for (const id of ids) {
    const input = page.locator(`.planner-panel [id="${id}"], .planner-panel [data-field="${id}"]`).first();
    const original = await input.inputValue();
    for (const value of HOSTILE) {
      await input.fill(value);
      if (id.endsWith('-name')) continue;  // a program may be called "NaN": that is its name, shown as typed
      // The answers (messages may quote what was typed, as text).
      const answers = await page.locator('#plan-verdict, #program-table, #simulation-results, #funnel-result, #funnel-table, #split-result')
        .allInnerTexts();
      assert.doesNotMatch(answers.join('\n'), /NaN|Infinity|undefined/, `${id} = ${value.slice(0, 20)}`);
    }
    await input.fill(original);
    await verdict.filter({ hasText: good }).waitFor({ timeout: 5000 });
  }
  assert.deepEqual(await injected(), { scripts: 0, images: 0, bodyHasTags: 'none' });
  assert.deepEqual(dialogs, []);
  await session.checkHealthAndClose();
});

test('Urdu digits are read as numbers', async () => {
  await page.locator('#inputs [name="revenue_per_customer"]').fill('۶۰');
  const withUrdu = await page.locator('[data-out="clv"]').textContent();
  await page.locator('#inputs [name="revenue_per_customer"]').fill('60');
  assert.equal(await page.locator('[data-out="clv"]').textContent(), withUrdu);
  await session.checkHealthAndClose();
});

test('markup in scenario names, imports and the URL stays text', async () => {
  const name = '<img src=x onerror=alert(1)><script>alert(2)</script>';
  await page.locator('.scenario').first().getByLabel('Scenario name').fill(name);
  assert.equal(await page.locator('#scenario-table thead th').nth(2).textContent(), name);
  assert.equal(await page.locator('#projection-legend li').nth(1).textContent(), name);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
  assert.ok((await download.path()) !== null);

  // An imported scenario with markup in its name, and a file name with markup that fails.
  const [json] = await Promise.all([page.waitForEvent('download'), page.locator('#export-json').click()]);
  const document = JSON.parse(fs.readFileSync(await json.path(), 'utf8'));
  document.scenarios[0].name = '<svg onload=alert(3)>';
  await page.locator('#import-json').setInputFiles({ name: 'a.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(document)) });
  await page.locator('#import-status', { hasText: 'Imported a.json' }).waitFor();
  assert.equal(await page.locator('#scenario-table thead th').nth(2).textContent(), '<svg onload=alert(3)>');
  const broken = JSON.stringify({ version: 1, currency: 'USD' });
  await page.locator('#import-json').setInputFiles({ name: '<b>x</b>.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
  await page.locator('#import-status', { hasText: 'was not imported' }).waitFor();
  assert.match(await page.locator('#import-status').textContent(), /^<b>x<\/b>\.json was not imported: /);
  assert.equal(await page.locator('svg[onload], b').count(), 0);

  await page.goto(`${session.origin}/?scenario=%3Cscript%3Ealert(1)%3C/script%3E#%3Cimg%20src=x%20onerror=alert(1)%3E`);
  await page.locator('[data-out="clv"]').filter({ hasText: '$' }).waitFor();
  const markup = await injected();
  assert.equal(markup.scripts, 0);
  assert.equal(markup.images, 0);
  assert.deepEqual(dialogs, []);
  await session.checkHealthAndClose();
});

test('a share link restores the scenario; a damaged one says so and shows the defaults', async () => {
  await page.locator('#inputs [name="revenue_per_customer"]').fill('64');
  await page.locator('.scenario').first().getByLabel('Scenario name').fill('Shared <b>plan</b>');
  const clv = await page.locator('[data-out="clv"]').textContent();
  await page.locator('#share-link').click();
  const link = await page.locator('#share-url').inputValue();
  assert.match(link, /#s=1\.[A-Za-z0-9_-]+$/);
  assert.ok(link.length < 400, `${link.length} characters`);

  await page.goto('about:blank');
  await page.goto(link);
  await page.locator('[data-out="clv"]').filter({ hasText: '$' }).waitFor();
  assert.equal(await page.locator('#inputs [name="revenue_per_customer"]').inputValue(), '64');
  assert.equal(await page.locator('[data-out="clv"]').textContent(), clv);
  assert.equal(await page.locator('#scenario-table thead th').nth(2).textContent(), 'Shared <b>plan</b>');

  for (const damaged of [link.slice(0, -9), link.replace(/#s=1\./, '#s=7.'), `${session.origin}/#s=1.%3Cscript%3Ealert(1)%3C/script%3E`]) {
    await page.goto('about:blank');
    await page.goto(damaged);
    await page.locator('[data-out="clv"]').filter({ hasText: '$' }).waitFor();
    assert.match(await page.locator('#import-status').textContent(), /share link (is damaged|was made by another version)/);
    assert.equal(await page.locator('#inputs [name="revenue_per_customer"]').inputValue(), '50', 'the defaults');
  }
  assert.equal((await injected()).scripts, 0);
  assert.deepEqual(dialogs, []);
  await session.checkHealthAndClose();
});
