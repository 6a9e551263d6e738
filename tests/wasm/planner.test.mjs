// The strategy planner module's JS contract: the same answers and the same Monte Carlo bands as
// the native core for the same seed, series as Float64Arrays, errors as values naming the field,
// and a heap that does not grow over repeated simulations.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, loadPlannerModule } from '../support/wasm-module.mjs';
import { assertClose } from '../support/assert-close.mjs';
import { nativeReport } from '../support/native-report.mjs';

const FIXTURE = path.join(ROOT, 'tests', 'fixtures', 'plan.json');
const PLAN = fs.readFileSync(FIXTURE, 'utf8');
let wasm, native;

before(async () => {
  wasm = await loadPlannerModule();
  native = nativeReport(['--plan', FIXTURE]);
});

test('the plan\'s answers equal the native core\'s', () => {
  const result = wasm.planStrategy({ scenario: PLAN });
  assert.equal(result.ok, true);
  for (const values of Object.values(result.series)) assert.ok(values instanceof Float64Array);
  assertClose(result.summary, native.summary, 'summary');
  assertClose(result.series, native.series, 'series');
  assert.equal(result.series.cumulative_gain.length, 60);
  assert.equal(result.series.split_profit.length, 101);
  const csv = wasm.planCsv({ scenario: PLAN });
  assert.equal(csv.ok, true);
  const lines = csv.csv.trim().split('\r\n');
  assert.equal(lines.length, 61);
  assert.equal(Number(lines[60].split(',')[3]), Number(native.series.cumulative_gain[59].toPrecision(10)));
});

test('the same seed gives the same Monte Carlo bands in wasm as natively', () => {
  const result = wasm.simulatePlan({ scenario: PLAN });
  assert.equal(result.ok, true);
  assert.equal(result.summary.draws, 10000);
  assert.equal(result.summary.seed, 20261123);
  for (const values of Object.values(result.bands)) assert.ok(values instanceof Float64Array);
  assertClose(result.summary, native.simulation, 'simulation');
  assertClose(result.bands, native.bands, 'bands');
  // A different seed gives different draws (the seed is used, not ignored).
  const other = wasm.simulatePlan({ scenario: { ...JSON.parse(PLAN), plan: { ...JSON.parse(PLAN).plan, seed: 7 } } });
  assert.notEqual(other.summary.net_gain.mean, result.summary.net_gain.mean);
});

test('bad plans come back as errors naming the field and what is allowed', () => {
  const document = JSON.parse(PLAN);
  document.plan.programs[0].churn_reduction_percent = { low: 30, likely: 12, high: 20 };
  document.plan.funnel.decision_percent = 0;
  document.plan.ranges.churn_percent = { low: 6, high: 7 };
  for (const run of [wasm.planStrategy, wasm.simulatePlan, wasm.planCsv]) {
    const result = run({ scenario: document });
    assert.equal(result.ok, false);
    assert.deepEqual(result.errors.map((e) => e.field),
      ['plan.programs[0].churn_reduction_percent', 'plan.funnel.decision_percent', 'plan.ranges.churn_percent']);
    assert.equal(result.errors[0].code, 'range_order');
    assert.match(result.errors[0].message, /Leavers kept %: low, most likely and high must be in that order \(got 30, 12, 20\)/);
    assert.match(result.errors[2].message, /must include its value 5 \(got 6 to 7\)/);
  }
  for (const garbage of ['', '{', '[]', '{"version":2,"plan":5}', 'x'.repeat(100000)]) {
    assert.equal(wasm.planStrategy({ scenario: garbage }).ok, false);
    assert.equal(wasm.simulatePlan({ scenario: garbage }).ok, false);
  }
});

test('repeated simulations leave the heap where they found it', () => {
  const small = JSON.stringify({ ...JSON.parse(PLAN), plan: { ...JSON.parse(PLAN).plan, draws: 500 } });
  wasm.simulatePlan({ scenario: small });
  const before = wasm.heapInUse();
  for (let i = 0; i < 50; i++) {
    wasm.simulatePlan({ scenario: small });
    wasm.planStrategy({ scenario: small });
  }
  assert.ok(wasm.heapInUse() - before < 4096, `heap grew by ${wasm.heapInUse() - before} bytes`);
});
