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
  const result = wasm.analyseHistories(x, tx, n, count, JSON.stringify({ future_opportunities: 4, discount_rate_percent: 10 }));
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
  const short = wasm.analyseHistories(x, tx.subarray(1), n, count, '{}');
  assert.equal(short.ok, false);
  assert.equal(short.errors[0].code, 'histories_columns_differ');
  const impossible = wasm.analyseHistories(Float64Array.of(2), Float64Array.of(1), Float64Array.of(3), Float64Array.of(1), '{}');
  assert.equal(impossible.errors[0].code, 'history_row_invalid');
  assert.match(impossible.errors[0].message, /^Row 1 \(x 2, t_x 1, n 3, count 1\) is not a purchase history/);
  const option = wasm.analyseHistories(x, tx, n, count, JSON.stringify({ discount_rate_percent: 0 }));
  assert.equal(option.errors[0].field, 'discount_rate_percent');
  assert.match(option.errors[0].message, /^Discount rate % per opportunity must be a number from 0\.01 to 100 \(got 0\)\.$/);
});
