// Repeated recomputation and imports must leave the wasm heap where they found it: the
// allocator's bytes in use return to the same count, and the memory never grows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, loadWasmModule } from '../support/wasm-module.mjs';

test('10,000 updates and 1,000 imports do not grow the wasm heap', async () => {
  const wasm = await loadWasmModule();
  const base = wasm.defaultScenario();
  const fitted = fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'fitted-curve.json'), 'utf8');
  const update = (i) => JSON.stringify({ ...base, revenue_per_customer: 40 + (i % 50), churn_percent: 1 + (i % 30) });
  const once = (i) => {
    wasm.evaluate({ scenario: update(i) });
    wasm.evaluate({ scenario: { ...base, churn_percent: -i } });  // an error path
  };
  for (let i = 0; i < 200; i++) once(i);  // let the allocator reach its working size
  wasm.evaluate({ scenario: fitted });
  wasm.projectionCsv({ scenario: update(1) });
  const inUse = wasm.heapInUse();
  const memory = wasm.HEAP8.buffer.byteLength;

  for (let i = 0; i < 10000; i++) once(i);
  for (let i = 0; i < 1000; i++) {
    const exported = JSON.stringify(wasm.evaluate({ scenario: update(i) }).summary.scenario, null, 2);
    wasm.evaluate({ scenario: exported });
    wasm.projectionCsv({ scenario: exported });
    wasm.evaluate({ scenario: exported.slice(0, exported.length / 2) });  // a truncated file
  }
  for (let i = 0; i < 100; i++) wasm.evaluate({ scenario: fitted });

  assert.equal(wasm.heapInUse(), inUse, 'bytes in use after the loops');
  assert.equal(wasm.HEAP8.buffer.byteLength, memory, 'wasm memory size');
});

// The core's largest table: 500 cohorts of 1,001 counts (periods 0..1,000), non-increasing.
function largestTable() {
  const columns = Array.from({ length: 500 }, (_, c) => {
    const counts = [20000 + c];
    for (let t = 1; t <= 1000; t++) counts.push(Math.floor(counts[t - 1] * 0.998));
    return counts;
  });
  const lines = [columns.map((_, c) => `c${c}`).join(',')];
  for (let t = 0; t <= 1000; t++) lines.push(columns.map((counts) => counts[t]).join(','));
  return `${lines.join('\n')}\n`;
}

test('500 cohort fits, refused tables and the largest table do not grow the cohort module\'s heap', async () => {
  const { default: createCohortsModule } = await import(path.join(ROOT, 'web', 'wasm', 'cohorts.js'));
  const wasm = await createCohortsModule({ wasmBinary: fs.readFileSync(path.join(ROOT, 'web', 'wasm', 'cohorts.wasm')) });
  const scenario = JSON.stringify((await loadWasmModule()).defaultScenario());
  const cohort = fs.readFileSync(path.join(ROOT, 'tests', 'data', 'sbg_regular_cohort.csv'), 'utf8');
  const largest = largestTable();
  wasm.analyseCohorts({ table: cohort, layout: 'columns', calibration_periods: 7, scenario });  // let the allocator reach its working size
  assert.equal(wasm.analyseCohorts({ table: largest, layout: 'columns', calibration_periods: 0, scenario }).ok, true);
  // Both of the largest table's fits too: the bindings free the table's text as soon as it is read
  // (not after the call), so the first fit alone no longer reaches the second's working size.
  wasm.analyseCohorts({ table: largest, layout: 'columns', calibration_periods: 500, scenario });
  const inUse = wasm.heapInUse();
  const memory = wasm.HEAP8.buffer.byteLength;

  for (let i = 0; i < 500; i++) {
    wasm.analyseCohorts({ table: cohort, layout: 'columns', calibration_periods: 2 + (i % 10), scenario });
    wasm.analyseCohorts({ table: '1000\n1200\n800', layout: 'columns', calibration_periods: 0, scenario });
  }
  wasm.analyseCohorts({ table: largest, layout: 'columns', calibration_periods: 500, scenario });

  assert.equal(wasm.heapInUse(), inUse, 'bytes in use after the loops');
  assert.equal(wasm.HEAP8.buffer.byteLength, memory, 'wasm memory size');
});
