// An automated accessibility check (axe-core) of the page with every panel showing results (the
// strategy planner's included), on
// a desktop and a phone screen: no violations at all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { PageSession, SHOTS } from '../support/page-session.mjs';
import { ROOT } from '../support/wasm-module.mjs';
import { typeProgramWithRanges } from '../support/plan-input.mjs';

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const session = new PageSession();

before(() => session.start());
after(() => session.stop());

for (const [width, height, colorScheme] of /** @type {Array<[number, number, 'light' | 'dark']>} */ ([[1280, 900, 'light'], [375, 800, 'light'], [1280, 900, 'dark']])) {
  test(`axe finds no violations at ${width} px, ${colorScheme} colour scheme`, async () => {
    const page = await session.open({ width, height, colorScheme });
    await page.locator('#cohort-example').click();
    await page.locator('#cohort-results').waitFor();
    await page.locator('#tx-file').setInputFiles(path.join(ROOT, 'tests', 'data', 'CDNOW_sample.txt'));
    await page.locator('#tx-read').click();
    await page.locator('#tx-fit dd').first().waitFor({ timeout: 20000 });
    // The strategy planner with a program, a range, its Monte Carlo answer, the funnel and the budget split.
    await typeProgramWithRanges(page);
    for (const details of await page.locator('details').all()) await details.evaluate((/** @type {HTMLDetailsElement} */ d) => { d.open = true; });
    await page.locator('#split-result').filter({ hasText: /\S/ }).waitFor();
    await page.evaluate(AXE);  // evaluated by the driver: the page's CSP rightly refuses injected scripts
    const violations = await page.evaluate(async () => (await window.axe.run()).violations
      .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`));
    assert.deepEqual(violations, []);
    // With every panel full, nothing may push the page sideways (wide tables scroll in their own box).
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    assert.equal(background, colorScheme === 'dark' ? 'rgb(17, 20, 26)' : 'rgb(244, 246, 249)');
    await page.screenshot({ path: path.join(SHOTS, `accessibility-${width}-${colorScheme}.png`) });
    await session.checkHealthAndClose();
  });
}
