// The warehouse route, run for real: the DuckDB query the page gives is run in DuckDB on the
// CDNOW master log (23,570 customers), its compressed table must equal the core's own summary of
// the same log row for row, and every model fitted on that table must equal the fit on the raw
// log to 1e-9. (The other dialects differ only in their words for dates and doubles; their text
// is checked in tests/core/repeat_buying/summary_table_test.cpp.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { ROOT, loadTransactionsModule } from '../support/wasm-module.mjs';

const MASTER = path.join(ROOT, 'tests', 'data', 'CDNOW_master.txt');
const OPTIONS = { calibration_end: '1997-09-30', time_unit: 'week', prediction_units: 39, margin_percent: 30 };
let wasm, connection, instance, scratch;

before(async () => {
  wasm = await loadTransactionsModule();
  // The log as a warehouse would hold it: one row per order, a DATE, a DOUBLE amount.
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'retention-warehouse-'));
  const csv = path.join(scratch, 'orders.csv');
  const lines = fs.readFileSync(MASTER, 'utf8').trim().split(/\r?\n/).slice(1).map((line) => {
    const [id, day, , amount] = line.trim().split(/\s+/);
    return `${id},${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)},${amount}`;
  });
  fs.writeFileSync(csv, `customer_id,ordered_at,amount\n${lines.join('\n')}\n`);
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  await connection.run(`CREATE TABLE orders AS SELECT * FROM read_csv('${csv}', header = true,
    columns = {'customer_id': 'VARCHAR', 'ordered_at': 'DATE', 'amount': 'DOUBLE'})`);
});

after(() => {
  connection?.closeSync?.();
  fs.rmSync(scratch, { recursive: true, force: true });
});

function importMaster() {
  const importer = new wasm.TransactionImport({ options: { customer: 0, date: 1, amount: 3, locale_decimal_mark: 'point' } });
  importer.feed({ bytes: new Uint8Array(fs.readFileSync(MASTER)) });
  assert.equal(importer.finish().ok, true);
  return importer;
}

// Rows of [x, t_x, T, spend, customers] ordered by the first four.
const byKey = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3];

test('the DuckDB query gives the core\'s own compressed summary, and the same fits to 1e-9', async () => {
  const sql = wasm.warehouseSql({ options: { dialect: 'duckdb', table: 'orders', customer: 'customer_id', date: 'ordered_at',
    amount: 'amount', calibration_end: OPTIONS.calibration_end, time_unit: 'week' } });
  assert.equal(sql.ok, true, JSON.stringify(sql.errors));
  const reader = await connection.runAndReadAll(sql.sql);
  const warehouse = reader.getRowsJS().map((row) => row.map(Number)).sort(byKey);

  const importer = importMaster();
  const core = importer.summaryTable({ options: OPTIONS });
  assert.equal(core.ok, true);
  const own = Array.from(core.x, (x, i) => [x, core.t_x[i], core.T[i], core.spend[i], core.customers[i]]).sort(byKey);
  assert.ok(own.length > 5000 && own.length < 15000, `${own.length} rows`);
  assert.equal(own.reduce((sum, row) => sum + row[4], 0), 23570);
  assert.equal(warehouse.length, own.length);
  for (let i = 0; i < own.length; i++) {
    const [a, b] = [own[i], warehouse[i]];
    assert.deepEqual([b[0], b[1], b[2], b[4]], [a[0], a[1], a[2], a[4]], `row ${i}`);
    assert.ok(Math.abs(b[3] - a[3]) <= 1e-12 * Math.max(1, a[3]), `row ${i}: spend ${b[3]} against ${a[3]}`);
  }

  // The table as the query's result would be saved (17 significant digits), analysed here.
  const text = `x,t_x,T,spend,customers\n${warehouse.map((row) => row.map((v) => v.toPrecision(17)).join(',')).join('\n')}\n`;
  const fromTable = wasm.analyseSummary({ bytes: new TextEncoder().encode(text), options: OPTIONS });
  assert.equal(fromTable.ok, true, JSON.stringify(fromTable.errors));
  const fromLog = importer.analyse({ options: OPTIONS });
  assert.equal(fromLog.ok, true);
  assert.equal(fromTable.summary.calibration.customers, 23570);
  for (const [i, model] of fromLog.summary.models.entries()) {
    const other = fromTable.summary.models[i];
    assert.equal(other.model, model.model);
    assert.ok(Math.abs(other.log_likelihood - model.log_likelihood) <= 1e-9 * Math.abs(model.log_likelihood), model.model);
    for (const name of model.parameter_names) {
      const [a, b] = [model.parameters[name], other.parameters[name]];
      assert.ok(Math.abs(b - a) <= 1e-9 * a, `${model.model} ${name}: ${b} against ${a}`);
    }
  }
  for (const name of ['p', 'q', 'gamma'])
    assert.ok(Math.abs(fromTable.summary.spend[name] - fromLog.summary.spend[name]) <= 1e-9 * fromLog.summary.spend[name], name);
  importer.delete();
});

test('every dialect\'s query is offered, and bad names come back as errors naming the field', () => {
  for (const dialect of ['duckdb', 'postgres', 'bigquery', 'spark', 'snowflake']) {
    const result = wasm.warehouseSql({ options: { dialect, calibration_end: '2024-06-30' } });
    assert.equal(result.ok, true, dialect);
    assert.match(result.sql, /GROUP BY x, t_x, T, spend/);
  }
  const bad = wasm.warehouseSql({ options: { table: 'orders where 1=1', calibration_end: '2024-06-30' } });
  assert.equal(bad.ok, false);
  assert.equal(bad.errors[0].field, 'table');
  const table = wasm.analyseSummary({ bytes: new TextEncoder().encode('x,t_x,T\n1,5,3\n'), options: OPTIONS });
  assert.equal(table.ok, false);
  assert.match(table.errors[0].message, /^Line 2, column t_x:/);
});
