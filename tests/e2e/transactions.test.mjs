// Transaction logs in Chromium: upload a CSV, map its columns, read it in a worker with progress
// and cancel, and read the fitted models off the page.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PageSession, SHOTS } from '../support/page-session.mjs';
import { ROOT } from '../support/wasm-module.mjs';
import { writeTransactionLog } from '../support/generate-log.mjs';

const SAMPLE = path.join(ROOT, 'tests', 'data', 'CDNOW_sample.txt');
const session = new PageSession();
let page;

const fitRow = (term) => page.locator('#tx-fit div', { has: page.locator('dt', { hasText: term }) }).locator('dd');

before(() => session.start());
after(() => session.stop());
beforeEach(async () => {
  page = await session.open();
});

async function upload(file) {
  await page.locator('#tx-file').setInputFiles(file);
  await page.locator('#tx-setup').waitFor();
}

test('the CDNOW sample, uploaded and mapped, gives the published estimates', async () => {
  await upload(SAMPLE);
  assert.equal(await page.locator('#tx-preview tbody tr').count(), 6);
  await page.locator('#tx-customer').selectOption('1');  // the sample's own ids, as in the paper
  assert.equal(await page.locator('#tx-date').inputValue(), '2');
  assert.equal(await page.locator('#tx-amount').inputValue(), '4');
  await page.locator('#tx-read').click();
  await page.locator('#tx-results').waitFor({ timeout: 20000 });
  assert.match(await page.locator('#tx-import').textContent(), /^6,919 transactions of 2,357 customers, Jan 1, 1997 to Jun 30, 1998\. Amounts total \$244,092, read with a decimal point\.$/);
  // The total, summed here from the file's fifth column.
  const total = fs.readFileSync(SAMPLE, 'utf8').trim().split('\n').reduce((sum, line) => sum + Number(line.trim().split(/\s+/)[4]), 0);
  assert.equal(Math.round(total), 244092);
  await page.locator('#tx-calibration-end').fill('1997-09-30');
  // Every model side by side; the best by the holdout is named with its reason, and used.
  await page.locator('#tx-choice', { hasText: 'predicted the holdout best' }).waitFor();
  const table = await page.locator('#tx-models tbody tr').evaluateAll((rows) =>
    rows.map((row) => [...row.children].map((cell) => cell.textContent)));
  assert.deepEqual(table.map((row) => row[0].replace(' (used)', '')), ['BG/NBD', 'MBG/NBD', 'Pareto/NBD', 'Past purchase rate × time', 'Actual']);
  assert.match(table[2][1], /^r 0\.553 ± 0\.0\d\d, alpha 10\.5\d\d ± 0\.\d+, s 0\.6\d\d ± 0\.\d+, beta 11\.\d+ ± 6\.\d+$/);
  assert.equal(table[4][5], '1,882');
  const errors = table.slice(0, 4).map((row) => Number(row[6]));
  const best = errors.indexOf(Math.min(...errors));
  assert.ok(best < 3, 'a model beats the naive baseline');
  assert.match(table[best][0], / \(used\)$/);
  assert.ok((await page.locator('#tx-choice').textContent()).startsWith(`${table[best][0].replace(' (used)', '')} predicted the holdout best`));
  await page.locator('#tx-model').selectOption('bg_nbd');
  await page.locator('#tx-fit dd', { hasText: '0.243, 4.414, 0.793, 2.426' }).waitFor();
  await page.locator('#tx-models th', { hasText: 'BG/NBD (used)' }).waitFor();
  if (best !== 0) assert.match(await page.locator('#tx-choice').textContent(), /You chose BG\/NBD for the predictions\.$/);
  assert.equal(await fitRow('BG/NBD log-likelihood').textContent(), '-9,582.4');
  assert.equal(await fitRow('Gamma-Gamma').textContent(), '6.25, 3.74, 15.44');
  assert.equal(await fitRow('Repeat purchase rate').textContent(), '40.1%');
  // The headline numbers, counted here from the file's rows up to 30 September 1997 (its
  // second column is the customer, the third the date, the fifth the amount).
  const rows = fs.readFileSync(SAMPLE, 'utf8').trim().split('\n').map((line) => line.trim().split(/\s+/))
    .filter((cells) => cells[2] <= '19970930');
  const spend = rows.reduce((sum, cells) => sum + Number(cells[4]), 0);
  const headline = (term) => page.locator('#tx-headline div', { has: page.locator('dt', { hasText: term }) }).locator('dd').textContent();
  assert.equal(await headline('Average order value'), `$${(spend / rows.length).toFixed(2)}`);
  assert.equal(await headline('Purchase frequency'), (rows.length / 2357).toFixed(2));
  assert.equal(await headline('Historic value per customer'), `$${(spend / 2357).toFixed(2)}`);
  // Lapsed after 26 weeks: last purchase before 1 April 1997 (182 days before the calibration end).
  const last = new Map();
  for (const cells of rows) last.set(cells[1], cells[2] > (last.get(cells[1]) ?? '') ? cells[2] : last.get(cells[1]));
  const lapsed = [...last.values()].filter((day) => Date.parse(`${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}`) < Date.parse('1997-04-01')).length;
  assert.equal(await headline('Lapsed: customers with no purchase in the last 26 weeks'), `${(lapsed / 2357 * 100).toFixed(1)}%`);
  // A re-fit says it is fitting while it runs (watched as it happens, not sampled), then answers.
  await page.evaluate(() => {
    const row = /** @type {HTMLElement} */ (document.querySelector('#tx-progress-row'));
    window.sawFitting = false;
    new MutationObserver(() => { if (!row.hidden && row.textContent.includes('Fitting')) window.sawFitting = true; })
      .observe(row, { attributes: true, childList: true, subtree: true });
  });
  await page.locator('#tx-inactive').fill('13');
  await page.locator('#tx-headline dt', { hasText: 'in the last 13 weeks' }).waitFor();
  assert.equal(await page.evaluate(() => window.sawFitting), true);
  assert.equal(await page.locator('#tx-results').getAttribute('aria-busy'), 'false');
  assert.equal(await page.locator('#tx-progress-row').isHidden(), true);
  assert.equal(await page.locator('#tx-top tbody tr').count(), 20);
  assert.match(await page.locator('#tx-holdout').innerText(), /1,882 actual/);
  // Each answer a user acts on carries its P10-P90 over 200 seeded parameter draws, around it.
  const band = /^([\d,.]+%?) \(P10–P90 over the parameters' uncertainty: ([\d,.]+%?) to ([\d,.]+%?)\)$/;
  for (const term of ['Expected purchases', 'Mean probability of being active']) {
    const [, value, low, high] = (await fitRow(term).textContent()).match(band);
    const number = (text) => Number(text.replace(/[,%]/g, ''));
    assert.ok(number(low) < number(value) && number(value) < number(high), `${term}: ${low} ${value} ${high}`);
  }
  // The CLV's band is on the total, drawn from both fits (purchases and spend): it holds the total.
  const clvRow = (await fitRow('CLV over the').textContent())
    .match(/^\$([\d,.]+) \/ \$([\d,.]+) \(P10–P90 over the parameters' uncertainty: \$([\d,.]+) to \$([\d,.]+)\)$/);
  assert.ok(clvRow, await fitRow('CLV over the').textContent());
  const [clvMean, clvTotal, low, high] = clvRow.slice(1).map((text) => Number(text.replace(/,/g, '')));
  assert.ok(low < clvTotal && clvTotal < high, `CLV ${low} ${clvTotal} ${high}`);
  assert.ok(high - low > 0.01 * clvTotal && high - low < 0.5 * clvTotal, `CLV band ${low} to ${high} around ${clvTotal}`);
  assert.ok(Math.abs(clvMean * 2357 - clvTotal) < 0.01 * 2357, `mean ${clvMean} and total ${clvTotal} of 2,357 customers`);
  assert.match(await page.locator('#tx-holdout').innerText(), /1,653 \(P10–P90 over the parameters' uncertainty: 1,[56]\d\d to 1,[67]\d\d\) predicted/);
  assert.equal(await page.locator('#tx-progress-row').isVisible(), false);

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#tx-csv').click()]);
  assert.equal(download.suggestedFilename(), 'customer-predictions.csv');
  assert.equal(fs.readFileSync(await download.path(), 'utf8').trim().split('\r\n').length, 2358);

  const revenue = await page.locator('#inputs [name="revenue_per_customer"]').inputValue();
  await page.locator('#tx-use').click();
  assert.notEqual(await page.locator('#inputs [name="revenue_per_customer"]').inputValue(), revenue);
  const churn = Number(await page.locator('#inputs [name="churn_percent"]').inputValue());
  assert.ok(churn > 1 && churn < 20, String(churn));  // the share of active customers who stop in a month
  await page.locator('.transactions-panel').screenshot({ path: path.join(SHOTS, 'transactions-1280.png') });
  await session.checkHealthAndClose();
});

test('bad rows are counted with line numbers; an unreadable file says why', async () => {
  const file = path.join(os.tmpdir(), 'retention-bad-rows.csv');
  fs.writeFileSync(file, 'customer,date,amount\nA,2024-01-05,10\nB,2024-13-01,5\nC,someday,5\nA,2024-02-01,abc\n' +
    Array.from({ length: 40 }, (_, i) => `K${i % 12},2024-0${1 + (i % 6)}-1${i % 9},${i + 1}.50`).join('\n'));
  await upload(file);
  await page.locator('#tx-read').click();
  await page.locator('#tx-import').filter({ hasText: 'rows could not be read' }).waitFor({ timeout: 20000 });
  assert.match(await page.locator('#tx-import').textContent(), /^41 transactions of 13 customers, Jan 5, 2024 to Jun 18, 2024\. Amounts total \$850\.00, read with a decimal point\. 3 of 44 rows could not be read:$/);
  assert.deepEqual(await page.locator('#tx-bad-rows li').allTextContents(),
    ['line 3: "2024-13-01" is not a date', 'line 4: "someday" is not a date', 'line 5: "abc" is not an amount']);

  fs.writeFileSync(file, 'hello,world\nthis,is\nnot,a log\n');
  await upload(file);
  await page.locator('#tx-read').click();
  await page.locator('#tx-error').waitFor();
  assert.match(await page.locator('#tx-error').innerText(), /The file could not be read\.\s+No transactions could be read/);
  await session.checkHealthAndClose();
});

test('a million rows read in a worker: the page stays responsive and the read can be cancelled', async () => {
  const file = path.join(os.tmpdir(), 'retention-1m.csv');
  if (!fs.existsSync(file)) writeTransactionLog(file, 1_000_000);
  await upload(file);
  await page.locator('#tx-read').click();
  await page.locator('#tx-progress-text', { hasText: '%' }).waitFor();
  // The calculator answers while the log is being read.
  await page.locator('#inputs [name="revenue_per_customer"]').fill('70');
  assert.match(await page.locator('[data-out="clv"]').textContent(), /^\$/);
  await page.locator('#tx-cancel').click();
  assert.match(await page.locator('#tx-error').innerText(), /Cancelled/);
  assert.equal(await page.locator('#tx-progress-row').isVisible(), false);

  // Read again to the end: the models are fitted on the whole log.
  await page.locator('#tx-read').click();
  await page.locator('#tx-results').waitFor({ timeout: 60000 });
  await page.locator('#tx-fit dd').first().waitFor({ timeout: 60000 });
  assert.match(await page.locator('#tx-import').textContent(), /^1,000,000 transactions of [\d,]+ customers/);
  const seconds = await page.evaluate(() => performance.getEntriesByName('transactions-read-and-fit').at(-1).duration / 1000);
  assert.ok(seconds < 30, `read and fit took ${seconds.toFixed(1)} s`);  // a sanity bound; scripts/bench measures
  await session.checkHealthAndClose();
});

// 55 customers who each buy weekly all of 2025 (the core test's log): nobody stops and their
// spends agree, so the fit's parameters run to their limits. The page must say so in words,
// show no number as an estimate of them, and show the rate and mean spend that the data do give.
test('a log where nobody stops shows the limits in words, not meaningless estimates', async () => {
  const file = path.join(os.tmpdir(), 'retention-weekly-buyers.csv');
  const start = Date.UTC(2025, 0, 1), end = Date.UTC(2025, 11, 31), day = 86400000;
  const lines = ['customer,date,amount'];
  let ageWeeks = 0;
  for (let c = 0; c < 55; c++) {
    for (let week = 0; week < 52; week++) {
      const shift = week === 0 ? 0 : ((week + c) % 3) - 1;
      const date = start + (c % 7 + 7 * week + shift) * day;
      if (week === 0) ageWeeks += (end - date) / day / 7;
      lines.push(`C${c + 1},${new Date(date).toISOString().slice(0, 10)},${(20 + 5 * (week % 3) + 0.1 * ((c % 5) - 2)).toFixed(2)}`);
    }
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  await upload(file);
  await page.locator('#tx-read').click();
  await page.locator('#tx-results').waitFor({ timeout: 20000 });
  await page.locator('#tx-calibration-end').fill('2025-12-31');
  await page.locator('#tx-holdout-end').fill('2025-12-31');
  await page.locator('#tx-model').selectOption('bg_nbd');  // whose limits the notes tell apart
  await page.locator('#tx-fit dd', { hasText: 'No customer was seen to stop buying' }).waitFor();

  assert.equal(await fitRow('BG/NBD r, alpha, a, b').textContent(), 'no estimates (see the note)');
  assert.equal(await fitRow('Gamma-Gamma p, q, gamma').textContent(), 'no estimates (see the note)');
  assert.equal(await fitRow('Mean probability of being active').textContent(), 'Cannot be estimated: no customer was seen to stop');
  // One purchase rate for everyone: 51 repeats each over the weeks each customer was watched.
  // (The page fits once at its own calibration end first: wait for the refit at the one typed.)
  const rate = (55 * 51) / ageWeeks;
  const rateIn = (note) => Number(note?.match(/one rate, ([\d.]+) purchases per week while active/)?.[1]);
  let notes = [];
  for (let tries = 0; tries < 100; tries++) {
    notes = await fitRow('Note').allTextContents();
    if (Math.abs(rateIn(notes[1]) - rate) <= 1e-3 * rate) break;
    await page.waitForTimeout(100);
  }
  assert.equal(notes.length, 3, notes.join('\n'));
  assert.match(notes[0], /chance of being active cannot be estimated from these data/);
  const noteRate = rateIn(notes[1]);
  assert.ok(Math.abs(noteRate - rate) <= 1e-3 * rate, `${notes[1]} (${rate})`);
  const rowRate = Number(await fitRow('Purchases per week of an active customer').textContent());
  assert.ok(Math.abs(rowRate - rate) <= 0.0015, `${rowRate} (${rate})`);
  // 20, 25 and 30 in turn, the customers' 0.1 offsets cancelling out: 25 per purchase.
  const noteSpend = Number(notes[2].match(/the mean spend per purchase, ([\d.]+)\./)?.[1]);
  assert.ok(Math.abs(noteSpend - 25) <= 0.05, notes[2]);
  const meanSpend = Number((await fitRow('Mean spend per purchase').textContent()).replace(/[$,]/g, ''));
  assert.ok(Math.abs(meanSpend - 25) <= 0.05, String(meanSpend));
  await page.locator('.transactions-panel').screenshot({ path: path.join(SHOTS, 'transactions-limits-1280.png') });
  await session.checkHealthAndClose();
});

// As Excel saves CSV in most of Europe: semicolons and decimal commas; and as its "Unicode Text"
// saves: UTF-16LE with a byte-order mark, tabs and CRLF.
test('a European Excel export reads its decimal commas; a UTF-16 export reads as it previews', async () => {
  const european = path.join(os.tmpdir(), 'retention-european.csv');
  fs.writeFileSync(european, 'Kunde;Datum;Betrag\r\nA;2024-01-02;99,28\r\nA;2024-02-03;12,5\r\nB;2024-03-04;1.234,50\r\n');
  await upload(european);
  await page.locator('#tx-read').click();
  await page.locator('#tx-results').waitFor({ timeout: 20000 });
  assert.match(await page.locator('#tx-import').textContent(), /Amounts total \$1,346\.28, read with a decimal comma\.$/);

  // Every amount reads both ways: the page asks, and reads what the user then chooses.
  const either = path.join(os.tmpdir(), 'retention-either.csv');
  // Semicolons say comma, the browser's English locale says point: the page asks.
  fs.writeFileSync(either, 'id;date;amount\nA;2024-01-02;1.234\nB;2024-01-05;2.500\nA;2024-02-05;3.000\n');
  await upload(either);
  await page.locator('#tx-read').click();
  await page.locator('#tx-error').waitFor();
  assert.match(await page.locator('#tx-error').textContent(), /could have a decimal point or a decimal comma: choose the decimal mark/);
  await page.locator('#tx-decimal-mark').selectOption('comma');
  await page.locator('#tx-read').click();
  await page.locator('#tx-results').waitFor({ timeout: 20000 });
  assert.match(await page.locator('#tx-import').textContent(), /Amounts total \$6,734\.00, read with a decimal comma\.$/);

  const text = 'id\tdate\tamount\r\nA\t2024-06-24\t5.50\r\nB\t2024-06-25\t7.00\r\nA\t2024-07-01\t3.00\r\n';
  const utf16 = path.join(os.tmpdir(), 'retention-unicode-text.txt');
  fs.writeFileSync(utf16, Buffer.concat([Buffer.from([0xFF, 0xFE]), Buffer.from(text, 'utf16le')]));
  await upload(utf16);
  assert.deepEqual(await page.locator('#tx-preview tbody tr').nth(1).locator('td').allTextContents(), ['A', '2024-06-24', '5.50']);
  await page.locator('#tx-read').click();
  await page.locator('#tx-results').waitFor({ timeout: 20000 });
  assert.match(await page.locator('#tx-import').textContent(), /^3 transactions of 2 customers, Jun 24, 2024 to Jul 1, 2024\. Amounts total \$15\.50, read with a decimal point\.$/);
  await page.locator('.transactions-panel').screenshot({ path: path.join(SHOTS, 'transactions-european-1280.png') });
  await session.checkHealthAndClose();
});

// An order export as a shop keeps it, in Urdu on a phone: a semicolon file with decimal commas,
// an order number column, and refunds as negative amounts. Refunds are no purchases: they are
// left out, counted and totalled on the page, and a customer with only a refund is no customer.
test('an export with refunds, in Urdu at 375 px: refunds are left out and said, in the plural form', async () => {
  page = await session.open({ width: 375, height: 800 });
  await page.locator('#language').selectOption('ur');
  await page.locator('html[lang="ur"]').waitFor();
  const rows = [
    'Bestellnummer;Kunde;Datum;Betrag',
    '1001;anna@example.com;03.01.2024;49,90', '1002;ben@example.com;04.01.2024;12,50',
    '1003;anna@example.com;15.02.2024;19,90', '1004;ben@example.com;20.02.2024;-12,50',
    '1005;cem@example.com;21.02.2024;-30,00', '1006;anna@example.com;02.03.2024;1.249,00',
  ];
  const file = path.join(os.tmpdir(), 'retention-orders-refunds.csv');
  fs.writeFileSync(file, `${rows.join('\r\n')}\r\n`);
  await upload(file);
  await page.locator('#tx-customer').selectOption('1');
  await page.locator('#tx-date').selectOption('2');
  await page.locator('#tx-amount').selectOption('3');
  await page.locator('#tx-read').click();
  await page.locator('#tx-import').filter({ hasText: /\d/ }).waitFor({ timeout: 20000 });
  const line = await page.locator('#tx-import').textContent();
  // 4 purchases of 2 customers (cem only refunded); 49.90 + 12.50 + 19.90 + 1249.00 = 1331.30;
  // the refunds: 12.50 + 30.00 = 42.50, two rows: the plural form.
  // Numbers and amounts are isolated left to right inside the Urdu sentence (LRI ... PDI).
  assert.match(line, /^\u20662\u2069 گاہکوں کے \u20664\u2069 لین دین، /);
  assert.match(line, /\u2066\$1,331\.30\u2069/);
  assert.match(line, /منفی رقم والی \u20662\u2069 قطاریں \(کل \u2066\u200e?-\$42\.50\u2069\)/);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 375, `the page scrolls sideways: ${width} px`);
  await page.locator('.transactions-panel').screenshot({ path: path.join(SHOTS, 'transactions-refunds-ur-375.png') });
  await page.locator('#language').selectOption('en');  // the choice is saved: the next tests read English
  await page.locator('html[lang="en"]').waitFor();
  await session.checkHealthAndClose();
});

// A Shopify orders export: recognised from its header, read one purchase per order, its
// line-item rows and the orders left out said by reason (tests/data/README.md: the file).
test('a Shopify orders export is recognised and read one purchase per order, left-out orders said', async () => {
  await upload(path.join(ROOT, 'tests', 'data', 'shopify_orders.csv'));
  assert.equal(await page.locator('#tx-export-row').isVisible(), true);
  assert.equal(await page.locator('#tx-customer').isVisible(), false);  // the export's own columns
  await page.locator('#tx-read').click();
  await page.locator('#tx-import').filter({ hasText: /\d/ }).waitFor({ timeout: 20000 });
  // 6 orders, 4 line-item rows; #1002 and #1004 refunded or voided, #1003 cancelled; the rest:
  // 59.90 + 20.00 + 1,249.00 of 2 customers, Jun 15 to Jul 1 (23:30 at +02:00 is still Jul 1).
  assert.equal(await page.locator('#tx-import').textContent(),
    'A Shopify orders export: 6 orders read, and 4 line-item rows that belong to them. ' +
    'Left out: 2 refunded or voided orders and 1 cancelled order. ' +
    '3 transactions of 2 customers, Jun 15, 2023 to Jul 1, 2023. Amounts total $1,328.90, read with a decimal point.');
  await page.locator('#tx-export-row').screenshot({ path: path.join(SHOTS, 'transactions-shopify-1280.png') });
  // The subtotal instead: 49.90 + 18.00 + 1,200.00.
  await page.locator('#tx-order-amount').selectOption('subtotal');
  await page.locator('#tx-read').click();
  await page.locator('#tx-import', { hasText: '$1,267.90' }).waitFor({ timeout: 20000 });
  // The user can still read it as a plain table: the column choices come back.
  await page.locator('#tx-export').selectOption('generic');
  assert.equal(await page.locator('#tx-customer').isVisible(), true);
  await session.checkHealthAndClose();
});
