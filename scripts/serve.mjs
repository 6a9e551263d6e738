// A static file server for web/ bound to 127.0.0.1, with the same strict CSP the page declares
// and application/wasm for streaming compilation. No dependencies: Node's http module.
// Every request is answered and none can stop it: a request target that is not a plain path
// inside the site (bad percent-encoding, NUL, encoded separators, `..` out of the folder, a
// symlink leading out) gets 400 or 403 before the file system is asked anything.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { fileURLToPath } from 'node:url';

const SITE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'web');
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json', '.png': 'image/png',
  '.svg': 'image/svg+xml', '.csv': 'text/csv',
};
// The policy name is the one web/js/module-worker.js creates: the only way to start a worker.
export const TRUSTED_TYPES_POLICY = 'retention-calculator-worker';
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors *; " +
  `require-trusted-types-for 'script'; trusted-types ${TRUSTED_TYPES_POLICY}`;
const COMMON_HEADERS = { 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff' };

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

// `extra` maps URL prefixes (ending in "/") to folders: the tests serve their pages beside the
// site.
export function startServer(port = 0, host = '127.0.0.1', extra = {}) {
  const folders = [...Object.entries(extra), ['/', SITE_ROOT]].map(([prefix, folder]) => ({ prefix, base: path.resolve(folder) }));
  // Folders are resolved once (they may be symlinks themselves, e.g. the system's temp folder).
  const realBases = new Map(folders.map(({ base }) => [base, fs.promises.realpath(base).catch(() => base)]));

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
    response.writeHead(200, {
      ...COMMON_HEADERS,
      'Content-Type': found.type,
      'Content-Length': size,
      // Blogs on other origins load the element's module scripts, JSON, CSS and wasm: allowed on
      // purpose (README "Embedding"). The site holds only public files and reads no cookies.
      'Access-Control-Allow-Origin': '*',
      // The element's stylesheet is a no-cors load: a blog that sends Cross-Origin-Embedder-Policy:
      // require-corp would block it without this. Public files, so nothing is exposed by it.
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Cache-Control': 'no-cache',
    });
    if (request.method === 'HEAD') { await handle.close(); response.end(); return; }
    // A client that goes away mid-file ends the stream (which closes the file); nothing to report.
    pipeline(handle.createReadStream(), response, (error) => { if (error) response.destroy(); });
  }

  const server = http.createServer((request, response) => {
    request.on('error', () => response.destroy());
    response.on('error', () => {});
    answer(request, response).catch(() => refuse(response, { status: 500, text: 'Internal error' }));
  });
  // Requests Node's parser refuses (a 1 MB URL, an unknown method, garbage) still get an answer.
  server.on('clientError', (error, socket) => {
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
