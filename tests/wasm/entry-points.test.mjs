// Every entry point of the five modules has one shape: one options object in, {ok: true, ...} or
// {ok: false, errors: [{field, code, args, message}]} out, never a throw; documents (a scenario,
// options) are accepted as objects or as their JSON text, files as Uint8Arrays only.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  ROOT, loadCohortsModule, loadModelsModule, loadPlannerModule, loadTransactionsModule, loadWasmModule,
} from '../support/wasm-module.mjs';

/** @type {Record<string, any>} */
const modules = {};
before(async () => {
  [modules.retention, modules.planner, modules.cohorts, modules.models, modules.transactions] = await Promise.all([
    loadWasmModule(), loadPlannerModule(), loadCohortsModule(), loadModelsModule(), loadTransactionsModule()]);
});

// Each module's functions that take input; those without (defaultScenario, limits, planDefaults,
// messageTemplates, heapInUse, warmUp) are listed so a new function cannot go unchecked.
const TAKES_OPTIONS = {
  retention: ['evaluate', 'projectionCsv', 'scenarioLink', 'scenarioFromLink'],
  planner: ['planStrategy', 'simulatePlan', 'planCsv'],
  cohorts: ['analyseCohorts', 'clvBand'],
  models: ['analyseHistories', 'analyseHistoryTable'],
  transactions: ['previewTransactions', 'analyseSubscriptions', 'analyseSummary', 'warehouseSql'],
};
const NO_INPUT = {
  retention: ['defaultScenario', 'limits', 'planDefaults', 'messageTemplates', 'heapInUse'],
  planner: ['warmUp', 'heapInUse'],
  cohorts: ['heapInUse'],
  models: ['heapInUse'],
  transactions: ['heapInUse'],
};
const CLASSES = { transactions: ['TransactionImport'] };

// Emscripten's and Embind's own members of a module (its error classes, run, the heap views).
const RUNTIME = /^(HEAP|_|dynCall)|Error$|^(run|ready|calledRun|wasmBinary|count_emval_handles|get_first_emval|getInheritedInstanceCount|getLiveInheritedInstances|flushPendingDeletes|setDelayFunction)$/;

function assertErrors(answer, where) {
  assert.equal(answer.ok, false, `${where}: ok is false`);
  assert.ok(Array.isArray(answer.errors) && answer.errors.length > 0, `${where}: errors listed`);
  for (const error of answer.errors) {
    assert.equal(typeof error.field, 'string', `${where}: field`);
    assert.match(error.code, /^[a-z][a-z0-9_.]*$/, `${where}: code`);
    assert.ok(typeof error.message === 'string' && error.message.length > 10, `${where}: message "${error.message}"`);
  }
}

test('every module exports exactly the listed entry points', () => {
  for (const [name, module] of Object.entries(modules)) {
    const exported = Object.keys(module).filter((key) => typeof module[key] === 'function' && !RUNTIME.test(key)).sort();
    const listed = [...TAKES_OPTIONS[name], ...NO_INPUT[name], ...(CLASSES[name] ?? [])].sort();
    assert.deepEqual(exported, listed, name);
  }
});

// (A call with no argument, or with two, is refused by Embind itself, with a BindingError that
// names the function and the one argument it expects.)
test('with empty options, null, a number or an old positional argument, every entry point answers errors, never a throw', () => {
  for (const [name, functions] of Object.entries(TAKES_OPTIONS)) {
    for (const fn of functions) {
      for (const [label, argument] of [['{}', {}], ['a string', '{"version": 1}'], ['null', null], ['a number', 7], ['undefined', undefined]]) {
        assertErrors(modules[name][fn](argument), `${name}.${fn}(${label})`);
      }
    }
  }
});

test('the functions without input take none and answer their value', () => {
  const { retention } = modules;
  assert.equal(retention.defaultScenario().version, retention.limits().scenarioVersion);
  assert.equal(typeof retention.planDefaults(), 'object');
  assert.equal(typeof retention.messageTemplates().required, 'string');
  // A module may hold nothing on its heap before its first call (the message tables are data,
  // not vectors built at start-up): a count of bytes, zero or more.
  for (const name of Object.keys(modules)) {
    const bytes = modules[name].heapInUse();
    assert.ok(Number.isInteger(bytes) && bytes >= 0, `${name}: ${bytes}`);
  }
});

test('a document given as an object and as its JSON text gives the same answer', () => {
  const { retention, planner, cohorts } = modules;
  const scenario = { ...retention.defaultScenario(), churn_percent: 4 };
  const text = JSON.stringify(scenario);
  const strip = (answer) => JSON.parse(JSON.stringify(answer, (key, value) => (value instanceof Float64Array ? [...value] : value)));
  assert.deepEqual(strip(retention.evaluate({ scenario })), strip(retention.evaluate({ scenario: text })));
  assert.equal(retention.evaluate({ scenario }).ok, true);
  assert.deepEqual(retention.scenarioLink({ scenario }), retention.scenarioLink({ scenario: text }));
  const plan = { ...scenario, plan: retention.planDefaults() };
  assert.deepEqual(strip(planner.planStrategy({ scenario: plan })), strip(planner.planStrategy({ scenario: JSON.stringify(plan) })));
  const table = fs.readFileSync(path.join(ROOT, 'tests', 'data', 'sbg_regular_cohort.csv'), 'utf8');
  const fit = (s) => strip(cohorts.analyseCohorts({ table, calibration_periods: 7, scenario: s }));
  assert.deepEqual(fit(scenario), fit(text));
  const fitted = { ...scenario, retention_curve: { model: 'shifted_beta_geometric', alpha: 0.7, beta: 1.2, log_covariance: [0.01, 0.01, 0.01, 0.02] } };
  assert.equal(cohorts.clvBand({ scenario: fitted }).ok, true);
  assert.deepEqual(cohorts.clvBand({ scenario: fitted }), cohorts.clvBand({ scenario: JSON.stringify(fitted) }));
  const options = { customer: 0, date: 1, amount: 2, calibration_end: '2024-06-30', dialect: 'duckdb' };
  assert.deepEqual(modules.transactions.warehouseSql({ options }), modules.transactions.warehouseSql({ options: JSON.stringify(options) }));
});

test('a file that is not a Uint8Array is an error naming the bytes field', () => {
  const bytesNot = [undefined, 'x,t_x,n\n1,1,2\n', [120, 10], new ArrayBuffer(4)];
  const calls = {
    'models.analyseHistoryTable': (bytes) => modules.models.analyseHistoryTable({ bytes }),
    'transactions.previewTransactions': (bytes) => modules.transactions.previewTransactions({ bytes, complete: true }),
    'transactions.analyseSubscriptions': (bytes) => modules.transactions.analyseSubscriptions({ bytes }),
    'transactions.analyseSummary': (bytes) => modules.transactions.analyseSummary({ bytes, options: { calibration_end: '2024-01-01' } }),
  };
  for (const [where, call] of Object.entries(calls)) {
    for (const bytes of bytesNot) {
      const answer = call(bytes);
      assertErrors(answer, where);
      assert.deepEqual([answer.errors[0].field, answer.errors[0].code], ['bytes', 'bytes_not_uint8array'], where);
    }
    assert.notEqual(call(new TextEncoder().encode('a\n')).errors?.[0]?.code, 'bytes_not_uint8array', `${where} reads a Uint8Array`);
  }
  const importer = new modules.transactions.TransactionImport({ options: { customer: 0, date: 1, amount: 2 } });
  assertErrors(importer.feed({ bytes: 'text' }), 'feed');
  assert.equal(importer.feed({ bytes: new TextEncoder().encode('a,2024-01-01,5\n') }).ok, true);
  assert.equal(importer.finish().ok, true);
  importer.delete();
});

test('the cohort fit reads calibration_periods as a whole number of periods, 0 when left out', () => {
  const table = fs.readFileSync(path.join(ROOT, 'tests', 'data', 'sbg_regular_cohort.csv'), 'utf8');
  const scenario = modules.retention.defaultScenario();
  const all = modules.cohorts.analyseCohorts({ table, scenario });
  assert.equal(all.ok, true);
  assert.deepEqual(all.summary, modules.cohorts.analyseCohorts({ table, scenario, calibration_periods: 0 }).summary);
  for (const bad of [2.5, -3, '7', 1e12, NaN]) {
    const answer = modules.cohorts.analyseCohorts({ table, scenario, calibration_periods: bad });
    assertErrors(answer, `calibration_periods ${bad}`);
    assert.equal(answer.errors[0].field, 'calibration_periods');
  }
});

test('the transaction import\'s methods answer {ok, ...} too', () => {
  const importer = new modules.transactions.TransactionImport({ options: { customer: 0, date: 1, amount: 2, locale_decimal_mark: 'point' } });
  assertErrors(importer.predictionsCsv(), 'predictionsCsv before the read');
  assertErrors(importer.analyse({ options: {} }), 'analyse before the read');
  const rows = Array.from({ length: 40 }, (_, i) => `c${i % 8},2024-0${1 + (i % 6)}-1${i % 9},${10 + i}`).join('\n');
  assert.equal(importer.feed({ bytes: new TextEncoder().encode(`${rows}\n`) }).ok, true);
  const read = importer.finish();
  assert.equal(read.ok, true, JSON.stringify(read.errors));
  assert.equal(read.import.transactions, 40);
  const predictions = importer.predictionsCsv();
  assertErrors(predictions, 'predictionsCsv before an analysis');
  assert.equal(predictions.errors[0].code, 'transactions_not_analysed');
  assertErrors(importer.analyse({}), 'analyse without options');
  importer.delete();
});
