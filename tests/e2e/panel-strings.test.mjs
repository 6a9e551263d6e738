// The analyst panels' strings (dist/i18n/<code>-panels.json) are not part of a first visit: they
// download when a panel comes within a screen of the viewport, when the reader uses one, or at
// once when the scenario needs the planner; then the panels speak the reader's language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PageSession } from '../support/page-session.mjs';
import { ROOT } from '../support/wasm-module.mjs';
import { planSettled } from '../support/plan-input.mjs';

const session = new PageSession();
before(() => session.start());
after(() => session.stop());

const source = (code) => JSON.parse(fs.readFileSync(path.join(ROOT, 'web', 'i18n', `${code}.json`), 'utf8'));

// The language files a page asks for from now on.
function languageRequests(page) {
  const requested = [];
  page.on('request', (request) => {
    const file = new URL(request.url()).pathname;
    if (file.startsWith('/i18n/')) requested.push(file);
  });
  return requested;
}

test('a first visit reads only the calculator\'s strings; a panel near the viewport brings its own', async () => {
  const page = await session.open({ width: 1280, height: 900, query: '?lang=ur' });
  const requested = languageRequests(page);
  // A moment for anything the page might still ask for.
  await page.waitForTimeout(500);
  assert.deepEqual(requested, []);
  assert.equal(await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/i18n/'))
    .map((e) => new URL(e.name).pathname).join(' ')), '/i18n/ur.json');
  // Scrolled to just above the planner, without touching it.
  const arrived = page.waitForResponse((response) => response.url().endsWith('/i18n/ur-panels.json'));
  await page.evaluate(() => window.scrollTo(0, document.querySelector('.planner-panel').getBoundingClientRect().top + window.scrollY - 1.5 * window.innerHeight));
  await arrived;
  const ur = source('ur');
  await page.locator('#planner-title', { hasText: ur.ui['plan.title'] }).waitFor();
  assert.equal(await page.locator('#transactions-title').textContent(), ur.ui['tx.title']);
  await page.locator('.cohort-panel[aria-busy="false"]').waitFor();
  assert.deepEqual(requested, ['/i18n/ur-panels.json']);
});

test('using a panel before it is near brings its strings: the first fit speaks the language', async () => {
  const page = await session.open({ width: 1280, height: 900, query: '?lang=hy' });
  const requested = languageRequests(page);
  // Focus without scrolling, as a keyboard or an assistive technology might reach it.
  await page.evaluate(() => /** @type {HTMLElement} */ (document.querySelector('#cohort-text')).focus({ preventScroll: true }));
  await page.locator('#cohort-example').dispatchEvent('click');
  await page.locator('#cohort-results').waitFor();
  await page.locator('.cohort-panel[aria-busy="false"]').waitFor();
  assert.deepEqual(requested, ['/i18n/hy-panels.json']);
  const hy = source('hy');
  // The example's cohort is named in Armenian, and the results speak it.
  assert.ok((await page.locator('#cohort-text').inputValue()).includes(hy.ui['cohort.example_name'].replace(/[",\n]/g, ' ')));
  assert.doesNotMatch(await page.locator('#cohort-results').innerText(), /\b(cohort|tx|plan)\.[a-z_]+/);
});

test('a share link with a plan brings the planner\'s strings at once: its editor and results speak the language', async () => {
  const page = await session.open({ width: 1280 });
  await page.locator('#program-kind').selectOption('loyalty_programme');
  await page.locator('#add-program').click();
  await planSettled(page);
  await page.locator('#share-link').click();
  const link = new URL(await page.locator('#share-url').inputValue());
  const fresh = await session.browser.context.newPage();
  try {
    const requested = languageRequests(fresh);
    await fresh.goto(`${session.origin}/?lang=bn${link.hash}`);
    const bn = source('bn');
    // The program's name is the link's (what the reader named it); the editor's labels are Bengali.
    await fresh.locator('#program-editors legend', { hasText: 'Loyalty programme' }).waitFor();
    await fresh.locator('#program-editors', { hasText: bn.ui['program.effects_note'] }).waitFor();
    await fresh.locator('#planner-title', { hasText: bn.ui['plan.title'] }).waitFor();
    await fresh.locator('.planner-panel[aria-busy="false"]').waitFor();
    await fresh.locator('#program-table tr').nth(1).waitFor();
    assert.doesNotMatch(await fresh.locator('.planner-panel').innerText(), /\b(plan|program|range|kind|funnel|split)\.[a-z_]+/);
    assert.deepEqual(requested, ['/i18n/bn.json', '/i18n/bn-panels.json']);
    // Nothing above the fold asked for it: the plan did.
    assert.ok(await fresh.evaluate(() => document.querySelector('.planner-panel').getBoundingClientRect().top > 2 * window.innerHeight));
  } finally {
    await fresh.close();
  }
});

test('a plan\'s fault in an imported file is told in the language: its words come with the panels\' strings', async () => {
  const page = await session.open({ width: 1280, query: '?lang=hy' });
  const requested = languageRequests(page);
  // Too few Monte Carlo draws: a fault of the plan, named by the plan's field label.
  const document = { version: 2, plan: { programs: [], draws: 5 } };
  await page.locator('#import-json').setInputFiles({ name: 'plan.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(document)) });
  const hy = source('hy');
  const status = page.locator('#import-status', { hasText: hy.messages['field.draws'] });
  await status.waitFor();
  assert.ok((await status.textContent()).includes('plan.json'));
  assert.doesNotMatch(await status.textContent(), /Monte Carlo|field\.|must/);
  assert.deepEqual(requested, ['/i18n/hy-panels.json']);
});
