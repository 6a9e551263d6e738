// Repeated recomputation and imports must leave the wasm heap where they found it: the
// allocator's bytes in use return to the same count, and the memory never grows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, loadWasmModule } from '../support/wasm-module.mjs';

test('10,000 updates, 1,000 imports and 500 cohort fits do not grow the wasm heap', async () => {
  const wasm = await loadWasmModule();
  const base = wasm.defaultScenario();
  const cohort = fs.readFileSync(path.join(ROOT, 'tests', 'data', 'sbg_regular_cohort.csv'), 'utf8');
  const fitted = fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'fitted-curve.json'), 'utf8');
  const update = (i) => JSON.stringify({ ...base, revenue_per_customer: 40 + (i % 50), churn_percent: 1 + (i % 30) });
  const once = (i) => {
    wasm.evaluate(update(i));
    wasm.evaluate(JSON.stringify({ ...base, churn_percent: -i }));  // an error path
  };
  for (let i = 0; i < 200; i++) once(i);  // let the allocator reach its working size
  wasm.analyseCohorts(cohort, 'columns', 7, JSON.stringify(base));
  wasm.evaluate(fitted);
  wasm.projectionCsv(update(1));
  const inUse = wasm.heapInUse();
  const memory = wasm.HEAP8.buffer.byteLength;

  for (let i = 0; i < 10000; i++) once(i);
  for (let i = 0; i < 1000; i++) {
    const exported = JSON.stringify(wasm.evaluate(update(i)).summary.scenario, null, 2);
    wasm.evaluate(exported);
    wasm.projectionCsv(exported);
    wasm.evaluate(exported.slice(0, exported.length / 2));  // a truncated file
  }
  for (let i = 0; i < 500; i++) {
    wasm.analyseCohorts(cohort, 'columns', 2 + (i % 10), JSON.stringify(base));
    wasm.analyseCohorts('1000\n1200\n800', 'columns', 0, JSON.stringify(base));
  }
  for (let i = 0; i < 100; i++) wasm.evaluate(fitted);

  assert.equal(wasm.heapInUse(), inUse, 'bytes in use after the loops');
  assert.equal(wasm.HEAP8.buffer.byteLength, memory, 'wasm memory size');
});
