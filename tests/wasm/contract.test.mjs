// The built wasm module's JS contract: numbers equal to the native build, closed forms from
// docs/model.md, and errors that come back as values.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, loadCohortsModule, loadWasmModule } from '../support/wasm-module.mjs';
import { assertClose } from '../support/assert-close.mjs';
import { nativeReport } from '../support/native-report.mjs';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
let wasm;
let cohortsWasm;  // the cohort panel's worker module

before(async () => {
  wasm = await loadWasmModule();
  cohortsWasm = await loadCohortsModule();
});

for (const name of fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.json'))) {
  test(`wasm equals native to 1e-9: ${name}`, () => {
    const file = path.join(FIXTURES, name);
    const native = nativeReport([file]);
    assert.equal(native.ok, true, JSON.stringify(native.errors));
    const result = wasm.evaluate({ scenario: fs.readFileSync(file, 'utf8') });
    assert.equal(result.ok, true);
    assertClose(result.summary, native.summary, 'summary');
    assert.equal(result.projections.length, native.projections.length);
    result.projections.forEach((columns, i) => {
      for (const [key, values] of Object.entries(columns)) assert.ok(values instanceof Float64Array, `${key} is a Float64Array`);
      assertClose(columns, native.projections[i], `projections[${i}]`);
    });
  });
}

// m = 100 per period (revenue 100 at 100% margin), r = 0.8, d = 10% a year with yearly periods.
function modelDocExample(timing) {
  return JSON.stringify({
    ...wasm.defaultScenario(), period: 'year', revenue_per_customer: 100, gross_margin_percent: 100,
    retention_spend_per_customer: 0, churn_percent: 20, annual_discount_rate_percent: 10, timing, scenarios: [],
  });
}

test('the three timing conventions give 366.67 / 266.67 / 333.33', () => {
  const expected = { start_of_period: 1100 / 3, end_of_period_retained: 800 / 3, end_of_period: 1000 / 3 };
  for (const [timing, clv] of Object.entries(expected)) {
    const result = wasm.evaluate({ scenario: modelDocExample(timing) });
    assert.equal(result.ok, true);
    assert.ok(Math.abs(result.summary.results[0].value.clv - clv) < 1e-9, `${timing}: ${result.summary.results[0].value.clv}`);
  }
});

test('the default scenario evaluates and round-trips through the canonical document', () => {
  const document = wasm.defaultScenario();
  assert.equal(document.version, wasm.limits().scenarioVersion);
  const result = wasm.evaluate({ scenario: document });
  assert.equal(result.ok, true);
  assert.deepEqual(result.summary.scenario, document);
  assert.equal(result.projections[0].active_customers.length, document.horizon_periods);
  assert.equal(result.summary.results.length, 1 + document.scenarios.length);
});

test('errors come back as values naming the field', () => {
  const base = wasm.defaultScenario();
  const cases = [
    [{ ...base, churn_percent: 120 }, 'churn_percent', /from 0 to 100%/],
    [{ ...base, cac: 'cheap' }, 'cac', /must be a number, not the text "cheap"/],
    [{ ...base, revenue_per_customer: 'NaN' }, 'revenue_per_customer', /must be a number/],
    [{ ...base, horizon_periods: 10000 }, 'horizon_periods', /from 1 to 600/],
    [{ ...base, churn_percent: 0, annual_discount_rate_percent: 0 }, 'churn_percent', /infinite/],
    [{ ...base, scenarios: [{ name: 'x', churn_change_points: -50 }] }, 'scenarios[0].churn_change_points', /churn must stay/],
  ];
  for (const [document, field, message] of cases) {
    const result = wasm.evaluate({ scenario: document });
    assert.equal(result.ok, false, field);
    assert.equal(result.errors[0].field, field);
    assert.match(result.errors[0].message, message);
    assert.equal(result.summary, undefined);
  }
  const missing = { ...base };
  delete missing.gross_margin_percent;
  assert.deepEqual(wasm.evaluate({ scenario: missing }).errors, [{
    field: 'gross_margin_percent', code: 'required', args: { label: { term: 'field.gross_margin_percent' } }, message: 'Gross margin % is required.',
  }]);
});

test('hostile text never throws', () => {
  for (const text of ['', 'null', '[]', '{', '{"version":1e999}', '\u0000', 'x'.repeat(100000), '{"version":"1"}',
    JSON.stringify({ ...wasm.defaultScenario(), scenarios: [{ name: '<script>alert(1)</script>' }] })]) {
    const result = wasm.evaluate({ scenario: text });
    assert.equal(typeof result.ok, 'boolean');
    if (!result.ok) assert.ok(result.errors.length > 0 && result.errors.every((e) => typeof e.message === 'string' && e.message.length > 0));
  }
});

test('projection CSV comes from the same report', () => {
  const document = JSON.stringify(wasm.defaultScenario());
  const out = wasm.projectionCsv({ scenario: document });
  assert.equal(out.ok, true);
  const lines = out.csv.trim().split('\r\n');
  const horizon = wasm.defaultScenario().horizon_periods;
  assert.equal(lines.length, 1 + 2 * horizon);
  const header = lines[0].split(',');
  const profitColumn = header.indexOf('cumulative_discounted_profit');
  const lastBaseline = lines[horizon].split(',');
  const expected = wasm.evaluate({ scenario: document }).summary.results[0].cumulative_discounted_profit;
  assert.ok(Math.abs(Number(lastBaseline[profitColumn]) - expected) <= 1e-6 * Math.abs(expected));
  assert.equal(wasm.projectionCsv({ scenario: '{}' }).ok, false);
});

test('cohort fit through the cohort module: the published regular cohort and errors as values', () => {
  const table = fs.readFileSync(path.join(ROOT, 'tests', 'data', 'sbg_regular_cohort.csv'), 'utf8');
  const scenario = JSON.stringify({ ...wasm.defaultScenario(), period: 'year' });
  const result = cohortsWasm.analyseCohorts({ table, layout: 'columns', calibration_periods: 7, scenario });
  assert.equal(result.ok, true);
  const fit = result.summary.fit;
  assert.equal(fit.alpha.toFixed(3), '0.704');
  assert.equal(fit.beta.toFixed(3), '1.182');
  assert.equal(fit.log_likelihood.toFixed(2), '-1680.27');
  assert.equal(fit.converged, true);
  assert.ok(result.series.fitted_survival instanceof Float64Array);
  assert.deepEqual([...result.series.holdout_actual], [223, 207, 194, 183, 173]);
  assert.equal(result.series.observed_survival[7], 0.241);

  const bad = cohortsWasm.analyseCohorts({ table: '1000\n1100\n900', layout: 'columns', calibration_periods: 0, scenario });
  assert.equal(bad.ok, false);
  assert.equal(bad.errors[0].field, 'cohort_table');
  assert.match(bad.errors[0].message, /cannot increase/);
  assert.equal(cohortsWasm.analyseCohorts({ table, layout: 'columns', calibration_periods: 50, scenario }).errors[0].field, 'calibration_periods');
  assert.equal(cohortsWasm.analyseCohorts({ table, layout: 'columns', calibration_periods: 0, scenario: '{}' }).ok, false);
  // The page's own module no longer carries the fit (it loads with the page; the fit is the worker's).
  assert.equal(wasm.analyseCohorts, undefined);
});

test('share links round-trip through the module and damaged ones come back as errors', () => {
  const document = { ...wasm.defaultScenario(), cac: 420, scenarios: [{ name: 'x', cac: 100 }] };
  const out = wasm.scenarioLink({ scenario: document });
  assert.equal(out.ok, true);
  assert.match(out.link, /^1\.[A-Za-z0-9_-]+$/);
  const back = wasm.scenarioFromLink({ link: out.link });
  assert.equal(back.ok, true);
  assert.deepEqual(back.scenario, wasm.evaluate({ scenario: document }).summary.scenario);
  const damaged = wasm.scenarioFromLink({ link: out.link.slice(0, -3) });
  assert.equal(damaged.ok, false);
  assert.equal(damaged.errors[0].field, 'link');
  assert.equal(wasm.scenarioLink({ scenario: '{}' }).ok, false);
});
