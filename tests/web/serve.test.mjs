// scripts/serve.mjs against hostile requests, sent as raw bytes over a socket so that no client
// normalises the path first, and its compression, ETags and caching. The site it serves here is a
// temp dist/ with secrets beside it (a sibling dist2/, the parent folder, symlinks leading out):
// nothing is written beside the real repository.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { startServer } from '../../scripts/serve.mjs';

const SECRET = 'SECRET-do-not-serve-4f1c';
const APP = 'export const app = 1;';
const HASHED = `export const hashed = "${'x'.repeat(200)}";`;
let temp, server, port;

function write(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

before(async () => {
  temp = fs.mkdtempSync(path.join(os.tmpdir(), 'retention-serve-'));
  const site = path.join(temp, 'dist');
  write(path.join(site, 'index.html'), '<!doctype html><title>site</title>SITE-INDEX');
  write(path.join(site, 'js', 'app.js'), APP);
  // A hashed file with its precompressed forms, as scripts/build-dist.mjs writes them.
  write(path.join(site, 'js', 'page-ABCDEF23.js'), HASHED);
  fs.writeFileSync(path.join(site, 'js', 'page-ABCDEF23.js.gz'), zlib.gzipSync(HASHED));
  fs.writeFileSync(path.join(site, 'js', 'page-ABCDEF23.js.br'), zlib.brotliCompressSync(HASHED));
  write(path.join(site, 'sub', 'index.html'), 'SUB-INDEX');
  fs.mkdirSync(path.join(site, 'empty'));
  write(path.join(temp, 'dist2', 'secret.txt'), SECRET);  // a sibling whose name begins like the site's
  write(path.join(temp, 'secret.txt'), SECRET);
  write(path.join(temp, 'blog', 'page.html'), 'BLOG-PAGE');
  write(path.join(temp, 'blog2', 'secret.txt'), SECRET);
  fs.symlinkSync(path.join(temp, 'dist2', 'secret.txt'), path.join(site, 'link-out.txt'));
  fs.symlinkSync(path.join(temp, 'dist2'), path.join(site, 'folder-out'));
  fs.symlinkSync(path.join(site, 'js', 'app.js'), path.join(site, 'link-in.js'));
  execFileSync('mkfifo', [path.join(site, 'pipe.js')]);  // would hang a plain readFile
  server = await startServer(0, '127.0.0.1', { '/blog/': path.join(temp, 'blog') }, { root: site });
  port = server.address().port;
});

after(() => {
  server?.close();
  if (temp) fs.rmSync(temp, { recursive: true, force: true });
});

function dechunk(text) {
  let body = '';
  for (let at = 0; ;) {
    const end = text.indexOf('\r\n', at);
    const size = parseInt(text.slice(at, end), 16);
    if (!(size > 0)) return body;
    body += text.slice(end + 2, end + 2 + size);
    at = end + 2 + size + 2;
  }
}

// Sends `head` (the request line and headers, raw) and returns the status, headers and body.
function send(head, { timeout = 10000 } = {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks = [];
    socket.setTimeout(timeout, () => { socket.destroy(); reject(new Error(`no answer to ${head.slice(0, 60)}`)); });
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const raw = Buffer.concat(chunks).toString('latin1');
      const [top, ...rest] = raw.split('\r\n\r\n');
      const [statusLine, ...headerLines] = top.split('\r\n');
      const headers = Object.fromEntries(headerLines.map((line) => {
        const colon = line.indexOf(':');
        return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
      }));
      let body = rest.join('\r\n\r\n');
      if (headers['transfer-encoding'] === 'chunked') body = dechunk(body);
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body, raw });
    });
    socket.write(head);  // not end(): a half-closed socket may be dropped before an answer that takes a moment
  });
}

const get = (target, method = 'GET', headers = '') =>
  send(`${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}Connection: close\r\n\r\n`);

async function expectStatus(target, status, method = 'GET') {
  const answer = await get(target, method);
  assert.equal(answer.status, status, `${method} ${target}`);
  assert.ok(!answer.raw.includes(SECRET), `${method} ${target} leaked the secret`);
  return answer;
}

/** @type {Array<[string, number]>} */
const REFUSED = [
  // malformed percent-encoding and NUL: 400, never a crash
  ['/%E0%A4%A', 400], ['/%', 400], ['/%zz', 400], ['/js/%E0%A4%A.js', 400], ['/blog/%C0', 400],
  ['/%00', 400], ['/index.html%00.png', 400], ['/blog/%00', 400],
  // encoded separators and backslashes: 400
  ['/..%2fdist2%2fsecret.txt', 400], ['/..%2Fsecret.txt', 400], ['/..%5csecret.txt', 400], ['/..%5Cdist2%5Csecret.txt', 400],
  ['/..\\dist2\\secret.txt', 400], ['/blog/..%2fblog2%2fsecret.txt', 400], ['/%2e%2e%2fsecret.txt', 400],
  // `..`, plain and encoded, out of the site or out of an extra folder: 403
  ['/../secret.txt', 403], ['/../dist2/secret.txt', 403], ['/%2e%2e/secret.txt', 403], ['/%2E%2E/dist2/secret.txt', 403],
  ['/.%2e/dist2/secret.txt', 403], ['/js/../../dist2/secret.txt', 403], ['/blog/../blog2/secret.txt', 403],
  ['/blog/%2e%2e/secret.txt', 403], ['/blog/../../secret.txt', 403],
  // symlinks leading out of the site: 403
  ['/link-out.txt', 403], ['/folder-out/secret.txt', 403],
  // not a path: 400
  ['http://127.0.0.1/index.html', 400], ['*', 400],
  // nothing there, a folder without index.html, not a regular file: 404
  ['/missing.js', 404], ['/empty', 404], ['/empty/', 404], ['/pipe.js', 404], ['/dist2/secret.txt', 404],
];

test('malformed, NUL, encoded separators, .. and symlinks out of the site are refused and leak nothing', async () => {
  for (const [target, status] of REFUSED) await expectStatus(target, status);
});

test('the site and the extra folders serve their files, folders their index.html', async () => {
  const index = await expectStatus('/', 200);
  assert.match(index.body, /SITE-INDEX$/);
  assert.match(index.headers['content-type'], /^text\/html; ?charset=utf-8$/);
  assert.match(index.headers['content-security-policy'], /require-trusted-types-for 'script'; trusted-types retention-calculator-worker/);
  assert.equal(index.headers['x-content-type-options'], 'nosniff');
  assert.equal(index.headers['access-control-allow-origin'], '*');
  assert.equal(index.headers['cross-origin-resource-policy'], 'cross-origin');
  assert.equal((await expectStatus('/js/app.js?v=1#x', 200)).body, APP);
  assert.equal((await expectStatus('/%6As/app.js', 200)).body, APP);  // plain percent-encoding works
  assert.equal((await expectStatus('/link-in.js', 200)).body, APP);  // a symlink inside is fine
  assert.equal((await expectStatus('/sub/', 200)).body, 'SUB-INDEX');
  assert.equal((await expectStatus('/sub', 200)).body, 'SUB-INDEX');
  assert.equal((await expectStatus('/blog/page.html', 200)).body, 'BLOG-PAGE');
});

test('HEAD has the headers and no body; other methods get 405, unknown ones 400', async () => {
  const head = await expectStatus('/index.html', 200, 'HEAD');
  assert.equal(head.body, '');
  assert.equal(head.headers['content-length'], String('<!doctype html><title>site</title>SITE-INDEX'.length));
  for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']) {
    const answer = await expectStatus('/index.html', 405, method);
    assert.equal(answer.headers.allow, 'GET, HEAD');
  }
  await expectStatus('/index.html', 400, 'BREW');  // not HTTP at all: Node's parser refuses it, we still answer
});

test('a 1 MB URL, garbage bytes and a half-sent request get an answer or are dropped, never a crash', async () => {
  const long = await get(`/${'a'.repeat(1 << 20)}`);
  assert.equal(long.status, 431);
  assert.equal((await send('\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03garbage\r\n\r\n')).status, 400);
  assert.equal((await send('GET /\0 HTTP/1.1\r\nHost: x\r\n\r\n')).status, 400);
  // A client that sends half a request and leaves.
  await new Promise((/** @type {(value?: void) => void} */ resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => { socket.write('GET /index.html HTTP/1.1\r\nHo'); socket.destroy(); resolve(); });
  });
});

test('200 parallel requests, good and hostile mixed, are each answered correctly; the server still serves', async () => {
  const cases = Array.from({ length: 200 }, (_, i) => (i % 2 ? REFUSED[i % REFUSED.length] : /** @type {[string, number]} */ (['/js/app.js', 200])));
  const answers = await Promise.all(cases.map(([target]) => get(target)));
  answers.forEach((answer, i) => {
    assert.equal(answer.status, cases[i][1], cases[i][0]);
    assert.ok(!answer.raw.includes(SECRET));
  });
  assert.match((await expectStatus('/', 200)).body, /SITE-INDEX$/);
});

test('a browser that accepts brotli or gzip gets the file compressed beside it, and Vary says so', async () => {
  const brotli = await get('/js/page-ABCDEF23.js', 'GET', 'Accept-Encoding: gzip, deflate, br\r\n');
  assert.equal(brotli.status, 200);
  assert.equal(brotli.headers['content-encoding'], 'br');
  assert.equal(brotli.headers['content-type'], 'text/javascript');
  assert.match(brotli.headers.vary, /Accept-Encoding/);
  assert.equal(zlib.brotliDecompressSync(Buffer.from(brotli.body, 'latin1')).toString(), HASHED);
  const gzip = await get('/js/page-ABCDEF23.js', 'GET', 'Accept-Encoding: gzip\r\n');
  assert.equal(gzip.headers['content-encoding'], 'gzip');
  assert.equal(zlib.gunzipSync(Buffer.from(gzip.body, 'latin1')).toString(), HASHED);
  const plain = await get('/js/page-ABCDEF23.js');
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(plain.body, HASHED);
});

test('hashed files are cached for a year, the rest revalidated by ETag: an unchanged file is a 304', async () => {
  const hashed = await expectStatus('/js/page-ABCDEF23.js', 200);
  assert.equal(hashed.headers['cache-control'], 'public, max-age=31536000, immutable');
  const index = await expectStatus('/', 200);
  assert.equal(index.headers['cache-control'], 'no-cache');
  assert.ok(index.headers.etag, 'an ETag');
  const again = await get('/', 'GET', `If-None-Match: ${index.headers.etag}\r\n`);
  assert.equal(again.status, 304);
  assert.equal(again.body, '');
  assert.equal((await get('/', 'GET', 'If-None-Match: W/"0-0"\r\n')).status, 200);
});

test('a range request, even a reversed one, gets the whole file', async () => {
  for (const range of ['bytes=0-3', 'bytes=5-2', 'bytes=999999-', 'bytes=-']) {
    const answer = await get('/js/app.js', 'GET', `Range: ${range}\r\n`);
    assert.equal(answer.status, 200, range);
    assert.equal(answer.body, APP, range);
  }
  assert.match((await expectStatus('/', 200)).body, /SITE-INDEX$/);
});
