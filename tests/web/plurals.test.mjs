// Counts read right in every language: the page's strings and the core's messages choose their
// plural form by the count as it is shown (Intl.PluralRules of the language's locale).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { makeLanguage } from '../../web/js/i18n.js';
import { ROOT } from '../support/wasm-module.mjs';

const read = (code) => JSON.parse(fs.readFileSync(path.join(ROOT, 'web', 'i18n', `${code}.json`), 'utf8'));
const english = read('en');
const language = (code) => makeLanguage(code, read(code), english);

test('English: one transaction of one customer, two of two; a count shown as 1 is singular', () => {
  const en = language('en');
  const phrase = (key, n) => en.t(key, { n: String(n), count: n });
  assert.equal(phrase('tx.transactions_count', 1), '1 transaction');
  assert.equal(phrase('tx.transactions_count', 2), '2 transactions');
  assert.equal(phrase('tx.customers_count', 1), '1 customer');
  assert.equal(phrase('tx.customers_count', 0), '0 customers');
  assert.equal(en.t('tx.bad_rows', { bad: '1', read: '1', count: 1 }), '1 of 1 row could not be read:');
  assert.equal(en.t('tx.bad_rows', { bad: '1', read: '40', count: 40 }), '1 of 40 rows could not be read:');
  // Shown with at most two decimals, 1.001 is "1": singular; 1.5 is plural.
  assert.match(en.t('metric.cost_to_keep_value', { keep: 'k', spend: 's', points: '1', count: 1.001 }), /1 point\)$/);
  assert.match(en.t('metric.cost_to_keep_value', { keep: 'k', spend: 's', points: '1.5', count: 1.5 }), /1\.5 points\)$/);
});

test('Urdu: a customer and customers take their own forms; a core message chooses by its count', () => {
  const ur = language('ur');
  assert.equal(ur.t('tx.customers_count', { n: '1', count: 1 }), '1 گاہک');
  assert.equal(ur.t('tx.customers_count', { n: '5', count: 5 }), '5 گاہکوں');
  const start = (count) => ur.message({ code: 'cohort_start_not_positive', args: { cohort: 'A', count } });
  assert.match(start(1), /1\u2069? گاہک سے/);
  assert.match(start(0), /گاہکوں سے/);
});

test('every language fills the import line with both counts and no placeholder left', () => {
  for (const code of ['en', 'ur', 'bn', 'hy']) {
    const l = language(code);
    for (const n of [0, 1, 2, 21, 1000]) {
      const text = l.t('tx.imported', {
        transactions: l.t('tx.transactions_count', { n: String(n), count: n }),
        customers: l.t('tx.customers_count', { n: String(n), count: n }), first: 'A', last: 'B' });
      assert.doesNotMatch(text, /[{}]/, `${code} ${n}: ${text}`);
      assert.equal(text.split(String(n)).length - 1, 2, `${code} ${n}: ${text}`);
    }
  }
});
