// The page in each language: chosen by ?lang= (as an embed would) or the selector, laid out
// right to left for Urdu, and no English left anywhere a reader sees or hears: text, labels
// read by screen readers, placeholders, error messages from the core, results and charts.
// Screenshots of each language at 375 and 1280 px go to test-output/screenshots/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { PageSession, SHOTS } from '../support/page-session.mjs';
import { typeProgramWithRanges } from '../support/plan-input.mjs';

const session = new PageSession();
before(() => session.start());
after(() => session.stop());

// Words a translation keeps on purpose: acronyms of the trade, file formats, technologies,
// the authors of the models, billing systems and warehouses, the summary's column names, currency
// codes and one-letter formula symbols, and the column names a table of histories may use.
const KEPT = new Set(['CLV', 'LTV', 'CAC', 'ROI', 'DERL', 'sBG', 'BG', 'NBD', 'CSV', 'JSON', 'ISO', 'MB', 'KB', 'JavaScript',
  'WebAssembly', 'iframe', 'script', 'null', 'Fader', 'Hardie', 'Lee', 'Gupta', 'Lehmann', 'USD', 'EUR', 'GBP', 'INR', 'BDT', 'PKR',
  'AMD', 'JPY', 'CNY', 'AUD', 'CAD', 'CHF', 'BRL', 'SEK', 'yyyy', 'mm', 'dd', 'US', 'BdW', 'MRR', 'ARPA', 'UTC', 'Stripe', 'Baremetrics',
  'DuckDB', 'PostgreSQL', 'BigQuery', 'Spark', 'SQL', 'Snowflake', 'Databricks', 'count', 'spend', 'BB', 'DERT',
  'frequency', 'recency', 'periods', 'weights']);

// Everything a person can see or hear on the page, minus what is not language: the language
// picker (each language's own name), formulas in <code>, and what the user typed.
async function readableText(page) {
  return page.evaluate(() => {
    const parts = [];
    const skip = (node) => node.closest('#language, code, textarea, script, style, [hidden], .visually-hidden');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || skip(parent) || !parent.checkVisibility?.()) continue;
      parts.push(node.textContent);
    }
    for (const element of document.querySelectorAll('[aria-label], [placeholder], [title], option')) {
      if (skip(element)) continue;
      for (const name of ['aria-label', 'placeholder', 'title']) if (element.getAttribute(name)) parts.push(element.getAttribute(name));
      if (element.tagName === 'OPTION') parts.push(element.textContent);
    }
    parts.push(document.title);
    return parts.join('\n');
  });
}

function englishWords(text) {
  return [...new Set(text.match(/[A-Za-z]{2,}/g) ?? [])].filter((word) => !KEPT.has(word));
}

for (const [code, dir, sample] of [['ur', 'rtl', 'کیلکولیٹر'], ['bn', 'ltr', 'ক্যালকুলেটর'], ['hy', 'ltr', 'հաշվիչ']]) {
  test(`${code}: no English left on the page, errors and fitted cohorts included`, async () => {
    const page = await session.open({ width: 1280, query: `?lang=${code}` });
    assert.equal(await page.evaluate(() => document.documentElement.lang), code);
    assert.equal(await page.evaluate(() => document.documentElement.dir), dir);
    assert.match(await page.locator('h1').textContent(), new RegExp(sample, 'i'));
    await page.locator('#cohort-example').click();
    await page.locator('#cohort-results').waitFor();
    await page.locator('#add-scenario').click();
    // A planned program with a range, and a range on churn: results, Monte Carlo and legends.
    await typeProgramWithRanges(page);
    await page.locator('#plan-verdict').filter({ hasText: /\S/ }).waitFor();
    for (const details of await page.locator('details').all()) await details.evaluate((/** @type {HTMLDetailsElement} */ d) => { d.open = true; });
    await page.locator('#inputs [name="cac"]').fill('-5');
    await page.locator('.field-error').first().waitFor();
    await page.locator('#funnel-result').filter({ hasText: /\S/ }).waitFor();
    await page.locator('#split-result').filter({ hasText: /\S/ }).waitFor();
    const leftover = englishWords(await readableText(page));
    assert.deepEqual(leftover, [], `English on the ${code} page: ${leftover.join(', ')}`);
    assert.ok(!(await page.locator('.field-error').first().textContent()).includes('must'), 'the core message is translated');
    assert.deepEqual(session.pageErrors, []);
  });

  for (const width of [375, 1280]) {
    test(`${code} at ${width} px: laid out, results on screen, screenshot saved`, async () => {
      const page = await session.open({ width, height: 900, query: `?lang=${code}` });
      const clv = await page.locator('[data-out="clv"]').textContent();
      // A number in the language's digits, not the em dash the page writes for "no value".
      assert.match(clv, /\p{Nd}/u);
      assert.notEqual(clv.trim(), '\u2014');
      assert.doesNotMatch(clv, /NaN|Infinity/);
      // Nothing sticks out sideways, in either direction.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow} px`);
      await page.screenshot({ path: path.join(SHOTS, `language-${code}-${width}.png`), fullPage: width === 375 ? false : true });
    });
  }
}

test('the selector switches language in place and keeps what the user typed', async () => {
  const page = await session.open({ width: 1280 });
  await page.locator('#inputs [name="revenue_per_customer"]').fill('88');
  const englishClv = await page.locator('[data-out="clv"]').textContent();
  await page.locator('#language').selectOption('ur');
  await page.locator('h1', { hasText: 'کیلکولیٹر' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
  assert.equal(await page.locator('#inputs [name="revenue_per_customer"]').inputValue(), '88');
  assert.match(await page.locator('#card-clv-title').textContent(), /گاہک/);
  await page.locator('#language').selectOption('en');
  await page.locator('h1', { hasText: 'Customer retention calculator' }).waitFor();
  assert.equal(await page.locator('[data-out="clv"]').textContent(), englishClv);
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'ltr');
});

test('a number is read with the decimal mark the page writes in that language', async () => {
  for (const code of ['hy', 'bn', 'ur']) {
    const page = await session.open({ width: 1280, query: `?lang=${code}` });
    const mark = await page.evaluate(() => new Intl.NumberFormat(document.documentElement.lang === 'hy' ? 'hy-AM' : document.documentElement.lang)
      .formatToParts(1.5).find((p) => p.type === 'decimal').value);
    const before = await page.locator('[data-out="clv"]').textContent();
    await page.locator('#inputs [name="churn_percent"]').fill(`2${mark}5`);
    await page.locator('[data-out="clv"]').filter({ hasNotText: before }).waitFor();
    assert.equal(await page.locator('.field-error').count(), 0, `${code}: 2${mark}5 is refused`);
  }
});
