// Serves the built site, dist/ (scripts/build-dist.mjs), on 127.0.0.1 with the site's headers
// (scripts/site-headers.mjs). sirv sends each file: the .br or .gz beside it when the browser
// accepts one, an ETag and 304 when it is unchanged, and the right MIME type (application/wasm
// for streaming compilation). In front of it, every request target is checked first: one that is
// not a plain path to a regular file inside the folder (bad percent-encoding, NUL, encoded
// separators, `..` out of it, a symlink leading out, a FIFO) gets 400, 403 or 404 before sirv or
// the file system sees it, and no request can stop the server.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import { HEADERS_FOR_EVERY_FILE, cacheControl, contentSecurityPolicyOf, headersForEveryFile } from './site-headers.mjs';

export { CSP, TRUSTED_TYPES_POLICY } from './site-headers.mjs';
export const SITE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
// The test pages mounted beside the site (see `extra`) are sent as they are.
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json', '.png': 'image/png',
  '.svg': 'image/svg+xml', '.csv': 'text/csv',
};
const COMMON_HEADERS = { 'Content-Security-Policy': HEADERS_FOR_EVERY_FILE['Content-Security-Policy'], 'X-Content-Type-Options': 'nosniff' };

class Refusal {
  constructor(status, text) {
    this.status = status;
    this.text = text;
  }
}

// The request target's path as a relative file path, or a Refusal. Works on the raw target (not
// a WHATWG URL, which would fold `%2e%2e` and `\` into `..` and `/` before anything is checked).
function requestedPath(target) {
  if (!target.startsWith('/')) return new Refusal(400, 'Bad request: only a path is accepted');
  const rawPath = target.split(/[?#]/, 1)[0];
  // An encoded separator would let one path segment name another folder; a backslash is a
  // separator on Windows hosts. Neither is in any of the site's URLs.
  if (/%(2f|5c)|\\/i.test(rawPath)) return new Refusal(400, 'Bad request: encoded or backslash separator in the path');
  let decoded;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return new Refusal(400, 'Bad request: malformed percent-encoding in the path');
  }
  if (decoded.includes('\0')) return new Refusal(400, 'Bad request: NUL in the path');
  return decoded;
}

// Whether `file` is `base` or inside it (both absolute, normalised): path.relative, not a string
// prefix, so a sibling folder such as web2/ beside web/ is outside.
function isInside(base, file) {
  const relative = path.relative(base, file);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

// The real file to serve for a decoded path under `base`, or a Refusal. A directory serves its
// index.html (else 404); the real path (symlinks resolved) must stay inside the folder's real path.
async function resolveFile(base, realBase, decoded) {
  let file = path.join(base, decoded);
  if (!isInside(base, file)) return new Refusal(403, 'Forbidden');
  try {
    let stat = await fs.promises.stat(file);
    if (stat.isDirectory()) {
      file = path.join(file, 'index.html');
      stat = await fs.promises.stat(file);
    }
    const real = await fs.promises.realpath(file);
    if (!isInside(realBase, real)) return new Refusal(403, 'Forbidden');
    // Only regular files: a FIFO or device would hang the read or never end.
    if (!stat.isFile()) return new Refusal(404, 'Not found');
    return { file: real, type: TYPES[path.extname(file)] ?? 'application/octet-stream' };
  } catch {
    return new Refusal(404, 'Not found');
  }
}

function refuse(response, { status, text }, extraHeaders = {}) {
  if (response.headersSent) { response.destroy(); return; }
  response.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...extraHeaders });
  response.end(`${text}\n`);
}

// Sends a file of a folder mounted beside the site (the tests' pages), as it is.
async function sendPlain(request, response, found) {
  // One open file for the size and the bytes: a rebuild replacing it meanwhile cannot make
  // them disagree.
  const handle = await fs.promises.open(found.file, 'r');
  let size;
  try {
    size = (await handle.stat()).size;
  } catch (error) {
    await handle.close();
    throw error;
  }
  response.writeHead(200, { ...HEADERS_FOR_EVERY_FILE, 'Content-Type': found.type, 'Content-Length': size, 'Cache-Control': 'no-cache' });
  if (request.method === 'HEAD') { await handle.close(); response.end(); return; }
  // A client that goes away mid-file ends the stream (which closes the file); nothing to report.
  pipeline(handle.createReadStream(), response, (error) => { if (error) response.destroy(); });
}

// `root`: the site's folder (dist/ unless a test says otherwise). `extra` maps URL prefixes
// (ending in "/") to folders: the tests serve their pages beside the site.
export function startServer(port = 0, host = '127.0.0.1', extra = {}, { root = SITE_ROOT } = {}) {
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    throw new Error(`${root} holds no index.html: build the site first (scripts/serve does; or node scripts/build-dist.mjs)`);
  }
  const site = path.resolve(root);
  const folders = [...Object.entries(extra), ['/', site]].map(([prefix, folder]) => ({ prefix, base: path.resolve(folder) }));
  // Folders are resolved once (they may be symlinks themselves, e.g. the system's temp folder).
  const realBases = new Map(folders.map(({ base }) => [base, fs.promises.realpath(base).catch(() => base)]));
  // The site's policy allows its page's inline style and script by their hashes, read from the
  // built page (again after a rebuild).
  let siteHeaders = null, builtAt = null;
  const headersOfSite = () => {
    const modified = fs.statSync(path.join(site, 'index.html'), { throwIfNoEntry: false })?.mtimeMs ?? null;
    if (modified !== builtAt || !siteHeaders) {
      builtAt = modified;
      siteHeaders = headersForEveryFile(contentSecurityPolicyOf(modified === null ? '' : fs.readFileSync(path.join(site, 'index.html'), 'utf8')));
    }
    return siteHeaders;
  };
  // dev: each request stats its file, so a rebuilt dist/ is served at once (its checks are ours,
  // above). No extensions: a path names its file.
  const sendSiteFile = sirv(site, {
    dev: true, etag: true, gzip: true, brotli: true, extensions: ['html'],
    setHeaders(response, pathname) {
      for (const [name, value] of Object.entries(headersOfSite())) response.setHeader(name, value);
      response.setHeader('Cache-Control', cacheControl(pathname));
    },
    onNoMatch: (request, response) => refuse(response, new Refusal(404, 'Not found')),
  });

  async function answer(request, response) {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      refuse(response, { status: 405, text: 'Method not allowed' }, { Allow: 'GET, HEAD' });
      return;
    }
    const decoded = requestedPath(request.url);
    if (decoded instanceof Refusal) { refuse(response, decoded); return; }
    const { prefix, base } = folders.find((f) => decoded.startsWith(f.prefix));
    const found = await resolveFile(base, await realBases.get(base), decoded.slice(prefix.length));
    if (found instanceof Refusal) { refuse(response, found); return; }
    if (base !== site) { await sendPlain(request, response, found); return; }
    // Whole files only: nothing on the site needs a part of one, and sirv would pass a reversed
    // range to the file stream, which throws.
    delete request.headers.range;
    sendSiteFile(request, response);
  }

  const server = http.createServer((request, response) => {
    request.on('error', () => response.destroy());
    response.on('error', () => {});
    answer(request, response).catch(() => refuse(response, { status: 500, text: 'Internal error' }));
  });
  // Requests Node's parser refuses (a 1 MB URL, an unknown method, garbage) still get an answer.
  server.on('clientError', (/** @type {NodeJS.ErrnoException} */ error, socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') { socket.destroy(); return; }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      server.on('error', (error) => console.error(`Server error: ${error.message}`));
      resolve(server);
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 8080);
  try {
    const server = await startServer(port);
    console.log(`Retention calculator: http://127.0.0.1:${server.address().port}/  (Ctrl+C to stop)`);
  } catch (error) {
    console.error(`Cannot serve on port ${port}: ${error.message}`);
    process.exit(1);
  }
}
