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
  const importer = new wasm.TransactionImport(1, 2, 4, 'automatic', 'auto');
  for (let at = 0; at < SAMPLE.length; at += chunk) importer.feed(new Uint8Array(SAMPLE.subarray(at, at + chunk)));
  return importer;
}

test('the CDNOW sample gives the published BG/NBD and Gamma-Gamma estimates', () => {
  const importer = importSample(1000);
  const read = importer.finish();
  assert.equal(read.ok, true);
  assert.equal(read.import.rows_read, 6919);
  assert.equal(read.import.customers, 2357);
  assert.equal(read.import.first_date, '1997-01-01');
  const result = importer.analyse(JSON.stringify(OPTIONS));
  assert.equal(result.ok, true);
  const p = result.summary.purchases, s = result.summary.spend;
  assert.deepEqual([p.r, p.alpha, p.a, p.b].map((v) => v.toFixed(3)), ['0.243', '4.414', '0.793', '2.426']);
  assert.equal(p.log_likelihood.toFixed(1), '-9582.4');
  assert.deepEqual([s.p, s.q, s.gamma].map((v) => v.toFixed(2)), ['6.25', '3.74', '15.44']);
  assert.ok(result.series.holdout_expected instanceof Float64Array);
  assert.equal(result.series.holdout_actual.length, 39);
  const csv = importer.predictionsCsv().trim().split('\r\n');
  assert.equal(csv.length, 2358);
  assert.match(csv[0], /^customer,repeat_purchases,recency,age,probability_alive,expected_purchases,expected_spend,clv$/);
  importer.delete();
});

test('preview, bad options and unreadable files come back as values', () => {
  const preview = wasm.previewTransactions('id;date;amount\n7;2024-01-02;5.5\n');
  assert.equal(preview.separator, ';');
  assert.deepEqual(preview.rows[1], ['7', '2024-01-02', '5.5']);

  const importer = importSample();
  importer.finish();
  const bad = importer.analyse(JSON.stringify({ ...OPTIONS, calibration_end: 'soon', time_unit: 'fortnight' }));
  assert.equal(bad.ok, false);
  assert.deepEqual(bad.errors.map((e) => e.field), ['calibration_end', 'time_unit']);
  assert.equal(importer.analyse('{').ok, false);
  importer.delete();

  const empty = new wasm.TransactionImport(0, 1, 2, 'automatic', 'auto');
  empty.feed(new TextEncoder().encode('a,b,c\nd,e,f\n'));
  const read = empty.finish();
  assert.equal(read.ok, false);
  assert.match(read.errors[0].message, /No transactions could be read/);
  assert.equal(empty.analyse(JSON.stringify(OPTIONS)).ok, false);
  empty.delete();
});

test('repeated imports and analyses leave the heap where they found it', () => {
  const warm = importSample();
  warm.finish();
  warm.analyse(JSON.stringify(OPTIONS));
  warm.delete();
  const inUse = wasm.heapInUse();
  for (let i = 0; i < 20; i++) {
    const importer = importSample();
    importer.finish();
    importer.analyse(JSON.stringify({ ...OPTIONS, prediction_units: 10 + i }));
    importer.predictionsCsv();
    importer.delete();
  }
  assert.equal(wasm.heapInUse(), inUse);
});
