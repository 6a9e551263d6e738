// A static file server for web/ bound to 127.0.0.1, with the same strict CSP the page declares
// and application/wasm for streaming compilation. No dependencies: Node's http module.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'web');
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json', '.png': 'image/png',
  '.svg': 'image/svg+xml', '.csv': 'text/csv',
};
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors *";

// `extra` maps URL prefixes to folders (the tests serve their hostile blog page beside the site).
export function startServer(port = 0, host = '127.0.0.1', extra = {}) {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, 'http://localhost');
    const prefix = Object.keys(extra).find((p) => url.pathname.startsWith(p));
    const base = prefix ? extra[prefix] : root;
    const relative = prefix ? url.pathname.slice(prefix.length) : url.pathname;
    let file = path.normalize(path.join(base, decodeURIComponent(relative)));
    if (!file.startsWith(base)) { response.writeHead(403).end('Forbidden'); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (error, body) => {
      if (error) { response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found'); return; }
      response.writeHead(200, {
        'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': CSP,
        'X-Content-Type-Options': 'nosniff',
        // Blogs on other origins load the element's module scripts and wasm: allowed on purpose.
        'Access-Control-Allow-Origin': '*',
        'Cache-Control': 'no-cache',
      });
      response.end(body);
    });
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 8080);
  const server = await startServer(port);
  console.log(`Retention calculator: http://127.0.0.1:${server.address().port}/  (Ctrl+C to stop)`);
}
