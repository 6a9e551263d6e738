// The bands' seed through a share link, in Chromium at 375 px: a seed and panel settings set on
// the page go into the link; opened in a new page, the link restores them before the same files
// are given again, and the bands read the same as on the first screen. A bad seed is named beside
// its field and every input is kept. The band control in right-to-left Urdu fits a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { PageSession, SHOTS } from '../support/page-session.mjs';
import { ROOT } from '../support/wasm-module.mjs';

const COHORT = path.join(ROOT, 'tests', 'data', 'sbg_regular_cohort.csv');
const DONATIONS = path.join(ROOT, 'tests', 'data', 'donations.csv');
const session = new PageSession();

before(() => session.start());
after(() => session.stop());

const cohortSettled = (page) => page.locator('.cohort-panel[aria-busy="false"]').waitFor();
const bgbbSettled = (page) => page.locator('#bgbb-results:not([aria-busy])').waitFor();

// The cohort table and the BG/BB histories given as files, and what the panels then show.
async function giveFilesAndRead(page) {
  await page.locator('#cohort-file').setInputFiles(COHORT);
  await page.locator('#cohort-results').waitFor();
  await cohortSettled(page);
  if (!(await page.locator('#opportunities').evaluate((details) => details.open))) await page.locator('#opportunities summary').click();
  await page.locator('#bgbb-file').setInputFiles(DONATIONS);
  await page.locator('#bgbb-results').waitFor();
  await bgbbSettled(page);
  return { cohort: await page.locator('#cohort-fit').innerText(), bgbb: await page.locator('#bgbb-fit').innerText() };
}

// Waits until the text of `locator` is no longer `before` (a refit after a change).
async function changedFrom(page, selector, before) {
  await page.waitForFunction(([s, b]) => document.querySelector(s)?.innerText !== b, [selector, before]);
  return page.locator(selector).innerText();
}

test('a seed set on the page reaches a share link, and the link gives the same bands for the same files', async () => {
  let page = await session.open({ width: 375, height: 800 });
  await page.locator('#inputs [name="period"]').selectOption('year');  // the cohort is in years
  await page.locator('#cohort-calibration').fill('7');
  await page.locator('#opportunities summary').click();
  await page.locator('#bgbb-future').fill('3');
  const standard = await giveFilesAndRead(page);
  assert.match(standard.cohort, /P10–P90/);
  assert.match(standard.bgbb, /P10–P90/);

  // Another seed: other bands on screen (the fits themselves are the same).
  await page.locator('#band-seed').fill('987654');
  const cohort = await changedFrom(page, '#cohort-fit', standard.cohort);
  await cohortSettled(page);
  const bgbb = await changedFrom(page, '#bgbb-fit', standard.bgbb);
  await bgbbSettled(page);
  const shown = { cohort: await page.locator('#cohort-fit').innerText(), bgbb: await page.locator('#bgbb-fit').innerText() };
  assert.ok(cohort && bgbb);
  assert.notEqual(shown.cohort, standard.cohort);
  assert.notEqual(shown.bgbb, standard.bgbb);
  await page.locator('.band-panel').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, 'band-seed-375.png') });

  // A transaction-panel choice travels too (its fields show once a log is read: set as a user would).
  await page.locator('#tx-model').evaluate((/** @type {HTMLSelectElement} */ select) => {
    select.value = 'pareto_nbd';
    select.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.locator('#share-link').click();
  const link = new URL(await page.locator('#share-url').inputValue());
  await session.checkHealthAndClose();

  // A new page from the link: the settings are back before any file is given.
  page = await session.open({ width: 375, height: 800, query: link.hash });
  assert.equal(await page.locator('#band-seed').inputValue(), '987654');
  assert.equal(await page.locator('#band-draws').inputValue(), '200');
  assert.equal(await page.locator('#cohort-calibration').inputValue(), '7');
  assert.equal(await page.locator('#bgbb-future').inputValue(), '3');
  assert.equal(await page.locator('#tx-model').inputValue(), 'pareto_nbd');
  assert.equal(await page.locator('#tx-window').inputValue(), '52');  // left at its default
  assert.equal(await page.locator('#inputs [name="period"]').inputValue(), 'year');
  const again = await giveFilesAndRead(page);
  assert.equal(again.cohort, shown.cohort);
  assert.equal(again.bgbb, shown.bgbb);
  await session.checkHealthAndClose();
});

test('a bad seed is named beside its field, the results stay dimmed, and every input is kept', async () => {
  const page = await session.open({ width: 375, height: 800 });
  await page.locator('#inputs [name="cac"]').fill('250');
  await page.locator('#band-draws').fill('150');
  await page.locator('#cohort-calibration').fill('5');
  const headline = await page.locator('[data-out="clv"]').textContent();
  await page.locator('#band-seed').fill('-3');
  const note = page.locator('#band-seed-error');
  await note.waitFor();
  assert.equal(await note.textContent(), 'Seed of the band\'s draws must be a number from 0 to 4,294,967,295 (got -3).');
  assert.equal(await page.locator('#band-seed').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#band-seed').getAttribute('aria-describedby'), 'band-seed-error');
  assert.match(await page.locator('#error-summary').innerText(), /Seed of the band's draws must be a number from 0 to 4,294,967,295/);
  assert.match(await page.locator('#result-views').getAttribute('class'), /\bstale\b/);
  // Nothing typed is lost, and the last good figures stay.
  assert.equal(await page.locator('#inputs [name="cac"]').inputValue(), '250');
  assert.equal(await page.locator('#band-draws').inputValue(), '150');
  assert.equal(await page.locator('#band-seed').inputValue(), '-3');
  assert.equal(await page.locator('#cohort-calibration').inputValue(), '5');
  assert.equal(await page.locator('[data-out="clv"]').textContent(), headline);
  // Text is named as typed; a good seed clears the message.
  await page.locator('#band-seed').fill('seven');
  await page.locator('#band-seed-error', { hasText: '"seven"' }).waitFor();
  await page.locator('#band-seed').fill('7');
  await page.locator('#band-seed-error').waitFor({ state: 'detached' });
  assert.equal(await page.locator('#error-summary').isHidden(), true);
  assert.equal(await page.locator('#band-seed').getAttribute('aria-invalid'), null);
});

test('the band control fits a phone in right-to-left Urdu, labelled in Urdu', async () => {
  const page = await session.open({ width: 375, height: 800, query: '?lang=ur' });
  const panel = page.locator('.band-panel');
  await panel.scrollIntoViewIfNeeded();
  await page.locator('.band-panel[aria-busy="false"]').waitFor();
  await page.locator('#band-title', { hasText: 'غیر یقینی' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
  // Each input is named by its label, in Urdu.
  assert.equal(await panel.getByLabel('بیج', { exact: false }).getAttribute('id'), 'band-seed');
  assert.equal(await panel.getByLabel('حد کے قرعے', { exact: false }).getAttribute('id'), 'band-draws');
  const overflow = await page.evaluate(() => {
    const section = document.querySelector('.band-panel');
    const box = section.getBoundingClientRect();
    const inputs = [...section.querySelectorAll('input')].map((i) => i.getBoundingClientRect());
    return { page: document.documentElement.scrollWidth > window.innerWidth, outside: inputs.some((r) => r.left < box.left - 1 || r.right > box.right + 1) };
  });
  assert.deepEqual(overflow, { page: false, outside: false });
  await panel.screenshot({ path: path.join(SHOTS, 'band-seed-375-ur.png') });
});
