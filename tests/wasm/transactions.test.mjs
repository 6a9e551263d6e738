// The transaction-log module's JS contract: bytes in as Uint8Array chunks, the published CDNOW
// estimates out, errors as values, and a heap that does not grow over repeated analyses.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, loadTransactionsModule } from '../support/wasm-module.mjs';

const SAMPLE = fs.readFileSync(path.join(ROOT, 'tests', 'data', 'CDNOW_sample.txt'));
const OPTIONS = { calibration_end: '1997-09-30', holdout_end: '1998-06-30', time_unit: 'week', prediction_units: 39,
  annual_discount_rate_percent: 10, margin_percent: 30 };
let wasm;

before(async () => {
  wasm = await loadTransactionsModule();
});

function importSample(chunk = 65536) {
  const importer = new wasm.TransactionImport({ options: { customer: 1, date: 2, amount: 4, locale_decimal_mark: 'point' } });
  for (let at = 0; at < SAMPLE.length; at += chunk) assert.equal(importer.feed({ bytes: new Uint8Array(SAMPLE.subarray(at, at + chunk)) }).ok, true);
  return importer;
}

test('the CDNOW sample gives the published BG/NBD and Gamma-Gamma estimates', () => {
  const importer = importSample(1000);
  const read = importer.finish();
  assert.equal(read.ok, true);
  assert.equal(read.import.rows_read, 6919);
  assert.equal(read.import.customers, 2357);
  assert.equal(read.import.first_date, '1997-01-01');
  const result = importer.analyse({ options: { ...OPTIONS, model: 'bg_nbd' } });
  assert.equal(result.ok, true);
  const p = result.summary.purchases.parameters, s = result.summary.spend;
  assert.equal(result.summary.purchases.model, 'bg_nbd');
  assert.deepEqual([p.r, p.alpha, p.a, p.b].map((v) => v.toFixed(3)), ['0.243', '4.414', '0.793', '2.426']);
  assert.equal(result.summary.purchases.log_likelihood.toFixed(1), '-9582.4');
  assert.deepEqual([s.p, s.q, s.gamma].map((v) => v.toFixed(2)), ['6.25', '3.74', '15.44']);
  assert.ok(result.series.holdout_expected instanceof Float64Array);
  assert.equal(result.series.holdout_actual.length, 39);
  const predictions = importer.predictionsCsv();
  assert.equal(predictions.ok, true);
  const csv = predictions.csv.trim().split('\r\n');
  assert.equal(csv.length, 2358);
  assert.match(csv[0], /^customer,repeat_purchases,recency,age,probability_alive,expected_purchases,expected_spend,clv$/);
  importer.delete();
});

// Every model side by side (Pareto/NBD as published on the CDNOW summary, to its printed digits
// here on the log's own days), each with its tracking curve, and the choice with its reason.
test('the three purchase models are compared, and the chosen one feeds the calculator', () => {
  const importer = importSample();
  importer.finish();
  const result = importer.analyse({ options: OPTIONS });
  assert.equal(result.ok, true);
  const { models, choice, naive, holdout, calculator_inputs: inputs } = result.summary;
  assert.deepEqual(models.map((m) => m.model), ['bg_nbd', 'mbg_nbd', 'pareto_nbd']);
  const pareto = models[2];
  assert.deepEqual(['r', 'alpha', 's', 'beta'].map((k) => pareto.parameters[k].toFixed(2)), ['0.55', '10.58', '0.61', '11.67']);
  for (const m of models) {
    assert.equal(m.fitted, true);
    for (const [name, error] of Object.entries(m.standard_errors)) assert.ok(error > 0 && error < m.parameters[name] * 2, `${m.model} ${name}`);
    assert.ok(Math.abs(m.bic - (4 * Math.log(2357) - 2 * m.log_likelihood)) < 1e-6);
    assert.ok(m.holdout.mean_absolute_error < naive.holdout.mean_absolute_error);
    const curve = result.series.holdout_expected_by_model[m.model];
    assert.ok(curve instanceof Float64Array && curve.length === 39);
  }
  const best = models.reduce((l, r) => (r.holdout.mean_absolute_error < l.holdout.mean_absolute_error ? r : l));
  assert.equal(choice.best, best.model);
  assert.equal(choice.chosen, best.model);
  assert.equal(choice.best_by, 'holdout');
  assert.match(choice.reason.message, new RegExp(`^${best.label.replace('/', '\\/')} predicted the holdout best`));
  assert.equal(holdout.actual, result.series.holdout_actual.at(-1));
  assert.ok(inputs.churn_percent > 1 && inputs.churn_percent < 20);
  assert.ok(inputs.revenue_per_customer > 0);
  const yearly = importer.analyse({ options: { ...OPTIONS, calculator_period: 'year' } }).summary.calculator_inputs;
  assert.ok(Math.abs(yearly.revenue_per_customer / inputs.revenue_per_customer - 12) < 1e-9);
  assert.ok(yearly.churn_percent > inputs.churn_percent);
  const bad = importer.analyse({ options: { ...OPTIONS, model: 'weibull' } });
  assert.deepEqual(bad.errors.map((e) => e.field), ['model']);
  importer.delete();
});

// Every number of a result, wherever it sits (typed arrays included), with its path.
function* numbersOf(value, where = 'result') {
  if (typeof value === 'number') yield [where, value];
  else if (value instanceof Float64Array || value instanceof Int32Array) for (const [i, v] of value.entries()) yield [`${where}[${i}]`, v];
  else if (value !== null && typeof value === 'object')
    for (const [key, v] of Object.entries(value)) yield* numbersOf(v, `${where}.${key}`);
}

// The CLV's band: both fits' parameters drawn (Gamma-Gamma's standard errors from its observed
// information), around the CLV; a same-seed re-analysis gives the same band, and every number of
// the result is finite.
test('the CLV has a band from the purchase and spend models\' draws, and every number is finite', () => {
  const importer = importSample();
  importer.finish();
  const result = importer.analyse({ options: { ...OPTIONS, model: 'bg_nbd' } });
  assert.equal(result.ok, true);
  const { band, totals, spend } = result.summary;
  assert.deepEqual(band.drawn, { purchase_model: true, spend_model: true });
  assert.equal(band.spend_not_drawn, null);
  assert.equal(band.clv_draws, band.draws);
  assert.ok(band.clv.p10 < totals.clv && totals.clv < band.clv.p90, JSON.stringify(band.clv));
  assert.ok(band.mean_clv.p10 < totals.mean_clv && totals.mean_clv < band.mean_clv.p90);
  for (const name of ['p', 'q', 'gamma']) assert.ok(spend.standard_errors[name] > 0 && spend.standard_errors[name] < spend[name], name);
  let count = 0;
  for (const [where, value] of numbersOf(result)) {
    assert.ok(Number.isFinite(value), `${where} is ${value}`);
    count += 1;
  }
  assert.ok(count > 100, String(count));
  const again = importer.analyse({ options: { ...OPTIONS, model: 'bg_nbd' } }).summary.band;
  assert.deepEqual(again.clv, band.clv);
  importer.delete();
});

test('preview, bad options and unreadable files come back as values', () => {
  const preview = wasm.previewTransactions({ bytes: new TextEncoder().encode('id;date;amount\n7;2024-01-02;5.5\n'), complete: true });
  assert.equal(preview.separator, ';');
  assert.deepEqual(preview.rows[1], ['7', '2024-01-02', '5.5']);

  const importer = importSample();
  importer.finish();
  const bad = importer.analyse({ options: { ...OPTIONS, calibration_end: 'soon', time_unit: 'fortnight' } });
  assert.equal(bad.ok, false);
  assert.deepEqual(bad.errors.map((e) => e.field), ['calibration_end', 'time_unit']);
  const notJson = importer.analyse({ options: '{' });
  assert.equal(notJson.ok, false);
  assert.equal(notJson.errors[0].code, 'analysis_options_not_json');
  assert.equal(notJson.errors[0].message, 'The analysis options are not valid JSON.');
  importer.delete();

  const empty = new wasm.TransactionImport({ options: { customer: 0, date: 1, amount: 2, locale_decimal_mark: 'point' } });
  empty.feed({ bytes: new TextEncoder().encode('a,b,c\nd,e,f\n') });
  const read = empty.finish();
  assert.equal(read.ok, false);
  assert.match(read.errors[0].message, /No transactions could be read/);
  // Errors made in the bindings carry a code the page translates and an English message, like the core's.
  const afterFinish = [empty.finish(), empty.analyse({ options: OPTIONS }), empty.feed({ bytes: new Uint8Array(1) }),
    empty.summaryTable({ options: OPTIONS }), empty.predictionsCsv()];
  for (const error of afterFinish.map((answer) => answer.errors[0])) {
    assert.match(error.code, /^transactions_(already|not)_read$/);
    assert.ok(error.message.length > 10, error.message);
  }
  empty.delete();
});

test('the import takes one options object; a bad option comes back as an error naming it', () => {
  const bad = new wasm.TransactionImport({ options: { customer: 0, date: 1, amount: 2, export: 'stripe' } });
  const fed = bad.feed({ bytes: new TextEncoder().encode('a,2024-01-01,5\n') });
  assert.equal(fed.ok, false, 'feed says at once that the options are bad');
  assert.equal(fed.errors[0].field, 'export');
  const read = bad.finish();
  assert.equal(read.ok, false);
  assert.equal(read.errors[0].field, 'export');
  assert.equal(read.errors[0].code, 'import_option_invalid');
  assert.match(read.errors[0].message, /export must be one of automatic, generic, shopify_orders/);
  bad.delete();
  const notJson = new wasm.TransactionImport({ options: '{' });
  assert.equal(notJson.finish().errors[0].code, 'import_options_not_object');
  notJson.delete();
});

test('a Shopify orders export is recognised by its preview and read one transaction per order', () => {
  const text = 'Name,Email,Financial Status,Subtotal,Total,Created at,Lineitem name,Cancelled at\n' +
    '#1,a@example.com,paid,10.00,12.00,2023-06-15 04:25:00 -0500,Mug,\n#1,a@example.com,,,,2023-06-15 04:25:00 -0500,Cup,\n' +
    '#2,b@example.com,refunded,5.00,5.00,2023-06-16 10:00:00 -0500,Pen,\n#3,a@example.com,paid,7.00,8.00,2023-07-01 10:00:00 +0200,Ink,\n';
  const bytes = new TextEncoder().encode(text);
  assert.equal(wasm.previewTransactions({ bytes, complete: true }).export, 'shopify_orders');
  assert.equal(wasm.previewTransactions({ bytes: new TextEncoder().encode('id,date,amount\na,2024-01-01,5\n'), complete: true }).export, 'generic');
  const importer = new wasm.TransactionImport({ options: { export: 'shopify_orders', order_amount: 'subtotal' } });
  importer.feed({ bytes });
  const read = importer.finish();
  importer.delete();
  assert.equal(read.ok, true, JSON.stringify(read.errors));
  assert.equal(read.import.export, 'shopify_orders');
  assert.equal(read.import.rows_read, 3);
  assert.equal(read.import.line_item_rows, 1);
  assert.equal(read.import.orders_refunded_or_voided, 1);
  assert.equal(read.import.transactions, 2);
  assert.equal(read.import.total_amount, 17);  // subtotals 10 + 7
  assert.equal(read.import.last_date, '2023-07-01');
});

test('repeated imports and analyses leave the heap where they found it', () => {
  const warm = importSample();
  warm.finish();
  warm.analyse({ options: OPTIONS });
  warm.delete();
  const inUse = wasm.heapInUse();
  for (let i = 0; i < 20; i++) {
    const importer = importSample();
    importer.finish();
    importer.analyse({ options: { ...OPTIONS, prediction_units: 10 + i } });
    importer.predictionsCsv();
    importer.delete();
  }
  assert.equal(wasm.heapInUse(), inUse);
});

// A log as Excel saves it in most of Europe: semicolons, decimal commas.
function readLog(text, decimalMark = 'automatic', localeMark = 'point') {
  const importer = new wasm.TransactionImport({ options: { customer: 0, date: 1, amount: 2, decimal_mark: decimalMark, locale_decimal_mark: localeMark } });
  importer.feed({ bytes: typeof text === 'string' ? new TextEncoder().encode(text) : text });
  const read = importer.finish();
  if (read.ok) read.spend = importer.analyse({ options: { ...OPTIONS, calibration_end: '2024-12-31', holdout_end: '2024-12-31' } });
  importer.delete();
  return read;
}

test('decimal commas are decimal marks, and an amount that reads both ways is asked about', () => {
  const european = 'kunde;datum;betrag\nA;2024-01-02;99,28\nA;2024-02-03;12,5\nB;2024-03-04;1.234,50\n';
  const read = readLog(european);
  assert.equal(read.ok, true, JSON.stringify(read.errors));
  assert.equal(read.import.rows_bad, 0);
  assert.equal(read.import.total_amount.toFixed(2), (99.28 + 12.5 + 1234.5).toFixed(2));

  // 1,234 alone: a thousand and more with a decimal point, one and a bit with a comma.
  const either = 'id,date,amount\nA,2024-01-02,"1,234"\nB,2024-01-05,"2,500"\n';
  const asked = readLog(either, 'automatic', 'comma');
  assert.equal(asked.ok, false);
  assert.equal(asked.errors[0].code, 'decimal_mark_ambiguous');
  assert.equal(readLog(either, 'comma').import.total_amount.toFixed(3), '3.734');
  assert.equal(readLog(either, 'point').import.total_amount, 3734);
});

test('a UTF-16 file previews and reads as its UTF-8 twin does', () => {
  const text = 'id\tdate\tamount\r\nA\t2024-06-24\t5.5\r\nB\t2024-06-25\t7\r\n';
  const utf16 = new Uint8Array(2 + text.length * 2);
  utf16.set([0xFF, 0xFE]);
  for (let i = 0; i < text.length; i++) utf16[2 + 2 * i] = text.charCodeAt(i);
  const preview = wasm.previewTransactions({ bytes: utf16, complete: true });
  assert.deepEqual(preview.rows[1], ['A', '2024-06-24', '5.5']);
  const read = readLog(utf16);
  assert.equal(read.ok, true, JSON.stringify(read.errors));
  assert.equal(read.import.rows_read, 2);
  assert.equal(read.import.total_amount, 12.5);
});
