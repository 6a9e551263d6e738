// The default scenario's numbers that the build writes into dist/index.html: the live page shows
// exactly the same text (the core is their one source), and when they may not be the visitor's
// (a shared scenario, another language) they stay hidden until the live numbers replace them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { PageSession } from '../support/page-session.mjs';

const session = new PageSession();
before(() => session.start());
after(() => session.stop());

// The served HTML's prerendered texts, by data-out name.
async function prerenderedTexts() {
  const html = await (await fetch(`${session.origin}/`)).text();
  return Object.fromEntries([...html.matchAll(/data-out="([a-z-]+)" data-prerendered[^>]*>([^<]*)</g)].map((m) => [m[1], m[2]
    .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>')]));
}

test('the numbers in the HTML are the ones the live page computes for the default scenario', async () => {
  const served = await prerenderedTexts();
  assert.ok(Object.keys(served).length >= 8, Object.keys(served).join(', '));
  assert.match(served.clv, /^\u2066?\$\d/);
  const page = await session.open();
  for (const [name, text] of Object.entries(served)) {
    assert.equal(await page.locator(`[data-out="${name}"]`).textContent(), text, name);
  }
});

// Holds the page's module until released, so what shows before the live numbers can be seen.
async function holdModule(page) {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/\/js\/page-[A-Z2-7]{8}\.js$/, async (route) => { await held; await route.continue(); });
  return release;
}

for (const [label, query] of [['a shared scenario', 'link'], ['a language asked for', '?lang=ur']]) {
  test(`with ${label}, the build's numbers stay hidden until the live ones replace them`, async () => {
    const page = await session.open();
    let target = `${session.origin}/${query}`;
    if (query === 'link') {
      await page.locator('[name="revenue_per_customer"]').fill('90');
      await page.locator('[data-out="clv"]').filter({ hasNotText: '$660.69' }).waitFor();
      await page.locator('#share-link').click();
      target = await page.locator('#share-url').inputValue();
      assert.match(target, /#s=/);
    }
    const fresh = await session.browser.context.newPage();
    try {
      const release = await holdModule(fresh);
      await fresh.goto('about:blank');
      // Not 'domcontentloaded': that waits for the (held) module script.
      await fresh.goto(target, { waitUntil: 'commit' });
      await fresh.locator('[data-out="mini-clv"]').waitFor({ state: 'attached' });
      assert.equal(await fresh.locator('[data-out="clv"]').isVisible(), false, 'the default CLV is hidden');
      assert.equal(await fresh.locator('[data-out="mini-clv"]').isVisible(), false);
      release();
      await fresh.waitForFunction(() => performance.getEntriesByName('first-result').length > 0);
      assert.equal(await fresh.locator('[data-out="clv"]').isVisible(), true);
      if (query === 'link') assert.notEqual(await fresh.locator('[data-out="clv"]').textContent(), '\u2066$660.69\u2069');
      else assert.match(await fresh.locator('[data-out="clv"]').textContent(), /[۰-۹]|\d/);
    } finally {
      await fresh.close();
    }
  });
}

test('the default scenario in English shows its numbers at the first paint, before the module runs', async () => {
  const fresh = await session.browser.context.newPage();
  try {
    const release = await holdModule(fresh);
    await fresh.goto(`${session.origin}/`, { waitUntil: 'commit' });
    await fresh.locator('[data-out="mini-clv"]').waitFor({ state: 'attached' });
    assert.equal(await fresh.locator('[data-out="clv"]').isVisible(), true);
    assert.match(await fresh.locator('[data-out="clv"]').textContent(), /\$\d/);
    assert.equal(await fresh.evaluate(() => performance.getEntriesByName('first-result').length), 0, 'the module has not run');
    release();
    await fresh.waitForFunction(() => performance.getEntriesByName('first-result').length > 0);
  } finally {
    await fresh.close();
  }
});

test('the visitor\'s language file is fetched while the module is held, and English is not fetched for Urdu', async () => {
  const fresh = await session.browser.context.newPage();
  try {
    const requested = [];
    fresh.on('request', (request) => requested.push(new URL(request.url()).pathname));
    const release = await holdModule(fresh);
    await fresh.goto(`${session.origin}/?lang=ur`, { waitUntil: 'commit' });
    // The head's script preloads it: nothing of the page's module has run yet.
    await fresh.waitForResponse((response) => response.url().endsWith('/i18n/ur.json'));
    assert.equal(await fresh.evaluate(() => performance.getEntriesByName('first-result').length), 0, 'the module has not run');
    release();
    await fresh.waitForFunction(() => performance.getEntriesByName('first-result').length > 0);
    assert.equal(await fresh.locator('html').getAttribute('lang'), 'ur');
    assert.deepEqual(requested.filter((p) => p.startsWith('/i18n/')), ['/i18n/ur.json']);
  } finally {
    await fresh.close();
  }
});
