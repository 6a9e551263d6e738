// Subscriptions exports through the transaction-log module's JS contract: the file's bytes in as a
// Uint8Array, the triangles, movements and headline numbers out (worked by hand in
// tests/core/subscriptions/subscription_cohorts_test.cpp), the survivor table as the cohort panel's
// text, and every problem as an error value naming its field.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, loadCohortsModule, loadTransactionsModule } from '../support/wasm-module.mjs';

let wasm, cohortsModule;
before(async () => {
  wasm = await loadTransactionsModule();
  cohortsModule = await loadCohortsModule();
});

const stripe = () => new Uint8Array(fs.readFileSync(path.join(ROOT, 'tests', 'data', 'stripe_subscriptions.csv')));

// Every number in a result, wherever it sits, is finite (JSON would have written NaN as null).
function assertFiniteNumbers(value, where = 'result') {
  if (typeof value === 'number') assert.ok(Number.isFinite(value), `${where} is ${value}`);
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) assertFiniteNumbers(item, `${where}.${key}`);
}

test('a Stripe export with two currencies asks which, and offers them', () => {
  const result = wasm.analyseSubscriptions({ bytes: stripe(), options: '{}' });
  assert.equal(result.ok, false);
  assert.equal(result.errors[0].field, 'currency');
  assert.equal(result.errors[0].code, 'subscription_currencies_mixed');
  assert.deepEqual(result.import.currencies, [{ code: 'USD', subscriptions: 11 }, { code: 'EUR', subscriptions: 1 }]);
  assert.equal(result.import.export, 'stripe');
});

test('the USD cohorts, movements and headline numbers are the hand-worked ones', () => {
  const result = wasm.analyseSubscriptions({ bytes: stripe(), options: { currency: 'USD' } });
  assert.equal(result.ok, true, JSON.stringify(result.errors));
  assertFiniteNumbers(result);
  const { cohorts, movements, headline, pooled } = result.cohorts;
  assert.deepEqual(cohorts.map((c) => c.month), ['2024-01', '2024-02', '2024-04']);
  assert.deepEqual(cohorts[1].active, [3, 2, 3]);
  assert.deepEqual(cohorts[1].mrr, [135, 100, 180]);
  assert.deepEqual(movements.map((m) => m.mrr), [200, 335, 280, 370]);
  assert.deepEqual([movements[2].contraction, movements[2].churn, movements[2].expansion, movements[3].reactivation], [20, 80, 45, 80]);
  assert.equal(headline.net_revenue_retention, 0.9);
  assert.equal(headline.arpa, 370 / 7);
  assert.equal(pooled.logo_retention[1], 5 / 6);
  assert.equal(result.survivor_text, '2024-01\t3\t3\t3\t3\n2024-02\t3\t2\t2\n2024-04\t1\n');
  assert.equal(result.import.rows_bad, 3);
  assert.deepEqual(result.import.first_bad_rows.map((row) => row.line), [18, 19, 20]);
});

test('the survivor table it gives is fitted by the cohort module', () => {
  const { survivor_text: text } = wasm.analyseSubscriptions({ bytes: stripe(), options: { currency: 'USD' } });
  const scenario = fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'default.json'), 'utf8');
  const fit = cohortsModule.analyseCohorts({ table: text, layout: 'rows', calibration_periods: 0, scenario });
  assert.equal(fit.ok, true, JSON.stringify(fit.errors));
  assert.deepEqual(fit.summary.cohorts, [{ name: '2024-01', survivors: [3, 3, 3, 3] },
    { name: '2024-02', survivors: [3, 2, 2] }, { name: '2024-04', survivors: [1] }]);
});

test('bad options, a missing column and an empty file come back as errors', () => {
  const bad = wasm.analyseSubscriptions({ bytes: stripe(), options: { currency: 'usd', as_of: 'yesterday' } });
  assert.equal(bad.ok, false);
  assert.deepEqual(bad.errors.map((e) => e.field), ['currency', 'as_of']);
  assert.equal(wasm.analyseSubscriptions({ bytes: stripe(), options: 'not json' }).ok, false);
  const header = new TextEncoder().encode('id,Customer ID,Status,Start (UTC),Interval,Amount\nsub_1,cus_1,active,2024-01-01,month,5\n');
  const missing = wasm.analyseSubscriptions({ bytes: header, options: '{}' });
  assert.equal(missing.ok, false);
  assert.match(missing.errors[0].message, /no Ended At column/);
  const empty = wasm.analyseSubscriptions({ bytes: new Uint8Array(0), options: '{}' });
  assert.equal(empty.ok, false);
  assert.equal(empty.errors[0].field, 'subscriptions');
});

test('the same export with a byte-order mark, CRLF line ends and its header in capitals counts the same', () => {
  const text = new TextDecoder().decode(stripe());
  const saved = `\ufeff${text.replace(/\n/g, '\r\n').replace('id,Customer ID', 'ID,CUSTOMER ID')}`;
  const plain = wasm.analyseSubscriptions({ bytes: stripe(), options: { currency: 'USD' } });
  const other = wasm.analyseSubscriptions({ bytes: new TextEncoder().encode(saved), options: { currency: 'USD' } });
  assert.equal(other.ok, true, JSON.stringify(other.errors));
  assert.equal(other.file.export, 'stripe');
  assert.deepEqual(other.cohorts, plain.cohorts);
  assert.deepEqual(other.import.first_bad_rows.map((row) => row.line), [18, 19, 20]);
});
