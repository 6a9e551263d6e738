// The bands' draws and seed from the scenario document to each fitted model's band: the page's
// module keeps them (and the panels' other settings) in the document and its share link, and
// names a bad one; the cohort module reads them from the scenario it values with, the transaction
// and BG/BB modules take them as options: another seed gives another band, the same seed the same
// band, and every number stays finite.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, loadCohortsModule, loadModelsModule, loadTransactionsModule, loadWasmModule } from '../support/wasm-module.mjs';

let page, cohorts, transactions, models;
before(async () => {
  [page, cohorts, transactions, models] = await Promise.all([loadWasmModule(), loadCohortsModule(), loadTransactionsModule(), loadModelsModule()]);
});

// Every number of a result, wherever it sits (typed arrays included), with its path.
function* numbersOf(value, where = 'result') {
  if (typeof value === 'number') yield [where, value];
  else if (value instanceof Float64Array) for (const [i, v] of value.entries()) yield [`${where}[${i}]`, v];
  else if (value !== null && typeof value === 'object')
    for (const [key, v] of Object.entries(value)) yield* numbersOf(v, `${where}.${key}`);
}

function assertAllFinite(result) {
  let count = 0;
  for (const [where, value] of numbersOf(result)) {
    assert.ok(Number.isFinite(value), `${where} is ${value}`);
    count += 1;
  }
  assert.ok(count > 20, String(count));
}

const SETTINGS = {
  band_draws: 300, band_seed: 4294967295, cohorts: { calibration_periods: 7 },
  transactions: { time_unit: 'month', prediction_units: 12, margin_percent: 35, purchase_model: 'pareto_nbd', inactive_units: 4 },
  opportunities: { future_opportunities: 3, discount_rate_percent: 12.5 },
};

test('the scenario document keeps the panels\' settings, through its share link too', () => {
  assert.equal(page.limits().scenarioVersion, 3);
  const document = { ...page.defaultScenario(), version: 3, analysis: SETTINGS };
  const evaluated = page.evaluate({ scenario: document });
  assert.equal(evaluated.ok, true, JSON.stringify(evaluated.errors));
  const kept = evaluated.summary.scenario.analysis;
  assert.equal(kept.band_seed, 4294967295);
  assert.equal(kept.band_draws, 300);
  assert.deepEqual(kept.transactions, SETTINGS.transactions);
  assert.deepEqual(kept.opportunities, SETTINGS.opportunities);
  assert.deepEqual(kept.cohorts, SETTINGS.cohorts);
  const link = page.scenarioLink({ scenario: document });
  assert.equal(link.ok, true);
  const back = page.scenarioFromLink({ link: link.link });
  assert.equal(back.ok, true, JSON.stringify(back.errors));
  assert.deepEqual(back.scenario.analysis, kept);
  // A version 2 document (no settings) still loads.
  const older = page.evaluate({ scenario: { ...page.defaultScenario(), version: 2 } });
  assert.equal(older.ok, true);
  assert.equal(older.summary.scenario.analysis, undefined);
});

test('a bad seed or setting is named, with what is allowed, and the other fields are still checked', () => {
  const document = { ...page.defaultScenario(), version: 3, cac: -5, analysis: { band_seed: -1, transactions: { time_unit: 'year' } } };
  const result = page.evaluate({ scenario: document });
  assert.equal(result.ok, false);
  const byField = Object.fromEntries(result.errors.map((e) => [e.field, e]));
  assert.deepEqual(Object.keys(byField).sort(), ['analysis.band_seed', 'analysis.transactions.time_unit', 'cac']);
  assert.match(byField['analysis.band_seed'].message, /^Seed of the band's draws must be a number from 0 to 4,294,967,295 \(got -1\)/);
  assert.deepEqual(byField['analysis.band_seed'].args.label, { term: 'field.band_seed' });
  assert.match(byField['analysis.transactions.time_unit'].message, /"week", "day", "month"/);
  const text = page.evaluate({ scenario: { ...page.defaultScenario(), version: 3, analysis: { band_seed: 'abc' } } });
  assert.equal(text.errors[0].field, 'analysis.band_seed');
  assert.match(text.errors[0].message, /"abc"/);
});

test('the cohort bands follow the draws and seed of the scenario\'s settings', () => {
  const table = fs.readFileSync(path.join(ROOT, 'tests', 'data', 'sbg_regular_cohort.csv'), 'utf8');
  const base = { ...page.defaultScenario(), period: 'year', version: 3 };
  const fit = (analysis) => cohorts.analyseCohorts({ table, layout: 'columns', calibration_periods: 7,
    scenario: JSON.stringify(analysis ? { ...base, analysis } : base) });
  const standard = fit(null);
  const one = fit({ band_seed: 1, band_draws: 200 }), two = fit({ band_seed: 2 }), twoAgain = fit({ band_seed: 2 });
  for (const result of [standard, one, two, twoAgain]) {
    assert.equal(result.ok, true, JSON.stringify(result.errors));
    assertAllFinite(result);
  }
  // Without settings, the draws and seed are the defaults (200, 1).
  assert.deepEqual(one.summary.bands, standard.summary.bands);
  assert.equal(standard.summary.bands.sbg.seed, 1);
  assert.equal(two.summary.bands.sbg.seed, 2);
  assert.deepEqual(twoAgain.summary.bands, two.summary.bands);
  for (const model of ['sbg', 'bdw']) {
    assert.notDeepEqual(two.summary.bands[model].clv, one.summary.bands[model].clv, model);
    // Either seed's band holds the fitted value.
    const value = model === 'sbg' ? two.summary.value.clv_sbg : two.summary.value.clv_bdw;
    assert.ok(two.summary.bands[model].clv.p10 < value && value < two.summary.bands[model].clv.p90, model);
  }
  // The point estimates do not depend on the seed.
  assert.deepEqual(two.summary.value, one.summary.value);
  const few = fit({ band_draws: 40 });
  assert.ok(few.summary.bands.sbg.draws <= 40 && few.summary.bands.sbg.draws > 30, String(few.summary.bands.sbg.draws));
  assert.equal(fit({ band_draws: 0 }).summary.bands.sbg, null);
  for (const [analysis, field] of /** @type {Array<[object, string]>} */ ([[{ band_seed: -1 }, 'analysis.band_seed'], [{ band_seed: 4294967296 }, 'analysis.band_seed'],
    [{ band_draws: 5001 }, 'analysis.band_draws'], [{ band_draws: 2.5 }, 'analysis.band_draws']])) {
    const bad = fit(analysis);
    assert.equal(bad.ok, false, JSON.stringify(analysis));
    assert.equal(bad.errors[0].field, field);
    assert.match(bad.errors[0].message, field.endsWith('seed') ? /Seed of the band's draws .*0 to 4,294,967,295/ : /draws .*(0 to 5,000|whole number)/);
  }
});

test('the transaction model\'s band follows the seed given', () => {
  const sample = fs.readFileSync(path.join(ROOT, 'tests', 'data', 'CDNOW_sample.txt'));
  const importer = new transactions.TransactionImport({ options: { customer: 1, date: 2, amount: 4, locale_decimal_mark: 'point' } });
  assert.equal(importer.feed({ bytes: new Uint8Array(sample) }).ok, true);
  assert.equal(importer.finish().ok, true);
  const options = { calibration_end: '1997-09-30', holdout_end: '1998-06-30', prediction_units: 39, model: 'bg_nbd', band_draws: 100 };
  const analyse = (seed) => importer.analyse({ options: { ...options, band_seed: seed } });
  const five = analyse(5), six = analyse(6), fiveAgain = analyse(5);
  for (const result of [five, six, fiveAgain]) {
    assert.equal(result.ok, true, JSON.stringify(result.errors));
    assertAllFinite(result);
  }
  assert.deepEqual(fiveAgain.summary.band, five.summary.band);
  assert.notDeepEqual(six.summary.band.expected_purchases, five.summary.band.expected_purchases);
  assert.notDeepEqual(six.summary.band.clv, five.summary.band.clv);
  assert.deepEqual(six.summary.totals, five.summary.totals);
  importer.delete();
});

test('the BG/BB band follows the seed given', () => {
  const donations = fs.readFileSync(path.join(ROOT, 'tests', 'data', 'donations.csv'));
  const analyse = (seed) => models.analyseHistoryTable({ bytes: donations, options: { future_opportunities: 5, band_draws: 100, band_seed: seed } });
  const three = analyse(3), four = analyse(4), threeAgain = analyse(3);
  for (const result of [three, four, threeAgain]) {
    assert.equal(result.ok, true, JSON.stringify(result.errors));
    assertAllFinite(result);
  }
  assert.equal(three.summary.band.seed, 3);
  assert.deepEqual(threeAgain.summary.band, three.summary.band);
  assert.notDeepEqual(four.summary.band.expected_purchases_total, three.summary.band.expected_purchases_total);
});
