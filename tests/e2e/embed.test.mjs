// The calculator embedded as <retention-calculator> in a blog page with hostile CSS (global
// resets, content-box sizing, huge fonts, right-to-left body): two configured instances that
// work independently and look as they do on their own page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PageSession, SHOTS } from '../support/page-session.mjs';

const session = new PageSession();

before(() => session.start());
after(() => session.stop());

test('two embedded calculators in a hostile blog', async () => {
  const page = await session.open();
  await page.goto(`${session.origin}/test-blog/blog.html`);
  const first = page.locator('#first'), second = page.locator('#second');
  await first.locator('[data-out="clv"]').filter({ hasText: /\d/ }).waitFor();
  await second.locator('[data-out="clv"]').filter({ hasText: /\d/ }).waitFor();

  // Configured from an attribute and from a JSON child.
  assert.equal(await first.locator('[name="currency"]').inputValue(), 'EUR');
  assert.equal(await first.locator('[name="revenue_per_customer"]').inputValue(), '80');
  assert.match(await first.locator('[data-out="clv"]').textContent(), /^€/);
  assert.equal(await second.locator('[name="period"]').inputValue(), 'year');
  // Yearly: m = 1200 x 80% - 2 = 958, r = 0.8, d = 10%: CLV = m (1.1) / 0.3.
  assert.equal(await second.locator('[data-out="clv"]').textContent(),
    new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', minimumFractionDigits: 2 }).format(958 * 1.1 / 0.3));
  assert.match(await page.locator('#broken #import-status').textContent(), /not valid JSON/);

  // Independent: typing in one leaves the other alone.
  const secondClv = await second.locator('[data-out="clv"]').textContent();
  await first.locator('[name="churn_percent"]').fill('9');
  assert.equal(await second.locator('[data-out="clv"]').textContent(), secondClv);
  await first.locator('[name="churn_percent"]').fill('abc');
  assert.equal(await second.locator('[aria-invalid="true"]').count(), 0);
  assert.equal(await first.locator('[aria-invalid="true"]').count(), 1);

  // The host's CSS does not reach inside, and the calculator's does not leak out.
  const inside = await first.locator('[name="revenue_per_customer"]').evaluate((input) => {
    const style = getComputedStyle(input);
    return { boxSizing: style.boxSizing, fontSize: style.fontSize, direction: style.direction };
  });
  assert.deepEqual(inside, { boxSizing: 'border-box', fontSize: '14.72px', direction: 'ltr' });  // .92 x 16px, as on its own page
  assert.equal(await page.locator('h1').evaluate((h) => getComputedStyle(h).fontFamily), 'Georgia, serif');
  assert.equal(await page.locator('body').evaluate((b) => getComputedStyle(b).direction), 'rtl');
  // Theming through a custom property set by the host.
  const accent = await second.locator('#add-scenario').evaluate((b) => getComputedStyle(b).color);
  assert.equal(accent, 'rgb(138, 28, 124)');
  // The analyst panels are left out of an embed unless asked for; no phone bar floats over the host.
  assert.equal(await first.locator('.cohort-panel').count(), 0);
  assert.equal(await first.locator('.mini-summary').isVisible(), false);
  await page.screenshot({ path: path.join(SHOTS, 'embed-blog-1280.png') });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.waitForTimeout(100);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the blog is ${overflow}px wider than the phone`);
  await page.screenshot({ path: path.join(SHOTS, 'embed-blog-375.png') });
  await session.checkHealthAndClose();
});

test('"Embed this" gives working element and iframe code for the current scenario', async () => {
  const page = await session.open();
  await page.locator('#inputs [name="revenue_per_customer"]').fill('72');
  await page.locator('#inputs [name="currency"]').selectOption('GBP');
  const clv = await page.locator('[data-out="clv"]').textContent();
  await page.locator('#embed-this').click();
  const element = await page.locator('#embed-element').inputValue();
  const iframe = await page.locator('#embed-iframe').inputValue();
  assert.match(element, /^<script type="module" src="http:\/\/127\.0\.0\.1:\d+\/js\/element\.js"><\/script>\n<retention-calculator lang="en" scenario='\{.*"revenue_per_customer":72.*\}'><\/retention-calculator>$/);
  assert.match(iframe, /^<iframe data-retention-calculator src="http:\/\/127\.0\.0\.1:\d+\/index\.html\?embed&lang=en#s=1\.[\w-]+" title="Customer retention calculator"/);

  // Both snippets, pasted into a page of their own, show the same result.
  fs.writeFileSync(path.join(session.scratch, 'element.html'), `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><body>${element}</body>`);
  fs.writeFileSync(path.join(session.scratch, 'iframe.html'), `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><body><p>Before</p>${iframe}<p id="after">After</p></body>`);
  await page.goto(`${session.origin}/test-scratch/element.html`);
  await page.locator('retention-calculator [data-out="clv"]').filter({ hasText: /\d/ }).waitFor();
  assert.equal(await page.locator('retention-calculator [data-out="clv"]').textContent(), clv);

  await page.goto(`${session.origin}/test-scratch/iframe.html`);
  const frame = page.frameLocator('iframe');
  await frame.locator('[data-out="clv"]').filter({ hasText: /\d/ }).waitFor();
  assert.equal(await frame.locator('[data-out="clv"]').textContent(), clv);
  assert.equal(await frame.locator('.page-header').isVisible(), false);
  // The host script fits the iframe to its content: no scrollbar inside, the text after it below it.
  await page.waitForFunction(() => document.querySelector('iframe').getBoundingClientRect().height > 1000);
  const fit = await page.evaluate(() => {
    const box = document.querySelector('iframe').getBoundingClientRect();
    const inner = document.querySelector('iframe').contentDocument.documentElement;
    return { frame: Math.round(box.height), content: inner.scrollHeight, after: document.querySelector('#after').getBoundingClientRect().top - box.bottom };
  });
  assert.ok(fit.frame >= fit.content && fit.frame - fit.content <= 8, JSON.stringify(fit));
  assert.ok(fit.after >= 0, JSON.stringify(fit));
  await session.checkHealthAndClose();
});

test('a host page with hostile CSS sizes the iframe and keeps its styles out', async () => {
  const page = await session.open();
  await page.goto(`${session.origin}/test-blog/iframe-host.html`);
  const frame = page.frameLocator('#calculator');
  await frame.locator('[data-out="clv"]').filter({ hasText: /£/ }).waitFor();
  await page.waitForFunction(() => document.querySelector('#calculator').getBoundingClientRect().height > 1000);
  assert.equal(await frame.locator('[name="revenue_per_customer"]').evaluate((i) => getComputedStyle(i).boxSizing), 'border-box');
  await session.checkHealthAndClose();
});
