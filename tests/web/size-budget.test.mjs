// Size budgets, so a regression fails the test command (scripts/bench prints the measured
// transfer beside them), each a little above what was measured:
// - what the page loads at first is measured on the deployed site, dist/, by dist.test.mjs (188.2
//   KB unbundled from web/ on 2026-12-06, before the bundle);
// - the transaction-log module, loaded by a worker only when a log or a subscriptions export is
//   read: 200 KB (198.9 KB measured on 2026-12-07 with the expectations summed at several times in
//   one call and the band's series side by side, 4.8 KB more for a re-fit of the 10,000,000-row log
//   about a fifth faster and the compressed million-customer fit under 50 ms; 192.7 KB measured on 2026-12-06 with the models' prepared rows, the fits' own
//   compression and the band's P(alive) of all rows at once, 4.0 KB more than the 188.7 KB of main that day, for fits 2-4 times faster;
//   188.6 KB measured on 2026-12-06 once a re-fit of a large log took under 3 s: the
//   sampled band, the per-row P(alive) and Gamma-Gamma's sums by x; 186.9 KB with Pareto/NBD's
//   cache of its series by (x, tau);
//   184.5 KB before it, with the subscriptions export's reader and
//   cohorts, the summary table's reader, the warehouse query, the headline numbers and the
//   parameter draws' bands; 148.7 KB on 2026-12-03 once it fitted and compared BG/NBD, MBG/NBD and Pareto/NBD with their
//   standard errors; 130.4 KB with BG/NBD alone, once it read decimal commas, UTF-16, RFC 4180
//   quoting, refunds and Shopify orders exports; 120 KB before the hardening);
// - the strategy planner's module, loaded by its worker once someone plans: 120 KB (119.6 KB on
//   2026-12-07, the scenario reader built for size; 120.0 KB on
//   2026-12-06 with the fitted curve's closed-form lifetime sum, the counted deciles and the
//   one-options-object entry points: a Monte Carlo with a fitted curve three times as fast;
//   114.9 KB after the shared JSON parser);
// - the cohort module, loaded by its worker when a table is first fitted: 134 KB (133.6 KB on
//   2026-12-07 with the bands' draws and seed from the scenario, its reader built for size; 136.3 KB measured on
//   2026-12-07 once it also drew the calculator's headline CLV band, clvBand, kept out of the
//   page's own module so a first visit stays under its budget; 133.9 KB before it; 133.3 KB after the
//   shared JSON parser; 135.5 KB measured on 2026-12-06 with the bands on CLV and DERL, their parameter draws and quantiles; 126.4 KB
//   on 2026-12-03 with the BdW fit, its likelihood-ratio test and the value of today's customer
//   base; 110 KB with the sBG alone);
// - the subscriptions and warehouse views and their worker, loaded when first used: 6 KB (5.4 KB on
//   2026-12-07);
// - the models module (BG/BB so far), loaded by the section that uses a model: 98 KB (97.2 KB on
//   2026-12-06 with the one-options-object entry points; 95.9 KB after the shared JSON parser; 97.4 KB
//   measured on 2026-12-06 once it read tables of histories from files, with the text decoder and
//   CSV reader, and gave standard errors and bands; 78.3 KB on 2026-12-03 with the fit alone; it
//   carries the core's JSON, messages and BFGS, which every model shares);
// - the BG/BB view and the models worker, loaded when that section is opened: 3 KB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ROOT } from '../support/wasm-module.mjs';

const ON_DEMAND = [/transactions\.(js|wasm)$/, /transactions-worker\.js$/];
const PLANNER = [/planner\.(js|wasm)$/, /planner-worker\.js$/];
const COHORTS = [/cohorts\.(js|wasm)$/, /cohort-worker\.js$/];
const MODELS = [/models\.(js|wasm)$/];
// The subscriptions and warehouse views and their worker (which uses the transaction-log module),
// loaded when first used.
const SUBSCRIPTIONS = [/(subscription-view|warehouse-view|table-worker)\.js$/];
// The once-per-opportunity (BG/BB) view and the models worker, loaded when that section is opened.
const OPPORTUNITIES = [/(opportunity-view|models-worker)\.js$/];

function filesUnder(folder) {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

function gzipTotal(files) {
  let total = 0;
  const sizes = [];
  for (const file of files) {
    const size = zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
    total += size;
    sizes.push(`${path.relative(ROOT, file)} ${(size / 1024).toFixed(1)} KB`);
  }
  return { total, sizes: sizes.join(', ') };
}

const files = filesUnder(path.join(ROOT, 'web'));
const onDemand = files.filter((f) => ON_DEMAND.some((pattern) => pattern.test(f)));
const planner = files.filter((f) => PLANNER.some((pattern) => pattern.test(f)));
const cohorts = files.filter((f) => COHORTS.some((pattern) => pattern.test(f)));
const models = files.filter((f) => MODELS.some((pattern) => pattern.test(f)));
const subscriptions = files.filter((f) => SUBSCRIPTIONS.some((pattern) => pattern.test(f)));
const opportunities = files.filter((f) => OPPORTUNITIES.some((pattern) => pattern.test(f)));

test('the transaction-log module gzips to under 200 KB', () => {
  assert.equal(onDemand.length, 3, onDemand.join(', '));
  const { total, sizes } = gzipTotal(onDemand);
  assert.ok(total <= 200 * 1024, `${(total / 1024).toFixed(1)} KB gzip is over the budget: ${sizes}`);
});

test('the strategy planner\'s module gzips to under 120 KB', () => {
  assert.equal(planner.length, 3, planner.join(', '));
  const { total, sizes } = gzipTotal(planner);
  assert.ok(total <= 120 * 1024, `${(total / 1024).toFixed(1)} KB gzip is over the budget: ${sizes}`);
});

test('the cohort module gzips to under 134 KB', () => {
  assert.equal(cohorts.length, 3, cohorts.join(', '));
  const { total, sizes } = gzipTotal(cohorts);
  assert.ok(total <= 134 * 1024, `${(total / 1024).toFixed(1)} KB gzip is over the budget: ${sizes}`);
});

test('the models module gzips to under 98 KB', () => {
  assert.equal(models.length, 2, models.join(', '));
  const { total, sizes } = gzipTotal(models);
  assert.ok(total <= 98 * 1024, `${(total / 1024).toFixed(1)} KB gzip is over the budget: ${sizes}`);
});

test('the subscriptions and warehouse views and their worker gzip to under 6 KB', () => {
  assert.equal(subscriptions.length, 3, subscriptions.join(', '));
  const { total, sizes } = gzipTotal(subscriptions);
  assert.ok(total <= 6 * 1024, `${(total / 1024).toFixed(1)} KB gzip is over the budget: ${sizes}`);
});

test('the BG/BB view and the models worker gzip to under 3 KB', () => {
  assert.equal(opportunities.length, 2, opportunities.join(', '));
  const { total, sizes } = gzipTotal(opportunities);
  assert.ok(total <= 3 * 1024, `${(total / 1024).toFixed(1)} KB gzip is over the budget: ${sizes}`);
});
