// Prints the calculator's size and speed figures (a benchmark, not a test: nothing here fails
// on a slow machine). Run through scripts/bench, which builds first.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { startServer } from '../scripts/serve.mjs';
import { launchBrowser, liveResultAt } from '../tests/support/browser.mjs';
import { ROOT, loadCohortsModule, loadPlannerModule, loadTransactionsModule, loadWasmModule } from '../tests/support/wasm-module.mjs';
import { writeTransactionLog } from '../tests/support/generate-log.mjs';
import { reportModelFits } from './model_fits.mjs';
import { plannerWorkerTimes } from './planner_runs.mjs';
import { BENCH_FOLDERS, reportBrowserModelFits } from './model_fits_browser.mjs';
import { median, printLine } from './report.mjs';

const fixed = (v, digits = 1) => v.toFixed(digits);
const rows = [];
const report = (what, value, budget = '') => { rows.push([what, value, budget]); printLine(what, value, budget); };

// 1. Core evaluation: the same C++ benchmark built natively and to wasm (run by Node).
const fixtures = [['default scenario (36 periods, 1 scenario)', 'default.json'], ['600 periods, 2 scenarios', 'horizon-no-discount.json'],
  ['fitted sBG curve, 2 scenarios', 'fitted-curve.json']];
for (const [label, file] of fixtures) {
  const scenario = path.join(ROOT, 'tests', 'fixtures', file);
  const runs = (command, args) => median([0, 1, 2].map(() => Number(execFileSync(command, args, { encoding: 'utf8' }).trim())));
  const native = runs(path.join(ROOT, 'build', 'native', 'bench', 'core_bench'), [scenario, '3000']);
  const wasm = runs('node', [path.join(ROOT, 'build', 'wasm', 'bench', 'core_bench.cjs'), scenario, '3000']);
  report(`core evaluation, ${label}: native`, `${fixed(native)} µs`);
  report(`core evaluation, ${label}: wasm (Node)`, `${fixed(wasm)} µs, ${fixed(wasm / native, 2)}x native`, '2x');
}

// 2. The whole wasm call as the page makes it (JSON in, JS objects and typed arrays out).
const wasmModule = await loadWasmModule();
for (const [label, file] of fixtures) {
  const json = fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', file), 'utf8');
  for (let i = 0; i < 200; i++) wasmModule.evaluate({ scenario: json });
  const start = performance.now();
  const n = 2000;
  for (let i = 0; i < n; i++) wasmModule.evaluate({ scenario: json });
  report(`evaluate() through Embind, ${label}`, `${fixed(((performance.now() - start) / n) * 1000)} µs`);
}

// 3. Cohort fits (sBG): the 12-period published cohort, and 100 cohorts of 120 periods made from
// known parameters (expected survivors, rounded, so the table is valid and the run repeatable).
const bigTable = (() => {
  const alpha = 0.9, beta = 3.0, cohorts = 100, periods = 120;
  const columns = [];
  for (let c = 0; c < cohorts; c++) {
    const size = 500 + 10 * c;
    let survival = 1;
    const counts = [size];
    for (let t = 1; t <= periods; t++) { survival *= (beta + t - 1) / (alpha + beta + t - 1); counts.push(Math.round(size * survival)); }
    columns.push(counts);
  }
  const lines = [columns.map((_, c) => `c${c}`).join(',')];
  for (let t = 0; t <= periods; t++) lines.push(columns.map((counts) => counts[t]).join(','));
  return `${lines.join('\n')}\n`;
})();
const bigTablePath = path.join(os.tmpdir(), 'retention-bench-100x120.csv');
fs.writeFileSync(bigTablePath, bigTable);
const yearly = path.join(os.tmpdir(), 'retention-bench-yearly.json');
fs.writeFileSync(yearly, JSON.stringify({ ...wasmModule.defaultScenario(), period: 'year' }));
const regular = path.join(ROOT, 'tests', 'data', 'sbg_regular_cohort.csv');
const cohortsModule = await loadCohortsModule();  // the cohort fit has its own module (its worker's)
for (const [label, table, iterations] of [['12-period cohort', regular, 200], ['100 cohorts x 120 periods', bigTablePath, 10]]) {
  const runs = (command, args) => median([0, 1, 2].map(() => Number(execFileSync(command, args, { encoding: 'utf8' }).trim())));
  const args = ['--cohorts', table, yearly, String(iterations)];
  const native = runs(path.join(ROOT, 'build', 'native', 'bench', 'core_bench'), args);
  const wasm = runs('node', [path.join(ROOT, 'build', 'wasm', 'bench', 'core_bench.cjs'), ...args]);
  const text = fs.readFileSync(table, 'utf8');
  const scenarioJson = fs.readFileSync(yearly, 'utf8');
  const start = performance.now();
  for (let i = 0; i < iterations; i++) cohortsModule.analyseCohorts({ table: text, layout: 'columns', calibration_periods: 0, scenario: scenarioJson });
  const call = ((performance.now() - start) / iterations) * 1000;
  report(`sBG and BdW fits, ${label}: native / wasm core`, `${fixed(native / 1000, 2)} ms / ${fixed(wasm / 1000, 2)} ms (${fixed(wasm / native, 2)}x)`);
  report(`sBG and BdW fits, ${label}: analyseCohorts() through Embind`, `${fixed(call / 1000, 2)} ms`);
}

// 4. Transaction logs: CDNOW_master (69,659 rows, tests/data) and a generated 1,000,000-row log, read, summarised and fitted natively, in wasm under
// Node, and in Chromium through the page's worker.
const logs = [];
const master = path.join(ROOT, 'tests', 'data', 'CDNOW_master.txt');
if (fs.existsSync(master)) logs.push({ label: 'CDNOW_master (69,659 rows)', file: master, columns: [0, 1, 3], calibration: '1997-09-30', holdout: '1998-06-30' });
else console.log('(CDNOW_master.txt not found beside the repository: skipped)');
const million = path.join(os.tmpdir(), 'retention-1m.csv');
if (!fs.existsSync(million)) writeTransactionLog(million, 1_000_000);
logs.push({ label: 'generated log (1,000,000 rows)', file: million, columns: [0, 1, 2], calibration: '2023-12-31', holdout: '2024-12-31' });
// The largest: 10,000,000 rows (about 300 MB), read in Chromium in bounded memory.
const tenMillion = path.join(os.tmpdir(), 'retention-10m.csv');
if (!fs.existsSync(tenMillion)) writeTransactionLog(tenMillion, 10_000_000);
logs.push({ label: 'generated log (10,000,000 rows)', file: tenMillion, columns: [0, 1, 2], calibration: '2023-12-31', holdout: '2024-12-31', browserOnly: true });
const transactionsModule = await loadTransactionsModule();
for (const log of logs.filter((l) => !l.browserOnly)) {
  const nativeMs = Number(execFileSync(path.join(ROOT, 'build', 'native', 'bench', 'core_bench'),
    ['--transactions', log.file, ...log.columns.map(String), log.calibration, log.holdout], { encoding: 'utf8' }).trim());
  const bytes = fs.readFileSync(log.file);
  const start = performance.now();
  const [customer, date, amount] = log.columns;
  const importer = new transactionsModule.TransactionImport({ options: { customer, date, amount, locale_decimal_mark: 'point' } });
  for (let at = 0; at < bytes.length; at += 65536) importer.feed({ bytes: bytes.subarray(at, at + 65536) });
  importer.finish();
  const result = importer.analyse({ options: { calibration_end: log.calibration, holdout_end: log.holdout, time_unit: 'week', prediction_units: 52 } });
  const wasmMs = performance.now() - start;
  importer.delete();
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  log.customers = result.summary.import.customers;
  report(`read + summary + BG/NBD and Gamma-Gamma fits, ${log.label}: native / wasm (Node)`,
    `${fixed(nativeMs / 1000, 2)} s / ${fixed(wasmMs / 1000, 2)} s (${fixed(wasmMs / nativeMs, 2)}x)`);
  // The BG/NBD fit alone, one row per customer against the compressed table, in one native run.
  const [raw, compressed, customers, rows] = execFileSync(path.join(ROOT, 'build', 'native', 'bench', 'core_bench'),
    ['--bgnbd-fits', log.file, ...log.columns.map(String), log.calibration, log.holdout], { encoding: 'utf8' }).trim().split(' ').map(Number);
  report(`BG/NBD fit, ${log.label}: ${customers.toLocaleString('en')} customers / ${rows.toLocaleString('en')} distinct rows (native)`,
    `${fixed(raw, 1)} ms / ${fixed(compressed, 1)} ms (${fixed(raw / compressed, 1)}x faster)`);
}

// 4b. The same models from a warehouse's compressed summary instead of the log, side by side
// (CDNOW_master: the core's own compressed table, as the DuckDB query returns it), and the cost of
// the uncertainty band (200 and 1,000 parameter draws against none), all in wasm under Node.
if (fs.existsSync(master)) {
  const importer = new transactionsModule.TransactionImport({ options: { customer: 0, date: 1, amount: 3, locale_decimal_mark: 'point' } });
  importer.feed({ bytes: new Uint8Array(fs.readFileSync(master)) });
  importer.finish();
  const options = { calibration_end: '1997-09-30', time_unit: 'week', prediction_units: 52 };
  const table = importer.summaryTable({ options });
  const csv = new TextEncoder().encode(`x,t_x,T,spend,customers\n${Array.from(table.x, (x, i) =>
    [x, table.t_x[i], table.T[i], table.spend[i], table.customers[i]].map((v) => v.toPrecision(17)).join(',')).join('\n')}\n`);
  const time = (f) => median([0, 1, 2].map(() => { const t0 = performance.now(); f(); return performance.now() - t0; }));
  const fromLog = time(() => importer.analyse({ options: { ...options, band_draws: 0 } }));
  const fromTable = time(() => transactionsModule.analyseSummary({ bytes: csv, options: { ...options, band_draws: 0 } }));
  report(`three purchase models + Gamma-Gamma, CDNOW_master: from the read log / from its compressed table (${table.x.length.toLocaleString('en')} rows), wasm (Node)`,
    `${fixed(fromLog)} ms / ${fixed(fromTable)} ms`);
  const band200 = time(() => importer.analyse({ options: { ...options, band_draws: 200 } }));
  const band1000 = time(() => importer.analyse({ options: { ...options, band_draws: 1000 } }));
  const drawn = importer.analyse({ options: { ...options, band_draws: 1000 } }).summary.band.draws;  // after the cap
  report('analysis of CDNOW_master with no band / 200 / 1,000 parameter draws asked, wasm (Node)',
    `${fixed(fromLog)} ms / ${fixed(band200)} ms / ${fixed(band1000)} ms (${drawn} draws made of 1,000 asked add ${fixed(band1000 - fromLog)} ms)`, '1 s for 1,000 draws');
  importer.delete();
}
{
  const { stripeExport } = await import('../tests/support/generate-subscriptions.mjs');
  const bytes = new TextEncoder().encode(stripeExport({ cohorts: 24, perCohort: 2000 }));
  const t0 = performance.now();
  const result = transactionsModule.analyseSubscriptions({ bytes, options: '{}' });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  report('Stripe-style export of 48,000 subscriptions (24 monthly cohorts) read and counted into cohorts, wasm (Node)',
    `${fixed(performance.now() - t0)} ms (${fixed(bytes.length / 1e6)} MB)`);
}

reportModelFits(report, ROOT);  // 4c. each model's fit alone, beside lifetimes'

// 5. The strategy planner's Monte Carlo: 10,000 draws over 60 months of the plan fixture (three
// programs, ranges on churn and revenue), with constant churn and with a fitted sBG curve.
const planFixture = path.join(ROOT, 'tests', 'fixtures', 'plan.json');
const fittedPlan = path.join(os.tmpdir(), 'retention-bench-plan-sbg.json');
fs.writeFileSync(fittedPlan, JSON.stringify({ ...JSON.parse(fs.readFileSync(planFixture, 'utf8')),
  retention_curve: { model: 'shifted_beta_geometric', alpha: 0.704, beta: 1.182 } }));
const plans = [['constant churn', planFixture], ['fitted sBG curve', fittedPlan]];
const plannerModule = await loadPlannerModule();
for (const [label, file] of plans) {
  const runs = (command, args) => median([0, 1, 2].map(() => Number(execFileSync(command, args, { encoding: 'utf8' }).trim())));
  const native = runs(path.join(ROOT, 'build', 'native', 'bench', 'core_bench'), ['--simulate', file, '5']);
  const json = fs.readFileSync(file, 'utf8');
  plannerModule.simulatePlan({ scenario: json });
  const times = [0, 1, 2, 3, 4].map(() => { const start = performance.now(); plannerModule.simulatePlan({ scenario: json }); return performance.now() - start; });
  report(`Monte Carlo 10,000 draws x 60 months, 3 programs, ${label}: native / simulatePlan() in Node`,
    `${fixed(native)} ms / ${fixed(median(times))} ms`);
}

// A log uploaded through the page, its columns chosen, read in the worker and fitted: the page's
// own measure of it, in ms.
async function readLogInPage(page, log) {
  await page.goto(`${origin}/`);
  await liveResultAt(page);
  await page.locator('#tx-file').setInputFiles(log.file);
  await page.locator('#tx-setup').waitFor();
  await page.locator('#tx-customer').selectOption(String(log.columns[0]));
  await page.locator('#tx-date').selectOption(String(log.columns[1]));
  await page.locator('#tx-amount').selectOption(String(log.columns[2]));
  await page.locator('#tx-read').click();
  await page.locator('#tx-fit dd').first().waitFor({ timeout: 600000 });
  return page.evaluate(() => performance.getEntriesByName('transactions-read-and-fit').at(-1).duration);
}

// The first result against an empty page, side by side in one run (the machine is shared and
// noisy): each navigation in a fresh page with the cache off, alternating the two, on the loopback
// and with Chromium's emulation of a slow phone connection. Each page's time is its first
// contentful paint (the calculator's carries the default scenario's numbers, written in by the
// build); the live module's own first result (`first-result` mark) is printed beside it.
const SLOW_PHONE = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 0.75e6 / 8 };
async function firstResultAgainstEmptyPage(context, origin, network = null, runs = 11) {
  const times = { empty: [], calculator: [], live: [] };
  const entry = (page, name) => page.waitForFunction((n) => performance.getEntriesByName(n).length > 0, name, { timeout: 60000 })
    .then(() => page.evaluate((n) => performance.getEntriesByName(n)[0].startTime, name));
  for (let i = 0; i < runs; i++) {
    for (const [kind, url] of [['empty', `${origin}/bench-empty/empty.html`], ['calculator', `${origin}/`]]) {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      if (network) await cdp.send('Network.emulateNetworkConditions', network);
      await page.goto(url);
      times[kind].push(await entry(page, 'first-contentful-paint'));
      if (kind === 'calculator') {
        // The first paint shows the default numbers the build wrote in (checked, not assumed).
        if (!/\$\d/.test(await page.locator('[data-out="clv"]').textContent())) throw new Error('no CLV in the served HTML');
        times.live.push(await liveResultAt(page));
      }
      await page.close();
    }
  }
  return { empty: median(times.empty), calculator: median(times.calculator), live: median(times.live) };
}

// 6. In Chromium: transfer size, first result, input-to-update latency.
const emptyPageFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'retention-bench-empty-'));
fs.writeFileSync(path.join(emptyPageFolder, 'empty.html'), '<!doctype html><meta charset="utf-8"><title>Empty</title><p>An empty page.</p>');
const server = await startServer(0, '127.0.0.1', { '/bench-empty/': emptyPageFolder, ...BENCH_FOLDERS });
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await launchBrowser({ bypassCSP: true });  // the Monte Carlo timing starts its worker by hand
try {
  const page = await browser.context.newPage();
  const bodies = new Map();
  page.on('response', async (response) => {
    if (response.url().startsWith(origin)) bodies.set(response.url(), await response.body().catch(() => Buffer.alloc(0)));
  });
  const firstResults = [];
  for (let i = 0; i < 11; i++) {
    await page.goto(`${origin}/?run=${i}`);
    firstResults.push(await liveResultAt(page));
  }
  let raw = 0, gzipped = 0;
  const files = [];
  for (const [url, body] of bodies) {
    if (new URL(url).search) continue;  // the page itself is counted once, below
    const size = zlib.gzipSync(body, { level: 9 }).length;
    files.push(`${new URL(url).pathname} ${fixed(size / 1024)} KB`);
    raw += body.length; gzipped += size;
  }
  const page0 = bodies.get(`${origin}/?run=0`);
  raw += page0.length; gzipped += zlib.gzipSync(page0, { level: 9 }).length;
  files.unshift(`/ ${fixed(zlib.gzipSync(page0, { level: 9 }).length / 1024)} KB`);
  report('page transfer, gzip -9', `${fixed(gzipped / 1024)} KB (${fixed(raw / 1024)} KB raw, ${bodies.size - 10} files)`, '175 KB');
  console.log(`   ${files.join(', ')}`);
  report('navigation to first result (median of 11)', `${fixed(median(firstResults))} ms`, '300 ms');
  const loopback = await firstResultAgainstEmptyPage(browser.context, origin);
  report('first result painted (the default numbers in the HTML) / empty page\'s first paint, loopback, cache off (medians of 11, side by side); the live module\'s first result',
    `${fixed(loopback.calculator)} ms / ${fixed(loopback.empty)} ms (${fixed(loopback.calculator / loopback.empty, 2)}x); ${fixed(loopback.live)} ms`, '1.5x');
  const phone = await firstResultAgainstEmptyPage(browser.context, origin, SLOW_PHONE);
  report('the same on an emulated slow phone connection (150 ms, 1.6 Mbit/s down, 0.75 up)',
    `${fixed(phone.calculator)} ms / ${fixed(phone.empty)} ms; ${fixed(phone.live)} ms`, '2,000 ms');

  // Type into the revenue field: time until the DOM is updated (the input handler is synchronous)
  // and until the next frame is drawn.
  const latency = await page.evaluate(async () => {
    const input = document.querySelector('[name="revenue_per_customer"]');
    const handler = [], frame = [];
    for (let i = 0; i < 60; i++) {
      input.value = String(40 + (i % 20));
      const start = performance.now();
      input.dispatchEvent(new Event('input', { bubbles: true }));
      handler.push(performance.now() - start);
      await new Promise((resolve) => requestAnimationFrame(() => resolve()));
      frame.push(performance.now() - start);
    }
    const mid = (v) => v.sort((a, b) => a - b)[Math.floor(v.length / 2)];
    const p95 = (v) => v.sort((a, b) => a - b)[Math.floor(v.length * 0.95)];
    return { handler: mid(handler), handler95: p95(handler), frame: mid(frame) };
  });
  report('input to updated page (median, p95)', `${fixed(latency.handler, 2)} ms, ${fixed(latency.handler95, 2)} ms`, '16 ms');
  report('input to next frame (median)', `${fixed(latency.frame, 2)} ms`);

  // The planner's worker as the page uses it: the first simulation (module just compiled) and
  // the median of ten more, timed inside the worker around simulatePlan().
  for (const [label, file] of plans) {
    const json = fs.readFileSync(file, 'utf8');
    const times = await plannerWorkerTimes(page, '/js/planner-worker.js', json);
    report(`Monte Carlo in Chromium's worker, ${label}: first run / median of 10 more`,
      `${fixed(times[0])} ms / ${fixed(median(times.slice(1)))} ms`, label === 'constant churn' ? '200 ms' : '');
  }

  // Each model's fit inside a worker, as the native and Node lines of section 4c, and the site's
  // own modules' entries that make them in the panels.
  await reportBrowserModelFits(report, page, browser.userDataDir);

  // Transaction logs through the page: upload, read in the worker, fit; the page's own measure.
  for (const log of logs.filter((l) => !l.browserOnly)) {
    const ms = await readLogInPage(page, log);
    report(`read + fit in Chromium (worker), ${log.label}`, `${fixed(ms / 1000, 2)} s`, log.label.includes('1,000,000') ? '5 s' : '');
  }
} finally {
  await browser.close();
}

// 7. The largest log in a browser of its own, so that the renderer's peak resident memory (where
// the worker and its wasm heap live) is this read's alone; then a re-fit after a new calibration
// date, timed from the change to the new figures on screen.
const renderers = () => execFileSync('pgrep', ['-f', '--', '--type=renderer'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
const peakKb = (pid) => Number((fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+)/) ?? [0, 0])[1]);
try {
  for (const log of logs.filter((l) => l.browserOnly)) {
    const big = await launchBrowser();
    try {
      const page = await big.context.newPage();
      const ms = await readLogInPage(page, log);
      const peak = Math.max(...renderers().map(peakKb));
      report(`read + fit in Chromium (worker), ${log.label}`, `${fixed(ms / 1000, 2)} s, renderer peak ${fixed(peak / 1024, 0)} MB`, '15 s, 1 GB');
      const before = await page.locator('#tx-fit').innerText();
      const t0 = Date.now();
      await page.locator('#tx-calibration-end').fill('2023-09-30');
      await page.waitForFunction((text) => document.querySelector('#tx-fit').innerText !== text, before, { timeout: 600000 });
      report(`re-fit after a new calibration end, ${log.label}`, `${fixed((Date.now() - t0) / 1000, 2)} s`, '3 s');
    } finally {
      await big.close();
    }
  }
} finally {
  server.close();
}
