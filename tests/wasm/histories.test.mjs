// BG/BB through the models module's JS contract: histories in as four Float64Arrays (a compressed
// table), the published cruise-line fit out, errors as values naming what is wrong.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, loadModelsModule } from '../support/wasm-module.mjs';

let wasm;
before(async () => {
  wasm = await loadModelsModule();
});

// tests/data/cruise_bgbb.csv as columns.
function cruise() {
  const rows = fs.readFileSync(path.join(ROOT, 'tests', 'data', 'cruise_bgbb.csv'), 'utf8').trim().split('\n').slice(1)
    .map((line) => line.split(',').map(Number));
  return [0, 1, 2, 3].map((c) => Float64Array.from(rows, (row) => row[c]));
}

test('the cruise line gives the published fit, and every answer is a finite number', () => {
  const [x, tx, n, count] = cruise();
  const result = wasm.analyseHistories({ x, t_x: tx, n, count, options: { future_opportunities: 4, discount_rate_percent: 10 } });
  assert.equal(result.ok, true, JSON.stringify(result.errors));
  const { fit, histories, customers, new_customer_expected_purchases: curve } = result.summary;
  assert.ok(Math.abs(fit.log_likelihood - -7130.7) < 0.05, String(fit.log_likelihood));
  assert.ok(Math.abs(fit.alpha - 0.66) < 0.005 && Math.abs(fit.beta - 5.19) < 0.06, JSON.stringify(fit));
  assert.equal(customers, 6094);
  assert.equal(histories.length, 11);
  assert.equal(curve.length, 4);
  for (const h of histories) {
    for (const key of ['probability_alive', 'expected_purchases', 'dert']) assert.ok(Number.isFinite(h[key]), `${key} ${h[key]}`);
    assert.ok(h.probability_alive > 0 && h.probability_alive <= 1);
  }
  // A customer who cruised every year is likelier alive than one who stopped after the first.
  const every = histories.find((h) => h.x === 4), once = histories.find((h) => h.x === 1 && h.t_x === 1);
  assert.ok(every.probability_alive > once.probability_alive);
});

test('bad histories and options come back as errors naming them', () => {
  const [x, tx, n, count] = cruise();
  const short = wasm.analyseHistories({ x, t_x: tx.subarray(1), n, count, options: '{}' });
  assert.equal(short.ok, false);
  assert.equal(short.errors[0].code, 'histories_columns_differ');
  const impossible = wasm.analyseHistories({ x: Float64Array.of(2), t_x: Float64Array.of(1), n: Float64Array.of(3), count: Float64Array.of(1), options: '{}' });
  assert.equal(impossible.errors[0].code, 'history_row_invalid');
  assert.match(impossible.errors[0].message, /^Row 1 \(x 2, t_x 1, n 3, count 1\) is not a purchase history/);
  const option = wasm.analyseHistories({ x, t_x: tx, n, count, options: { discount_rate_percent: 0 } });
  assert.equal(option.errors[0].field, 'discount_rate_percent');
  assert.match(option.errors[0].message, /^Discount rate % per opportunity must be a number from 0\.01 to 100 \(got 0\)\.$/);
});

// A table of histories as a file's bytes: the donations (frequency, recency, periods, weights)
// give the published estimates; the same table with its columns renamed and reordered gives the
// same fit; the answers agree with the four-column entry point; bad rows name line and column.
const donations = fs.readFileSync(path.join(ROOT, 'tests', 'data', 'donations.csv'));

test('a table of histories as bytes gives the published donations fit, with standard errors and a band', () => {
  const result = wasm.analyseHistoryTable({ bytes: donations, options: { future_opportunities: 5 } });
  assert.equal(result.ok, true, JSON.stringify(result.errors));
  const { fit, customers, band } = result.summary;
  assert.equal(customers, 11104);
  // docs/model.md: alpha, beta, gamma, delta = 1.2035, 0.7497, 0.6567, 2.7834.
  for (const [name, published] of /** @type {Array<[string, number]>} */ ([['alpha', 1.2035], ['beta', 0.7497], ['gamma', 0.6567], ['delta', 2.7834]])) {
    assert.ok(Math.abs(fit[name] - published) < 5e-4, `${name} ${fit[name]}`);
    assert.ok(fit.standard_errors[name] > 0 && fit.standard_errors[name] < fit[name], `${name} SE ${fit.standard_errors[name]}`);
  }
  assert.equal(band.draws, 200);
  assert.ok(band.expected_purchases_total.p10 < result.summary.expected_purchases_total);
  assert.ok(band.expected_purchases_total.p90 > result.summary.expected_purchases_total);
  const text = donations.toString('utf8').trim().split('\n');
  const renamed = ['Weights;N;X;T_X', ...text.slice(1).map((line) => { const [x, tx, n, w] = line.split(','); return `${w};${n};${x};${tx}`; })].join('\r\n');
  const again = wasm.analyseHistoryTable({ bytes: new TextEncoder().encode(renamed), options: { future_opportunities: 5 } });
  assert.equal(again.ok, true, JSON.stringify(again.errors));
  assert.equal(again.summary.fit.log_likelihood, fit.log_likelihood);
});

test('a table of histories with bad rows is refused, each named by line and column', () => {
  const bytes = new TextEncoder().encode('x,t_x,n\n1,1,6\n3,2,6\n1,1,seven\n');
  const result = wasm.analyseHistoryTable({ bytes, options: '{}' });
  assert.equal(result.ok, false);
  assert.deepEqual(result.errors.map((e) => e.code), ['history_x_invalid', 'summary_cell_not_number']);
  assert.match(result.errors[0].message, /^Line 3, column x: /);
  assert.match(result.errors[1].message, /^Line 4, column n: "seven" is not a number/);
  const missing = wasm.analyseHistoryTable({ bytes: new TextEncoder().encode('purchases,last\n1,1\n'), options: '{}' });
  assert.deepEqual(missing.errors.map((e) => e.message), [
    'The table of histories has no x column (looked for: x, frequency).',
    'The table of histories has no t_x column (looked for: t_x, recency).',
    'The table of histories has no n column (looked for: n, periods, opportunities).']);
  const text = wasm.analyseHistoryTable({ bytes: donations, options: { future_opportunities: 'five' } });
  assert.equal(text.errors[0].field, 'future_opportunities');
  assert.match(text.errors[0].message, /^Opportunities ahead must be a number from 1 to 1,?000 \(got "five"\)\.$/);
});
