// The headers every file of the site is served with: one list for scripts/serve.mjs and for the
// header files scripts/build-dist.mjs writes for static hosts.

// The policy name is the one web/js/module-worker.js creates: the only way to start a worker.
export const TRUSTED_TYPES_POLICY = 'retention-calculator-worker';
// The page's one inline style and one inline script (the head's check; build-dist writes both in,
// so the first paint needs no other file) are allowed by their SHA-256 hashes: no other inline
// code can run or apply.
export function contentSecurityPolicy({ scriptHashes = [], styleHashes = [] } = {}) {
  const hashes = (list) => list.map((hash) => ` 'sha256-${hash}'`).join('');
  return `default-src 'self'; script-src 'self'${hashes(scriptHashes)} 'wasm-unsafe-eval'; style-src 'self'${hashes(styleHashes)}; ` +
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors *; " +
    `require-trusted-types-for 'script'; trusted-types ${TRUSTED_TYPES_POLICY}`;
}
export const CSP = contentSecurityPolicy();

// The policy of a built page: its meta tag names the hashes of its inline style and script.
export function contentSecurityPolicyOf(indexHtml) {
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(indexHtml)?.[1] ?? '';
  const hashesIn = (directive) => [...(new RegExp(`${directive} ([^;]*)`).exec(meta)?.[1] ?? '').matchAll(/'sha256-([A-Za-z0-9+/=]+)'/g)]
    .map((match) => match[1]);
  return contentSecurityPolicy({ scriptHashes: hashesIn('script-src'), styleHashes: hashesIn('style-src') });
}

// The headers every file of the site is served with, under the site's policy.
export function headersForEveryFile(csp = CSP) {
  return { ...HEADERS_FOR_EVERY_FILE, 'Content-Security-Policy': csp };
}

export const HEADERS_FOR_EVERY_FILE = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  // Blogs on other origins load the element's module scripts, JSON, CSS and wasm: allowed on
  // purpose (README "Embedding"). The site holds only public files and reads no cookies.
  'Access-Control-Allow-Origin': '*',
  // The element's stylesheet is a no-cors load: a blog that sends Cross-Origin-Embedder-Policy:
  // require-corp would block it without this. Public files, so nothing is exposed by it.
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

// A file named by its content's hash (esbuild's and build-dist's eight base32 characters): it
// never changes, so it may be cached for a year; everything else is revalidated (ETag).
export const IMMUTABLE_FILE = /-[A-Z2-7]{8}\.(js|css|wasm)$/;

export function cacheControl(pathname) {
  return IMMUTABLE_FILE.test(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache';
}
