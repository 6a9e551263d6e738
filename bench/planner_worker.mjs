// The planner's Monte Carlo in Chromium's worker alone (bench/run.mjs section 6's planner rows,
// without the other ten minutes): the first simulation in a fresh worker and the median of ten
// more, for the plan fixture with constant churn and with a fitted sBG curve. Serves dist/.
//   node bench/planner_worker.mjs [rounds] [other-site]
// With another built site (e.g. a copy of dist/ with an earlier planner module), each round
// times both, alternating, so the two are compared under the same load.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../scripts/serve.mjs';
import { launchBrowser } from '../tests/support/browser.mjs';
import { ROOT } from '../tests/support/wasm-module.mjs';
import { plannerWorkerTimes } from './planner_runs.mjs';
import { median } from './report.mjs';

const rounds = Number(process.argv[2] ?? 3);
const other = process.argv[3];

const planFixture = path.join(ROOT, 'tests', 'fixtures', 'plan.json');
const fittedPlan = path.join(os.tmpdir(), 'retention-bench-plan-sbg.json');
fs.writeFileSync(fittedPlan, JSON.stringify({ ...JSON.parse(fs.readFileSync(planFixture, 'utf8')),
  retention_curve: { model: 'shifted_beta_geometric', alpha: 0.704, beta: 1.182 } }));
const plans = [['constant churn', planFixture], ['fitted sBG curve', fittedPlan]];

const server = await startServer(0, '127.0.0.1', other ? { '/other/': path.resolve(other) } : {});
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await launchBrowser({ bypassCSP: true });  // the worker is started by hand
const sites = [['this site', '/js/planner-worker.js'], ...(other ? [['other site', '/other/js/planner-worker.js']] : [])];
try {
  const page = await browser.context.newPage();
  await page.goto(`${origin}/`);
  const results = new Map();
  for (let round = 0; round < rounds; round++) {
    for (const [label, file] of plans) {
      for (const [site, script] of sites) {
        const json = fs.readFileSync(file, 'utf8');
        const times = await plannerWorkerTimes(page, script, json);
        const key = `${label}, ${site}`;
        if (!results.has(key)) results.set(key, { first: [], median: [] });
        results.get(key).first.push(times[0]);
        results.get(key).median.push(median(times.slice(1)));
        console.log(`round ${round + 1}, ${key}: first ${times[0].toFixed(1)} ms, median of 10 more ${median(times.slice(1)).toFixed(1)} ms`);
      }
    }
  }
  for (const [key, { first, median: medians }] of results)
    console.log(`Monte Carlo in Chromium's worker, ${key}: first run / median of 10 more (medians over ${rounds} rounds): ` +
      `${median(first).toFixed(1)} ms / ${median(medians).toFixed(1)} ms`);
} finally {
  await browser.close();
  server.close();
}
