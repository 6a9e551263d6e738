// Builds dist/, the static site as it is deployed, from web/ (after the wasm build):
// - the page's modules bundled and minified into one module (esbuild), the panels' lazily loaded
//   views into chunks, each named by a hash of its content;
// - each wasm module and its Emscripten loader named by their content's hash too, the loader
//   rewritten to fetch its own hashed .wasm and minified;
// - index.html pointing at them, with preloads so the wasm and the language list download while
//   the module is parsed instead of after it, and the default scenario's headline numbers written
//   in (scripts/prerender.mjs), shown at the first paint when they are the visitor's;
// - stable names where another site or the code refers to a file by name: js/element.js and
//   js/iframe-resizer.js (blogs), the workers (module-worker.js accepts js/<name>-worker.js only),
//   style.css and element.html (the element's shadow root: its style and markup), i18n/*.json and
//   wasm/languages.json (fetched by name);
// - a .br and a .gz beside every text and wasm file, for servers that send them as they are;
// - _headers (Netlify, Cloudflare Pages) and .htaccess (Apache): the CSP, application/wasm, a
//   year's caching of the hashed files and revalidation of everything else.
// Run by scripts/serve and scripts/test; `node scripts/build-dist.mjs` alone after editing web/.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { cacheControl, contentSecurityPolicyOf, headersForEveryFile } from './site-headers.mjs';
import { prerenderDefaultResults } from './prerender.mjs';
import { writeLanguageParts } from './language-parts.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEB = path.join(ROOT, 'web');
export const DIST = path.join(ROOT, 'dist');
const COMPRESSIBLE = /\.(html|js|css|json|wasm|svg|csv|txt)$/;

export function contentHash(bytes) {
  // Eight characters of base32, like esbuild's own [hash], so one pattern marks every hashed file.
  const digest = crypto.createHash('sha256').update(bytes).digest();
  let bits = 0, value = 0, out = '';
  for (const byte of digest) {
    value = (value << 8) | byte, bits += 8;
    while (bits >= 5 && out.length < 8) out += 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[(value >>> (bits -= 5)) & 31];
  }
  return out;
}

function copy(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}

// wasm/<name>.wasm and wasm/<name>.js become wasm/<name>-<hash>.wasm and wasm/<name>-<hash>.js
// (the loader's hash covers the .wasm's name it now holds). Returns the loaders' new names by
// their old ones.
function hashWasmModules() {
  const renamed = new Map();
  for (const file of fs.readdirSync(path.join(WEB, 'wasm'))) {
    if (!file.endsWith('.wasm')) continue;
    const name = file.slice(0, -'.wasm'.length);
    const wasm = fs.readFileSync(path.join(WEB, 'wasm', file));
    const hashedWasm = `${name}-${contentHash(wasm)}.wasm`;
    fs.writeFileSync(path.join(DIST, 'wasm', hashedWasm), wasm);
    const loaderText = fs.readFileSync(path.join(WEB, 'wasm', `${name}.js`), 'utf8');
    const reference = `"${file}"`;
    if (!loaderText.includes(reference)) throw new Error(`wasm/${name}.js does not name ${file}: the Emscripten loader changed shape`);
    // Minified as the page's own modules are: Emscripten's -Oz keeps the loader's long names
    // without --closure (which needs Java), and esbuild halves it (retention.js: 9.2 KB gzip to 6.9).
    const loader = esbuild.transformSync(loaderText.split(reference).join(`"${hashedWasm}"`),
      { minify: true, format: 'esm', target: 'es2022', legalComments: 'none' }).code;
    const hashedLoader = `${name}-${contentHash(loader)}.js`;
    fs.writeFileSync(path.join(DIST, 'wasm', hashedLoader), loader);
    renamed.set(`${name}.js`, { loader: hashedLoader, wasm: hashedWasm });
  }
  copy(path.join(WEB, 'wasm', 'languages.json'), path.join(DIST, 'wasm', 'languages.json'));
  return renamed;
}

// The modules import '../wasm/<name>.js': each becomes an external import of the hashed loader.
function wasmLoaders(renamed) {
  return {
    name: 'hashed-wasm-loaders',
    setup(build) {
      build.onResolve({ filter: /^\.\.\/wasm\/[a-z-]+\.js$/ }, ({ path: request }) => {
        const entry = renamed.get(path.basename(request));
        if (!entry) throw new Error(`no wasm module for ${request}`);
        return { path: `../wasm/${entry.loader}`, external: true };
      });
    },
  };
}

async function bundle(entryPoints, entryNames, renamed) {
  const result = await esbuild.build({
    entryPoints, entryNames, bundle: true, splitting: true, format: 'esm', minify: true, target: 'es2022',
    chunkNames: 'chunk-[hash]', outdir: path.join(DIST, 'js'), plugins: [wasmLoaders(renamed)], metafile: true,
    legalComments: 'none', logLevel: 'warning', absWorkingDir: ROOT,
  });
  return result.metafile;
}

// The chunks an entry imports statically (not the lazily imported ones): preloaded with it.
function staticImports(metafile, entryOutput) {
  const out = [];
  const visit = (file) => {
    for (const imported of metafile.outputs[file]?.imports ?? []) {
      if (imported.kind !== 'import-statement' || imported.external || out.includes(imported.path)) continue;
      out.push(imported.path);
      visit(imported.path);
    }
  };
  visit(entryOutput);
  return out;
}

// js/prerendered.js and the language choice it shares with the page, bundled into one minified
// classic script with the site's language codes: written into the page's head.
async function prerenderedCheck() {
  const codes = JSON.parse(fs.readFileSync(path.join(WEB, 'wasm', 'languages.json'), 'utf8')).map((l) => l.code);
  const result = await esbuild.build({
    entryPoints: [path.join(WEB, 'js', 'prerendered.js')], bundle: true, format: 'iife', minify: true, target: 'es2022',
    write: false, logLevel: 'warning',
    plugins: [{ name: 'site-languages', setup(build) {
      build.onLoad({ filter: /prerendered\.js$/ }, (args) => {
        const source = fs.readFileSync(args.path, 'utf8');
        if (!source.includes("['LANGUAGES']")) throw new Error("web/js/prerendered.js no longer holds ['LANGUAGES']");
        return { contents: source.replace("['LANGUAGES']", JSON.stringify(codes)), loader: 'js' };
      });
    } }],
  });
  return result.outputFiles[0].text.trim();
}

const sha256 = (text) => crypto.createHash('sha256').update(text).digest('base64');

// The markup's indentation dropped (a third of a KB of gzip), except inside <pre> and <textarea>,
// where a line's leading blanks are content.
export function withoutIndentation(html) {
  return html.split(/(<(?:pre|textarea)\b[\s\S]*?<\/(?:pre|textarea)>)/).map((part, i) => (i % 2 ? part : part.replace(/\n[ \t]+/g, '\n'))).join('');
}

async function writeIndex(pageOutput, preloadedChunks, renamed) {
  const html = withoutIndentation(await prerenderDefaultResults(fs.readFileSync(path.join(WEB, 'index.html'), 'utf8')));
  const stylesheet = '<link rel="stylesheet" href="style.css">';
  if (!html.includes(stylesheet)) throw new Error(`web/index.html no longer holds ${stylesheet}`);
  const script = '<script type="module" src="js/page.js"></script>';
  if (!html.includes(script)) throw new Error(`web/index.html no longer holds ${script}`);
  const site = (file) => path.relative(DIST, path.join(ROOT, file)).split(path.sep).join('/');
  const calculator = renamed.get('retention.js');
  // In the order the page needs them; the .wasm and the JSON are fetched (same origin, with
  // credentials: crossorigin) by code that would otherwise start only once the bundle has run.
  const preloads = [
    ...preloadedChunks.map((chunk) => `<link rel="modulepreload" href="${site(chunk)}">`),
    `<link rel="modulepreload" href="wasm/${calculator.loader}">`,
    `<link rel="preload" href="wasm/${calculator.wasm}" as="fetch" type="application/wasm" crossorigin>`,
    '<link rel="preload" href="wasm/languages.json" as="fetch" type="application/json" crossorigin>',
  ];
  // The stylesheet and the head's check are written in: the first paint waits for no other file
  // (on a phone, a round trip less). The check comes first: it decides, before the first paint,
  // whether the build's numbers show, and preloads the visitor's language file. The policy
  // allows exactly these two by their hashes. dist/style.css stays for the element's shadow root.
  // The element reads the calculator's markup from a copy of the page without them: parsed in a
  // blog's page, an inline style would break the blog's own policy.
  fs.writeFileSync(path.join(DIST, 'element.html'), html.replace(script, '').replace(stylesheet, ''));
  const css = fs.readFileSync(path.join(DIST, 'style.css'), 'utf8').trim();
  const check = await prerenderedCheck();
  const meta = /<meta http-equiv="Content-Security-Policy" content="[^"]*">/;
  if (!meta.test(html)) throw new Error('web/index.html no longer holds its Content-Security-Policy meta tag');
  const policy = html.match(meta)[0]
    .replace("script-src 'self'", `script-src 'self' 'sha256-${sha256(check)}'`)
    .replace("style-src 'self'", `style-src 'self' 'sha256-${sha256(css)}'`);
  fs.writeFileSync(path.join(DIST, 'index.html'), html.replace(meta, policy)
    .replace(stylesheet, `<script>${check}</script>\n<style>${css}</style>`)
    .replace(script, [`<script type="module" src="${site(pageOutput)}"></script>`, ...preloads].join('\n')));
}

function writeHostHeaders() {
  const every = Object.entries(headersForEveryFile(contentSecurityPolicyOf(fs.readFileSync(path.join(DIST, 'index.html'), 'utf8'))));
  const files = listFiles(DIST).filter((f) => !/\.(br|gz)$/.test(f) && !f.startsWith('.') && f !== '_headers');
  // Netlify and Cloudflare Pages combine the blocks that match a path: each file is named once
  // with its caching, so no two blocks set Cache-Control for the same path.
  const netlify = ['# Netlify and Cloudflare Pages: headers by path (written by scripts/build-dist.mjs).',
    '/*', ...every.map(([name, value]) => `  ${name}: ${value}`), '/wasm/*.wasm', '  Content-Type: application/wasm'];
  for (const file of files) netlify.push(`/${file === 'index.html' ? '' : file}`, `  Cache-Control: ${cacheControl(file)}`);
  netlify.push('/index.html', '  Cache-Control: no-cache');
  fs.writeFileSync(path.join(DIST, '_headers'), `${netlify.join('\n')}\n`);
  // Apache's recipe for precompressed files (mod_rewrite, mod_headers, mod_mime).
  const types = { js: 'text/javascript', css: 'text/css', wasm: 'application/wasm', json: 'application/json', html: 'text/html' };
  const apache = ['# Apache (mod_rewrite, mod_headers, mod_mime): written by scripts/build-dist.mjs.',
    'AddType application/wasm .wasm', 'AddType text/javascript .js',
    ...every.map(([name, value]) => `Header always set ${name} "${value.replaceAll('"', '\\"')}"`),
    'Header set Cache-Control "no-cache"',
    '<FilesMatch "-[A-Z2-7]{8}\\.(js|css|wasm)(\\.br|\\.gz)?$">',
    '  Header set Cache-Control "public, max-age=31536000, immutable"', '</FilesMatch>',
    '# The .br or .gz beside a file, to a browser that accepts it.', 'RewriteEngine On'];
  for (const [suffix, encoding] of [['br', 'br'], ['gz', 'gzip']]) {
    apache.push(`RewriteCond "%{HTTP:Accept-Encoding}" "${encoding}"`, `RewriteCond "%{REQUEST_FILENAME}\\.${suffix}" "-s"`,
      `RewriteRule "^(.*)\\.(js|css|wasm|json|html)$" "$1\\.$2\\.${suffix}" [QSA]`);
    for (const [extension, type] of Object.entries(types)) {
      apache.push(`RewriteRule "\\.${extension}\\.${suffix}$" "-" [T=${type},E=no-gzip:1,E=no-brotli:1]`);
    }
    apache.push(`<FilesMatch "\\.${suffix}$">`, `  Header append Content-Encoding ${encoding}`, '  Header append Vary Accept-Encoding', '</FilesMatch>');
  }
  fs.writeFileSync(path.join(DIST, '.htaccess'), `${apache.join('\n')}\n`);
}

// Every file under `folder`, relative, with / separators.
export function listFiles(folder) {
  const out = [];
  const walk = (relative) => {
    for (const entry of fs.readdirSync(path.join(folder, relative), { withFileTypes: true })) {
      const name = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(name);
      else out.push(name);
    }
  };
  walk('');
  return out.sort();
}

function precompress() {
  for (const file of listFiles(DIST).filter((f) => COMPRESSIBLE.test(f))) {
    const bytes = fs.readFileSync(path.join(DIST, file));
    // memLevel 9 (zlib's default is 8): a larger match state, 0.15 KB less on a first visit.
    const gzip = zlib.gzipSync(bytes, { level: 9, memLevel: 9 });
    const brotli = zlib.brotliCompressSync(bytes, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    });
    // Only where it is smaller: a server would otherwise send more than the file itself.
    if (gzip.length < bytes.length) fs.writeFileSync(path.join(DIST, `${file}.gz`), gzip);
    if (brotli.length < bytes.length) fs.writeFileSync(path.join(DIST, `${file}.br`), brotli);
  }
}

export async function buildDist() {
  if (!fs.existsSync(path.join(WEB, 'wasm', 'retention.wasm'))) throw new Error('web/wasm/ is empty: build the wasm modules first (scripts/serve does)');
  fs.rmSync(DIST, { recursive: true, force: true });
  fs.mkdirSync(path.join(DIST, 'wasm'), { recursive: true });
  const renamed = hashWasmModules();
  const page = await bundle({ page: path.join(WEB, 'js', 'page.js') }, '[name]-[hash]', renamed);
  const pageOutput = Object.keys(page.outputs).find((file) => page.outputs[file].entryPoint === 'web/js/page.js');
  // The workers (module-worker.js is the page's helper that starts them, not one).
  const workers = fs.readdirSync(path.join(WEB, 'js')).filter((f) => f.endsWith('-worker.js') && f !== 'module-worker.js');
  await bundle(Object.fromEntries([['element', path.join(WEB, 'js', 'element.js')],
    ...workers.map((f) => [f.slice(0, -3), path.join(WEB, 'js', f)])]), '[name]', renamed);
  // A classic script for the host page of an iframe: minified, not bundled.
  await esbuild.build({ entryPoints: [path.join(WEB, 'js', 'iframe-resizer.js')], outdir: path.join(DIST, 'js'), minify: true, logLevel: 'warning' });
  await esbuild.build({ entryPoints: [path.join(WEB, 'style.css')], outdir: DIST, minify: true, logLevel: 'warning' });
  // Each language as two files: the calculator's strings and the analyst panels' (scripts/language-parts.mjs).
  writeLanguageParts(path.join(WEB, 'i18n'), path.join(DIST, 'i18n'));
  await writeIndex(pageOutput, staticImports(page, pageOutput), renamed);
  writeHostHeaders();
  precompress();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await buildDist();
  console.error(`==> dist/ written in ${Math.round(performance.now() - started)} ms`);
}
