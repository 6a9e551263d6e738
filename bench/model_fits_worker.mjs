// Each model's fit in Chromium's worker alone (bench/run.mjs's lines of model_fits_browser.mjs,
// without the other ten minutes). Serves dist/ and the benchmark's worker; needs the wasm build
// (build/wasm/bench/model_fits_web.js) and the site built (node scripts/build-dist.mjs).
//   node bench/model_fits_worker.mjs
import { startServer } from '../scripts/serve.mjs';
import { launchBrowser } from '../tests/support/browser.mjs';
import { BENCH_FOLDERS, reportBrowserModelFits } from './model_fits_browser.mjs';
import { printLine } from './report.mjs';

const server = await startServer(0, '127.0.0.1', BENCH_FOLDERS);
const browser = await launchBrowser({ bypassCSP: true });  // the worker is started by hand
try {
  const page = await browser.context.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await reportBrowserModelFits(printLine, page, browser.userDataDir);
} finally {
  await browser.close();
  server.close();
}
