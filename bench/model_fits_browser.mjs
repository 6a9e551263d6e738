// Each model's fit timed inside a Chromium worker, on the small data sets of core_bench
// --model-fits (the CDNOW sample, donations, the regular cohort): the same fits as the native and
// Node lines (model_fits.hpp's small_fits, built for the browser with the site's modules' flags as
// build/wasm/bench/model_fits_web), then the entries of the site's own served modules (dist/)
// that make them in the page's panels. Each line is a fresh worker
// (bench/browser/model-fits-worker.js): the first call once the module is ready, then the median
// and the fastest of 10 more, each timed with performance.now() inside the worker, and the worker
// thread's CPU time, the first call's and a call's over the 10 (bench/worker_cpu.mjs), which the
// shared machine's other load does not inflate. Shared by bench/run.mjs and
// bench/model_fits_worker.mjs; the page must be served without its CSP (the worker is started by
// hand), with BENCH_FOLDERS mounted beside the site.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SITE_ROOT } from '../scripts/serve.mjs';
import { ROOT, loadWasmModule } from '../tests/support/wasm-module.mjs';
import { GOALS_MS, label, ms } from './model_fits.mjs';
import { median } from './report.mjs';
import { TICK_MS, cpuBetween, workerThreadsCpu } from './worker_cpu.mjs';

// URL prefix -> folder, for startServer's `extra`.
export const BENCH_FOLDERS = {
  '/bench-model-fits/': path.join(ROOT, 'bench', 'browser'),
  '/bench-wasm/': path.join(ROOT, 'build', 'wasm', 'bench'),
};
const RUNS = 11;
// model_fits.hpp's small_fits, by their lines' names (core_bench's).
const SMALL_FITS = ['cdnow_bg_nbd', 'cdnow_mbg_nbd', 'cdnow_pareto_nbd', 'cdnow_gamma_gamma', 'donations_bg_bb', 'regular_sbg',
  'regular_bdw', 'cdnow_band_1000'];

// The served URL of the site's module `name` (dist/wasm/<name>-<hash>.js).
function siteModule(name) {
  const found = fs.readdirSync(path.join(SITE_ROOT, 'wasm')).filter((file) => new RegExp(`^${name}-[0-9a-zA-Z_-]+\\.js$`).test(file));
  if (found.length !== 1) throw new Error(`dist/wasm holds ${found.length} ${name} modules: build the site again (node scripts/build-dist.mjs)`);
  return `/wasm/${found[0]}`;
}

// One line in a fresh worker of `page`: { times (the first, then RUNS - 1 more), batch, note,
// cpu (the worker threads' CPU ms: the first call's, a call over the more and its resolution) }
// or { failed }.
async function workerTimes(page, cpu, request) {
  const ask = (message) => page.evaluate(async (message) => {
    if (message.step === 'load') window.benchWorker = new Worker('/bench-model-fits/model-fits-worker.js', { type: 'module' });
    return new Promise((resolve) => {
      window.benchWorker.onmessage = ({ data }) => resolve(data);
      window.benchWorker.onerror = (event) => resolve({ failed: event.message ?? 'the worker failed to start' });
      window.benchWorker.postMessage(message);
    });
  }, message);
  try {
    const loaded = await ask({ ...request, step: 'load' });
    if (loaded.failed) return loaded;
    const loadedAt = cpu.read();
    const first = await ask({ step: 'first' });
    if (first.failed) return first;
    const firstAt = cpu.read();
    const more = await ask({ step: 'more', runs: RUNS - 1 });
    if (more.failed) return more;
    const used = cpuBetween(firstAt, cpu.read());  // while the worker's thread is still there
    return { ...more, times: [...first.times, ...more.times],
      cpu: { first: cpuBetween(loadedAt, firstAt), perCall: used / more.calls, resolution: TICK_MS / more.calls } };
  } finally {
    await page.evaluate(() => window.benchWorker.terminate());
  }
}

// `userDataDir`: the browser's (launchBrowser's), whose worker threads' CPU time is read.
export async function reportBrowserModelFits(report, page, userDataDir) {
  const cpu = workerThreadsCpu(userDataDir);
  const read = (file) => fs.readFileSync(path.join(ROOT, 'tests', 'data', file), 'utf8');
  const texts = { cdnow: read('CDNOW_sample.txt'), donations: read('donations.csv'), cohort: read('sbg_regular_cohort.csv') };
  const scenario = JSON.stringify({ ...(await loadWasmModule()).defaultScenario(), period: 'year' });
  const analysis = { calibration_end: '1997-09-30', holdout_end: '1998-06-30', time_unit: 'week', prediction_units: 52 };
  const transactions = siteModule('transactions');
  const lines = [...SMALL_FITS.map((name) => [name, { kind: 'fit', module: '/bench-wasm/model_fits_web.js', name, texts }]),
    ['site_cohorts', { kind: 'cohorts', module: siteModule('cohorts'), texts, scenario }],
    ['site_histories', { kind: 'histories', module: siteModule('models'), texts }],
    ['site_transactions_band_0', { kind: 'transactions', module: transactions, texts, options: { ...analysis, band_draws: 0 } }],
    ['site_transactions_band_1000', { kind: 'transactions', module: transactions, texts, options: { ...analysis, band_draws: 1000 } }]];
  const siteLabels = {
    site_cohorts: 'the cohort panel\'s analysis (sBG and BdW fitted, valued), regular cohort, the site\'s cohorts module',
    site_histories: 'the BG/BB panel\'s analysis, donations, the site\'s models module',
    site_transactions_band_0: 'the transaction panel\'s analysis (three purchase models + Gamma-Gamma, no band), CDNOW sample, the site\'s transactions module',
    site_transactions_band_1000: 'the same with the band\'s 1,000 parameter draws asked',
  };
  const results = {};
  for (const [name, request] of lines) {
    const { times, batch, note, cpu: used, failed } = await workerTimes(page, cpu, request);
    if (failed) throw new Error(`${name} in Chromium's worker: ${failed}`);
    results[name] = { times, cpu: used };
    // The band's cost in the site's analysis: the medians and the CPU times with and without it.
    const without = results.site_transactions_band_0;
    const band = name === 'site_transactions_band_1000'
      ? `; the band adds ${ms(median(times.slice(1)) - median(without.times.slice(1)))}, CPU ${ms(used.perCall - without.cpu.perCall)}` : '';
    const batched = batch > 1 ? `, each of those timed over ${batch} calls` : '';
    report(`${siteLabels[name] ?? label(name, note)}: Chromium worker, first run / median of ${RUNS - 1} more (fastest); ` +
      'the worker thread\'s CPU time, first run / a call of those',
      `${ms(times[0])} / ${ms(median(times.slice(1)))} (${ms(Math.min(...times.slice(1)))}${batched}); ` +
      `CPU ${ms(used.first)} ± ${ms(TICK_MS)} / ${ms(used.perCall)} ± ${ms(used.resolution)}${band}`,
      GOALS_MS[name] ? ms(GOALS_MS[name]) : band ? '1 s for 1,000 draws' : '');
  }
  // Wall times grow with the shared machine's load, CPU times do not.
  report('machine load while the worker lines ran (1-minute load average, cores)', `${os.loadavg()[0].toFixed(1)}, ${os.cpus().length}`);
  return results;
}
