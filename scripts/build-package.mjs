// Builds dist-package/, the npm package for embedders, from dist/ (after scripts/build-dist.mjs):
// <retention-calculator> (js/element.js), every file it and its workers load, the wasm modules with
// their loaders, and the TypeScript declarations of the element and of each module's JS API
// (web/types/). It has its own package.json (no dependencies); `npm pack dist-package` makes the
// tarball. The repository's package.json stays the private tooling package.
//
// The element finds its files beside its own module (new URL('..', import.meta.url)): the page's
// markup (element.html; index.html is the full page, for its iframe), style.css, i18n/*.json,
// wasm/languages.json, the workers in js/ and the wasm loaders in wasm/, which fetch their .wasm
// beside themselves. So the package keeps dist/'s layout.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST, listFiles } from './build-dist.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PACKAGE_DIR = path.join(ROOT, 'dist-package');
export const PACKAGE_NAME = 'retention-calculator-element';
// The package's version: raise it with each published change (semver; the wasm modules' JS API
// and the element's attributes are its public surface).
export const PACKAGE_VERSION = '0.1.0';
// The modules whose JS API the package exports (wasm/<name>-<hash>.js in dist/).
const WASM_MODULES = ['retention', 'planner', 'cohorts', 'models', 'transactions'];

// Files a built module names: its chunks and workers (./x.js, ../wasm/x.js) and, in a loader, its
// .wasm. Minified code quotes them, so a quoted relative name is enough to find them.
function referencedFiles(file) {
  const text = fs.readFileSync(path.join(DIST, file), 'utf8');
  const names = [...text.matchAll(/["'`]((?:\.\.?\/)*[\w./-]+\.(?:js|wasm))["'`]/g)].map((m) => m[1]);
  const out = [];
  for (const name of names) {
    // A loader names its .wasm without ./ (Emscripten resolves it against import.meta.url).
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), name));
    if (fs.existsSync(path.join(DIST, resolved)) && !resolved.startsWith('..')) out.push(resolved);
  }
  return out;
}

// The element, the workers it starts and everything they import, transitively.
function moduleClosure(entries) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (file.endsWith('.js')) for (const next of referencedFiles(file)) visit(next);
  };
  entries.forEach(visit);
  return [...seen].sort();
}

function hashedLoader(files, name) {
  const loader = files.find((f) => new RegExp(`^wasm/${name}-[A-Z2-7]{8}\\.js$`).test(f));
  if (!loader) throw new Error(`dist/ has no wasm/${name}-<hash>.js: build the wasm modules and dist/ first`);
  return loader;
}

function packageJson(loaders) {
  const exportsMap = { '.': { types: './types/element.d.ts', default: './js/element.js' } };
  for (const name of WASM_MODULES) exportsMap[`./${name}`] = { types: `./types/wasm/${name}.d.ts`, default: `./${loaders[name]}` };
  exportsMap['./package.json'] = './package.json';
  return {
    name: PACKAGE_NAME,
    version: PACKAGE_VERSION,
    description: 'The customer retention calculator as a custom element, <retention-calculator>, with its WebAssembly core',
    // No license is chosen for the project yet: the lead decides before publishing.
    license: 'UNLICENSED',
    type: 'module',
    exports: exportsMap,
    types: './types/element.d.ts',
    // The element defines itself on import; the loaders are side-effect free.
    sideEffects: ['./js/element.js'],
    files: ['element.html', 'index.html', 'style.css', 'js', 'wasm', 'i18n', 'types', 'README.md'],
  };
}

const README = (loaders) => `# ${PACKAGE_NAME}

The customer retention calculator as a custom element. It computes in the reader's browser
(WebAssembly); nothing is sent anywhere.

## Use

Serve this package's folder with your site (as it is: the element loads its markup, style,
language files, workers and WebAssembly from beside \`js/element.js\`), then:

\`\`\`html
<script type="module" src="/node_modules/${PACKAGE_NAME}/js/element.js"></script>
<retention-calculator scenario='{"currency": "EUR", "churn_percent": 3}'></retention-calculator>
\`\`\`

or, with a bundler that copies the package's files, \`import '${PACKAGE_NAME}';\`.

Attributes (read once, when the element is connected):

- \`scenario\`: JSON of the scenario fields to change from the defaults (or a child
  \`<script type="application/json">\` holding it);
- \`panels\`: \`cohorts\`, \`transactions\`, \`planner\` (space-separated) to add the analyst panels;
- \`lang\`: \`en\`, \`bn\`, \`hy\` or \`ur\` (else the reader's browser decides).

Theme it with CSS custom properties on the element (\`--accent\`, \`--ink\`, ...).

A Content-Security-Policy must allow \`script-src 'self' 'wasm-unsafe-eval'\` for the files' origin;
with Trusted Types enforced, also \`trusted-types ${'retention-calculator-worker'}\` (the panels'
workers). Serve \`.wasm\` as \`application/wasm\`.

## The WebAssembly modules' JS API

\`import createRetentionModule from '${PACKAGE_NAME}/retention'\` (also \`/planner\`, \`/cohorts\`,
\`/models\`, \`/transactions\`). Every function takes one options object and answers
\`{ok: true, ...}\` or \`{ok: false, errors: [{field, code, args, message}]}\`; documents (a
scenario, options) may be objects or their JSON text, files are Uint8Arrays:

\`\`\`js
const core = await createRetentionModule();
const result = core.evaluate({ scenario: { ...core.defaultScenario(), churn_percent: 3 } });
if (result.ok) console.log(result.summary.results[0].value.clv);
else for (const error of result.errors) console.log(error.field, error.message);
\`\`\`

In Node, pass the binary: \`createRetentionModule({ wasmBinary: fs.readFileSync(<the .wasm beside
${loaders.retention}>) })\`.

## TypeScript

Declarations ship in \`types/\`: \`types/element.d.ts\` (the element, its attributes, and
\`HTMLElementTagNameMap['retention-calculator']\`) and \`types/wasm/<module>.d.ts\` (each module's
factory, functions, options and results), found through the package's \`exports\`.
`;

export function buildPackage() {
  const distFiles = listFiles(DIST);
  const workers = distFiles.filter((f) => /^js\/[a-z-]+-worker\.js$/.test(f));
  if (!distFiles.includes('js/element.js')) throw new Error('dist/ has no js/element.js: run scripts/build-dist.mjs first');
  const loaders = Object.fromEntries(WASM_MODULES.map((name) => [name, hashedLoader(distFiles, name)]));
  // index.html's own scripts too: the element's "Embed this" offers an iframe of the full page.
  const pageScripts = [...fs.readFileSync(path.join(DIST, 'index.html'), 'utf8').matchAll(/(?:src|href)="(js\/[\w.-]+\.js)"/g)].map((m) => m[1]);
  const files = new Set([
    'element.html', 'index.html', 'style.css', 'wasm/languages.json', 'js/iframe-resizer.js',
    ...distFiles.filter((f) => /^i18n\/[\w-]+\.json$/.test(f)),
    ...moduleClosure(['js/element.js', ...workers, ...Object.values(loaders), ...pageScripts]),
  ]);
  fs.rmSync(PACKAGE_DIR, { recursive: true, force: true });
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(PACKAGE_DIR, file)), { recursive: true });
    fs.copyFileSync(path.join(DIST, file), path.join(PACKAGE_DIR, file));
  }
  fs.cpSync(path.join(ROOT, 'web', 'types'), path.join(PACKAGE_DIR, 'types'), { recursive: true });
  fs.writeFileSync(path.join(PACKAGE_DIR, 'package.json'), `${JSON.stringify(packageJson(loaders), null, 2)}\n`);
  fs.writeFileSync(path.join(PACKAGE_DIR, 'README.md'), README(loaders));
  return { files: [...files].sort(), loaders };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { files } = buildPackage();
  console.error(`==> ${path.relative(ROOT, PACKAGE_DIR)}/ written: ${files.length} files from dist/, the declarations and package.json (npm pack ${path.relative(ROOT, PACKAGE_DIR)})`);
}
