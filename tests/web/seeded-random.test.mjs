// The test data generator must not repeat itself: a "million-row" log has to be a million rows
// of fresh draws, or the scale tests measure a short pattern read over and over.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';

import { writeTransactionLog } from '../support/generate-log.mjs';
import { seededRandom } from '../support/seeded-random.mjs';

test('ten million draws never repeat the first four in a row, and are uniform', () => {
  const random = seededRandom(12345);
  const first = [random(), random(), random(), random()];
  const window = [...first];
  let sum = 0, below = 0;
  for (let i = 4; i < 10_000_000; i += 1) {
    const value = random();
    assert.ok(value >= 0 && value < 1);
    sum += value;
    if (value < 0.1) below += 1;
    window.shift();
    window.push(value);
    if (window[0] === first[0] && window[1] === first[1] && window[2] === first[2] && window[3] === first[3]) {
      assert.fail(`the sequence repeats after ${i - 3} draws`);
    }
  }
  const n = 10_000_000 - 4;
  // Mean 1/2 with standard error 1/sqrt(12 n) ~ 9e-5; a tenth below 0.1 with error ~ 9.5e-5.
  assert.ok(Math.abs(sum / n - 0.5) < 1e-3, `mean ${sum / n}`);
  assert.ok(Math.abs(below / n - 0.1) < 1e-3, `share below 0.1: ${below / n}`);
});

test('the same seed gives the same stream; another seed another', () => {
  const a = seededRandom(7), b = seededRandom(7), c = seededRandom(8);
  const draws = (r) => Array.from({ length: 8 }, r);
  const fromA = draws(a);
  assert.deepEqual(fromA, draws(b));
  assert.notDeepEqual(fromA, draws(c));
});

test('a generated log of 200,000 rows is made of fresh amounts, not a repeated pattern', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'log-')), 'log.csv');
  const { rows, customers } = writeTransactionLog(file, 200_000);
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n').slice(1);
  assert.equal(lines.length, rows);
  assert.equal(new Set(lines.map((line) => line.split(',')[0])).size, customers);
  // Amounts have cents from about 5.00 to 150.00: ~14,500 values, nearly all of which a
  // fresh stream of 200,000 draws hits; a stream repeating every 16,403 draws hits far fewer
  // distinct (date, amount) pairs than rows.
  const pairs = new Set(lines.map((line) => line.slice(line.indexOf(',') + 1)));
  assert.ok(pairs.size > 0.9 * rows, `${pairs.size} distinct (date, amount) pairs in ${rows} rows`);
  fs.rmSync(path.dirname(file), { recursive: true });
});
