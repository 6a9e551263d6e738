// The size budget: everything the page can load, gzipped, stays under 150 KB, so a regression
// fails the test command (scripts/bench prints the measured transfer beside the budget).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ROOT } from '../support/wasm-module.mjs';

const BUDGET_BYTES = 150 * 1024;

function filesUnder(folder) {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

test('the site gzips to under 150 KB', () => {
  const files = filesUnder(path.join(ROOT, 'web'));
  assert.ok(files.some((f) => f.endsWith('retention.wasm')), 'the wasm module is built');
  let total = 0;
  const sizes = [];
  for (const file of files) {
    const size = zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
    total += size;
    sizes.push(`${path.relative(ROOT, file)} ${(size / 1024).toFixed(1)} KB`);
  }
  assert.ok(total <= BUDGET_BYTES, `${(total / 1024).toFixed(1)} KB gzip is over the budget: ${sizes.join(', ')}`);
});
