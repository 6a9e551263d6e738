// The page's pure helpers, in Node: how typed text becomes a document value, and that the
// formatters can never show NaN or Infinity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNumberText, makeFormat } from '../../web/js/format.js';
import { niceTicks } from '../../web/js/charts.js';

test('typed text becomes a number, nothing, or the text for the core to refuse', () => {
  const cases = [
    ['5', 5], [' 7 % ', 7], ['-3', -3], ['.5', 0.5], ['1e3', 1000],
    ['1,000', 1000], ['1,250,000.5', 1250000.5],
    ['', undefined], ['   ', undefined],
    ['5,5', '5,5'], ['12,34', '12,34'], ['1,000,0', '1,000,0'], ['abc', 'abc'], ['0x10', '0x10'], ['NaN', 'NaN'],
    ['1e400', Number.MAX_VALUE], ['-1e400', -Number.MAX_VALUE],
    ['۵۰', 50], ['٣٫٥', 3.5], ['১,২০০', 1200], ['５０', 50], ['𝟓𝟎', 50], ['۵x', '۵x'],
  ];
  for (const [typed, expected] of cases) assert.equal(parseNumberText(typed), expected, JSON.stringify(typed));
  assert.equal(parseNumberText('x'.repeat(500)).length, 100, 'long text is cut before it is sent');
});

test('formatters show a dash for anything that is not a finite number', () => {
  const f = makeFormat('USD', 'month');
  for (const bad of [NaN, Infinity, -Infinity, null, undefined, '3']) {
    for (const name of ['money', 'moneyShort', 'count', 'number', 'ratio', 'percent', 'signedPercent', 'signedMoney', 'periods']) {
      assert.equal(f[name](bad), '—', `${name}(${String(bad)})`);
    }
  }
  assert.equal(f.money(660.6914), '$660.69');
  assert.equal(f.money(921882.4), '$921,882');
  assert.equal(f.periods(1), '1 month');
  assert.equal(f.periods(10), '10 months');
  assert.equal(makeFormat('EUR', 'year').periods(2), '2 years');
  assert.equal(f.signedPercent(14.53), '+14.5%');
});

test('chart ticks are round and cover the range', () => {
  assert.deepEqual(niceTicks(0, 2180), [0, 500, 1000, 1500, 2000, 2500]);
  assert.deepEqual(niceTicks(-120, 80, 4), [-150, -100, -50, 0, 50, 100]);
  const flat = niceTicks(5, 5);
  assert.ok(flat[0] < 5 && flat[flat.length - 1] > 5);
});
