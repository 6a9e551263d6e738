// The headline CLV's band (the cohort module's clvBand, asked by the page's clv-band.js): a fitted
// curve applied with its covariance, the band around the page module's own CLV, the same band
// after a share link, and a covariance that is none refused by both modules with the field named.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, loadCohortsModule, loadWasmModule } from '../support/wasm-module.mjs';

let retention;
let cohorts;
let fitted;  // the calculator's default scenario with the published cohort's fitted curve applied

before(async () => {
  [retention, cohorts] = await Promise.all([loadWasmModule(), loadCohortsModule()]);
  const table = fs.readFileSync(path.join(ROOT, 'tests', 'data', 'sbg_regular_cohort.csv'), 'utf8');
  const scenario = { ...retention.defaultScenario(), period: 'year' };
  const { fit } = cohorts.analyseCohorts({ table, calibration_periods: 7, scenario }).summary;
  const { alpha, beta, log_covariance } = fit;
  fitted = { ...scenario, retention_curve: { model: 'shifted_beta_geometric', alpha, beta, log_covariance } };
});

test('the fit gives its covariance of (ln alpha, ln beta), agreeing with its standard errors', () => {
  const { fit } = cohorts.analyseCohorts({
    table: fs.readFileSync(path.join(ROOT, 'tests', 'data', 'sbg_regular_cohort.csv'), 'utf8'), calibration_periods: 7,
    scenario: retention.defaultScenario(),
  }).summary;
  const [a, b, c, d] = fit.log_covariance;  // row-major
  assert.equal(b, c);
  // Var(ln theta) = (se / theta)^2 by the delta method, the standard errors' own.
  assert.ok(Math.abs(a - (fit.alpha_standard_error / fit.alpha) ** 2) < 1e-9 * a, `${a}`);
  assert.ok(Math.abs(d - (fit.beta_standard_error / fit.beta) ** 2) < 1e-9 * d, `${d}`);
  assert.ok(a * d - b * b > 0);
});

test('the band holds the page\'s headline CLV, is seeded, and the share link gives the same band', () => {
  const page = retention.evaluate({ scenario: fitted });
  assert.equal(page.ok, true, JSON.stringify(page.errors));
  assert.deepEqual(page.summary.scenario.retention_curve.log_covariance, fitted.retention_curve.log_covariance);
  const clv = page.summary.results[0].value.clv;
  const answer = cohorts.clvBand({ scenario: fitted });
  assert.equal(answer.ok, true, JSON.stringify(answer.errors));
  const { band } = answer;
  assert.deepEqual([band.draws, band.unbounded_draws, band.seed], [200, 0, 1]);
  assert.ok(band.clv.p10 < clv && clv < band.clv.p90, JSON.stringify({ clv, band }));
  assert.ok(band.clv.p10 < band.clv.p50 && band.clv.p50 < band.clv.p90);
  assert.deepEqual(cohorts.clvBand({ scenario: JSON.stringify(fitted) }), answer);

  const link = retention.scenarioLink({ scenario: fitted });
  assert.equal(link.ok, true);
  const back = retention.scenarioFromLink({ link: link.link });
  assert.equal(back.ok, true);
  assert.deepEqual(back.scenario.retention_curve, fitted.retention_curve);
  assert.deepEqual(cohorts.clvBand({ scenario: back.scenario }), answer);
});

test('a covariance that is none is refused by the page\'s module and the cohort module alike', () => {
  for (const log_covariance of [[0.01, 0.02, 0.02, 0.01], [0.01, 0, 0.001, 0.01], [-1, 0, 0, 1], [0.01, 0, 0.01], [[0.01, 0], [0, 0.01]], 'x']) {
    const scenario = { ...fitted, retention_curve: { ...fitted.retention_curve, log_covariance } };
    for (const answer of [retention.evaluate({ scenario }), cohorts.clvBand({ scenario })]) {
      assert.equal(answer.ok, false, JSON.stringify(log_covariance));
      assert.deepEqual([answer.errors[0].field, answer.errors[0].code], ['retention_curve.log_covariance', 'curve_covariance_invalid']);
      assert.match(answer.errors[0].message, /\[var ln alpha, cov, cov, var ln beta\]/);
    }
  }
  // Without a covariance there is no band to draw: the field is named.
  const exact = { ...fitted, retention_curve: { model: 'shifted_beta_geometric', alpha: 0.7, beta: 1.2 } };
  assert.equal(retention.evaluate({ scenario: exact }).ok, true);
  const none = cohorts.clvBand({ scenario: exact });
  assert.deepEqual([none.ok, none.errors[0].field, none.errors[0].code], [false, 'retention_curve.log_covariance', 'curve_covariance_invalid']);
});

test('a curve too unsure to bound the CLV gives no band and says why', () => {
  const scenario = {
    ...fitted, annual_discount_rate_percent: 0,
    retention_curve: { model: 'shifted_beta_geometric', alpha: 1.05, beta: 1.2, log_covariance: [0.04, 0, 0, 0.0001] },
  };
  const { ok, band } = cohorts.clvBand({ scenario });
  assert.equal(ok, true);
  assert.equal(band.clv, null);
  assert.equal(band.draws, 200);
  assert.ok(band.unbounded_draws * 10 > band.draws, `${band.unbounded_draws} unbounded`);
});
