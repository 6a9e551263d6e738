// The npm package for embedders, as an embedder gets it: dist-package/ (scripts/build-package.mjs)
// packed by `npm pack`, the tarball installed with npm into an empty folder, and a blank page that
// imports the element from node_modules under the site's strict CSP (Trusted Types included). The
// element must show the CLV of its configured scenario; the installed module's JS API and its
// TypeScript declarations must work as the package's exports name them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from '../../scripts/serve.mjs';
import { buildPackage, PACKAGE_DIR, PACKAGE_NAME } from '../../scripts/build-package.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { SHOTS } from '../support/page-session.mjs';
import { ROOT } from '../support/wasm-module.mjs';

// Yearly periods, m = 100 (revenue 100 at 100% margin, no retention spend), r = 0.8, d = 10% a
// year, cash at the start of each period: CLV = m (1 + d) / (1 + d - r) = 110 / 0.3 (docs/model.md).
const SCENARIO = {
  currency: 'USD', period: 'year', revenue_per_customer: 100, gross_margin_percent: 100, retention_spend_per_customer: 0,
  churn_percent: 20, annual_discount_rate_percent: 10, timing: 'start_of_period', scenarios: [],
};
const CLV = 110 / 0.3;

let folder, tarball, installed, server, browser;

before(async () => {
  buildPackage();
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'retention-package-'));
  const packed = JSON.parse(execFileSync('npm', ['pack', PACKAGE_DIR, '--json', '--pack-destination', folder],
    { cwd: folder, encoding: 'utf8' }));
  tarball = path.join(folder, packed[0].filename);
  const site = path.join(folder, 'site');
  fs.mkdirSync(site);
  // An empty project: the tarball is its only dependency, and the package has none of its own.
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--no-save', tarball], { cwd: site, stdio: 'pipe' });
  installed = path.join(site, 'node_modules', PACKAGE_NAME);
  const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
  // The blank page: a module script of the site's own (inline scripts are refused by the CSP)
  // imports the element where the package's exports map says it is.
  fs.writeFileSync(path.join(site, 'main.js'), `import './node_modules/${PACKAGE_NAME}/${manifest.exports['.'].default.slice(2)}';\n`);
  fs.writeFileSync(path.join(site, 'index.html'), '<!doctype html><meta charset="utf-8"><title>Embedder</title>' +
    '<link rel="icon" href="data:,"><script type="module" src="main.js"></script>' +
    `<retention-calculator lang="en" scenario='${JSON.stringify(SCENARIO)}'></retention-calculator>\n`);
  server = await startServer(0, '127.0.0.1', {}, { root: site });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.close();
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

test('npm pack gives a tarball with the element, its modules, the wasm, the declarations and no dependencies', () => {
  const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').map((f) => f.replace(/^package\//, ''));
  for (const file of ['package.json', 'README.md', 'index.html', 'style.css', 'js/element.js', 'js/cohort-worker.js',
    'wasm/languages.json', 'i18n/en.json', 'types/element.d.ts', 'types/wasm/retention.d.ts', 'types/wasm/transactions.d.ts']) {
    assert.ok(listing.includes(file), `${file} is packed`);
  }
  for (const name of ['retention', 'planner', 'cohorts', 'models', 'transactions']) {
    assert.ok(listing.some((f) => new RegExp(`^wasm/${name}-[A-Z2-7]{8}\\.wasm$`).test(f)), `${name}'s .wasm is packed`);
  }
  assert.ok(!listing.some((f) => /\.(br|gz)$|^_headers$|^\.htaccess$/.test(f)), 'no precompressed copies or host files');
  const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
  assert.equal(manifest.type, 'module');
  assert.equal(manifest.dependencies, undefined);
  assert.equal(manifest.types, './types/element.d.ts');
  // Every file the exports map names was packed.
  for (const target of Object.values(manifest.exports).flatMap((entry) => (typeof entry === 'string' ? [entry] : Object.values(entry)))) {
    assert.ok(fs.existsSync(path.join(installed, target)), `${target} is installed`);
  }
});

test('a blank page that imports the element from node_modules shows the configured scenario\'s CLV', async () => {
  const page = await browser.context.newPage();
  const origin = `http://127.0.0.1:${server.address().port}`;
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
  page.on('request', (request) => { if (!request.url().startsWith(`${origin}/`) && !request.url().startsWith('data:')) problems.push(request.url()); });
  const failed = [];
  page.on('response', (response) => { if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`); });
  await page.goto(`${origin}/index.html`);
  const clv = page.locator('retention-calculator [data-out="clv"]').filter({ hasText: /\d/ });
  await clv.waitFor({ timeout: 15000 });
  const expected = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', minimumFractionDigits: 2 }).format(CLV);
  assert.equal(await clv.textContent(), expected);
  // Loaded from the package's folder: the module, its wasm beside the loader, the markup.
  const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
  const inPackage = (pattern) => loaded.some((url) => url.startsWith(`${origin}/node_modules/${PACKAGE_NAME}/`) && pattern.test(url));
  assert.ok(inPackage(/\/wasm\/retention-[A-Z2-7]{8}\.wasm$/), 'the wasm came from the package');
  assert.ok(inPackage(/\/element\.html$/) && inPackage(/\/style\.css$/) && inPackage(/\/i18n\/en\.json$/), 'the markup, style and language');
  // A change recomputes: 10% churn gives 110 / 0.2.
  await page.locator('retention-calculator [name="churn_percent"]').fill('10');
  const changed = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', minimumFractionDigits: 2 }).format(110 / 0.2);
  await page.locator('retention-calculator [data-out="clv"]').filter({ hasText: changed }).waitFor({ timeout: 5000 });
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, 'package-blank-page.png') });
  assert.deepEqual(failed, [], 'requests that failed');
  assert.deepEqual(problems, [], 'errors in the page or requests that left 127.0.0.1');
  await page.close();
});

test('the installed package\'s module export computes in Node as its declarations say', async () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
  const loader = path.join(installed, manifest.exports['./retention'].default);
  const wasm = fs.readdirSync(path.dirname(loader)).find((f) => /^retention-[A-Z2-7]{8}\.wasm$/.test(f));
  const { default: createRetentionModule } = await import(pathToFileURL(loader).href);
  const core = await createRetentionModule({ wasmBinary: fs.readFileSync(path.join(path.dirname(loader), wasm)) });
  const result = core.evaluate({ scenario: { ...core.defaultScenario(), ...SCENARIO } });
  assert.equal(result.ok, true, JSON.stringify(result.errors));
  assert.ok(Math.abs(result.summary.results[0].value.clv - CLV) < 1e-9, String(result.summary.results[0].value.clv));
  const bad = core.evaluate({ scenario: JSON.stringify({ ...core.defaultScenario(), ...SCENARIO, churn_percent: 120 }) });
  assert.equal(bad.ok, false);
  assert.equal(bad.errors[0].field, 'churn_percent');
});

test('a TypeScript project finds the declarations through the package\'s exports, and they catch a wrong call', () => {
  const project = path.join(folder, 'site');
  fs.writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2022', 'dom'], types: [] },
    files: ['embed.ts'],
  }));
  const good = `import '${PACKAGE_NAME}';
import createRetentionModule from '${PACKAGE_NAME}/retention';
import type { TransactionsModule } from '${PACKAGE_NAME}/transactions';
const element: HTMLElement = document.createElement('retention-calculator');
element.setAttribute('panels', 'cohorts');
const core = await createRetentionModule();
const result = core.evaluate({ scenario: { ...core.defaultScenario(), churn_percent: 3 } });
const clv: number | undefined = result.ok ? result.summary.results[0].value.clv : undefined;
const errors = result.ok ? [] : result.errors.map((e) => \`\${e.field}: \${e.message}\`);
export async function read(module: TransactionsModule, bytes: Uint8Array) {
  const importer = new module.TransactionImport({ options: { customer: 0, date: 1, amount: 2 } });
  const fed = importer.feed({ bytes });
  return fed.ok ? importer.finish() : fed;
}
export { clv, errors };
`;
  const tsc = path.join(ROOT, 'node_modules', '.bin', 'tsc');
  fs.writeFileSync(path.join(project, 'embed.ts'), good);
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  execFileSync(tsc, ['-p', project], { encoding: 'utf8' });  // throws, with tsc's errors, if they do not type-check
  fs.writeFileSync(path.join(project, 'embed.ts'), `${good}core.evaluate('{"churn_percent": 3}');\n`);
  assert.throws(() => execFileSync(tsc, ['-p', project], { encoding: 'utf8', stdio: 'pipe' }),
    (/** @type {{stdout: string}} */ error) => /TS2345/.test(String(error.stdout)), 'a positional JSON string is refused by the declarations');
});
