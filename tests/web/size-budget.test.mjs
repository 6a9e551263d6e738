// Size budgets, so a regression fails the test command (scripts/bench prints the measured
// transfer beside them): what the page loads at first gzips to under 150 KB; the transaction-log
// module, loaded by a worker only when a log is analysed, to under 120 KB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ROOT } from '../support/wasm-module.mjs';

const ON_DEMAND = [/transactions\.(js|wasm)$/, /transactions-worker\.js$/];

function filesUnder(folder) {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

function gzipTotal(files) {
  let total = 0;
  const sizes = [];
  for (const file of files) {
    const size = zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
    total += size;
    sizes.push(`${path.relative(ROOT, file)} ${(size / 1024).toFixed(1)} KB`);
  }
  return { total, sizes: sizes.join(', ') };
}

const files = filesUnder(path.join(ROOT, 'web'));
const onDemand = files.filter((f) => ON_DEMAND.some((pattern) => pattern.test(f)));
const initial = files.filter((f) => !onDemand.includes(f));

test('the page gzips to under 150 KB', () => {
  assert.ok(initial.some((f) => f.endsWith('retention.wasm')), 'the calculator module is built');
  const { total, sizes } = gzipTotal(initial);
  assert.ok(total <= 150 * 1024, `${(total / 1024).toFixed(1)} KB gzip is over the budget: ${sizes}`);
});

test('the transaction-log module gzips to under 120 KB', () => {
  assert.equal(onDemand.length, 3, onDemand.join(', '));
  const { total, sizes } = gzipTotal(onDemand);
  assert.ok(total <= 120 * 1024, `${(total / 1024).toFixed(1)} KB gzip is over the budget: ${sizes}`);
});
