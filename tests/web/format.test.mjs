// The page's pure helpers, in Node: how typed text becomes a document value, and that the
// formatters can never show NaN or Infinity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { parseNumberText, makeFormat, makeDateFormat } from '../../web/js/format.js';
import { makeLanguage } from '../../web/js/i18n.js';
import { ROOT } from '../support/wasm-module.mjs';

const read = (code) => JSON.parse(fs.readFileSync(`${ROOT}/web/i18n/${code}.json`, 'utf8'));
const english = makeLanguage('en', read('en'), read('en'));
const language = (code) => makeLanguage(code, read(code), read('en'));
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
  assert.equal(/** @type {string} */ (parseNumberText('x'.repeat(500))).length, 100, 'long text is cut before it is sent');
});

test('formatters show a dash for anything that is not a finite number', () => {
  const f = makeFormat('USD', 'month', english);
  for (const bad of [NaN, Infinity, -Infinity, null, undefined, '3']) {
    for (const name of ['money', 'moneyShort', 'moneyShort3', 'count', 'number', 'ratio', 'percent', 'signedPercent', 'signedMoney', 'periods']) {
      assert.equal(f[name](bad), '—', `${name}(${String(bad)})`);
    }
  }
  assert.equal(f.money(660.6914), '$660.69');
  assert.equal(f.money(921882.4), '$921,882');
  assert.equal(f.periods(1), '1 month');
  assert.equal(f.periods(10), '10 months');
  assert.equal(makeFormat('EUR', 'year', english).periods(2), '2 years');
  assert.equal(f.signedPercent(14.53), '+14.5%');
  // Axis ticks 20,000 apart around a million stay apart.
  assert.deepEqual([1000000, 1020000, 1040000].map(f.moneyShort3), ['$1M', '$1.02M', '$1.04M']);
});

test('numbers, money and periods are written the way each language writes them', () => {
  const bn = makeFormat('BDT', 'month', language('bn'));
  assert.match(bn.money(1234.5), /^১,২৩৪\.৫০\s?৳$/);
  assert.equal(bn.percent(5.25), '৫.২৫%');
  const hy = makeFormat('AMD', 'year', language('hy'));
  assert.match(hy.number(1234.5), /^1\s?234,5$/u);
  const ur = makeFormat('PKR', 'month', language('ur'));
  assert.ok(!/[A-Za-z]/.test(ur.periods(3)), ur.periods(3));
});

test('in right-to-left text every number keeps its own order, isolated left to right', () => {
  const ur = makeFormat('USD', 'month', language('ur'));
  assert.equal(ur.money(1331.3), '\u2066$1,331.30\u2069');
  assert.match(ur.signedMoney(-42.5), /^\u2066\u200e?-\$42\.50\u2069$/);
  assert.equal(ur.percent(5.25), '\u20665.25%\u2069');
  assert.equal(ur.money(NaN), '\u2014');  // the dash for no value stays bare
  // The period's word stays outside the isolate, so it reads right to left.
  assert.match(ur.periods(3), /^\u20663\u2069 \S+$/u);
  const en = makeFormat('USD', 'month', language('en'));
  assert.equal(en.money(1331.3), '$1,331.30');
  // Pasted back into a field, the isolates and direction marks are invisible and dropped.
  assert.equal(parseNumberText('\u2066\u200e-42.5\u2069'), -42.5);
});

test('a decimal comma is read where the language writes one, and only there', () => {
  assert.equal(parseNumberText('5,5', { decimalComma: true }), 5.5);
  assert.equal(parseNumberText('2.625', { decimalComma: true }), 2.625);
  assert.equal(parseNumberText('1 250,5', { decimalComma: true }), 1250.5);
  assert.equal(parseNumberText('1,2,3', { decimalComma: true }), '1,2,3');
  assert.equal(parseNumberText('5,5'), '5,5');
});

test('chart ticks are round and cover the range', () => {
  assert.deepEqual(niceTicks(0, 2180), [0, 500, 1000, 1500, 2000, 2500]);
  assert.deepEqual(niceTicks(-120, 80, 4), [-150, -100, -50, 0, 50, 100]);
  const flat = niceTicks(5, 5);
  assert.ok(flat[0] < 5 && flat[flat.length - 1] > 5);
});

test('dates keep a four-digit year in every language, the year 1 included', () => {
  assert.equal(makeDateFormat('en')('0001-01-01'), 'Jan 1, 0001');
  assert.equal(makeDateFormat('en')('2024-06-24'), 'Jun 24, 2024');
  for (const locale of ['ur', 'bn', 'hy']) {
    const year = new Intl.NumberFormat(locale, { minimumIntegerDigits: 4, useGrouping: false }).format(1);
    assert.ok(makeDateFormat(locale)('0001-01-01').includes(year), `${locale}: ${makeDateFormat(locale)('0001-01-01')}`);
  }
});
