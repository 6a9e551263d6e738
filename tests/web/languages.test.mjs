// Every language file translates every string: the page's marked-up text (index.html), the
// strings its scripts build (en.json) and every message code of the core (read from the built
// module), with the same {placeholders} as English. Adding a language is adding one file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { nativeReport } from '../support/native-report.mjs';
import { ROOT } from '../support/wasm-module.mjs';

const folder = path.join(ROOT, 'web', 'i18n');
const read = (file) => JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'));
const english = read('en.json');
const html = fs.readFileSync(path.join(ROOT, 'web', 'index.html'), 'utf8');

// Keys of the markup: data-i18n="key" and data-i18n-attr="attribute=key ...".
const markupKeys = new Set([
  ...[...html.matchAll(/data-i18n="([^"]+)"/g)].map((m) => m[1]),
  ...[...html.matchAll(/data-i18n-attr="([^"]+)"/g)].flatMap((m) => m[1].split(/\s+/).map((pair) => pair.split('=')[1])),
]);
const uiKeys = new Set([...markupKeys, ...Object.keys(english.ui)]);
const placeholders = (text) => new Set([...String(text).matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]));
const variants = (value) => (typeof value === 'object' ? Object.values(value) : [value]);
// The plural categories a language's numbers fall into (English: one, other; Arabic: six).
const pluralCategories = (locale) => new Intl.PluralRules(locale).resolvedOptions().pluralCategories;

// A plural entry of a language has a form for each of its locale's categories, and nothing else.
function assertPluralForms(entry, locale, where) {
  assert.ok(entry !== null && typeof entry === 'object', `${where}: counts something, so it needs plural forms`);
  assert.deepEqual(Object.keys(entry).sort(), [...pluralCategories(locale)].sort(), `${where}: plural forms for ${locale}`);
}

// A number placeholder followed by a plural noun: the sentence changes with the count. Limits
// and values beyond a limit ({max}, {minimum}, {got_digits}, {value}, {got}) are never 1.
const COUNTED = /\{(?!max\}|minimum\}|got_digits\}|value\}|got\})[a-z_]+\} (more )?(customers|transactions|rows|points|cohorts|scenarios|counts|periods|purchases|draws|steps|days|weeks|months|years|inputs)\b/;

// Every module's messages, the panels' too (the page's module carries only the calculator's).
const templates = nativeReport(['--messages']);
const files = fs.readdirSync(folder).filter((f) => f.endsWith('.json') && f !== 'en.json');

test('English says every count that may be 1 with plural forms, in the page and in the core', () => {
  const entries = [...Object.entries(english.ui), ...Object.entries(templates)];
  const unpluralised = entries.filter(([, value]) => typeof value === 'string' && COUNTED.test(value)).map(([key]) => key);
  assert.deepEqual(unpluralised, []);
  for (const [key, value] of entries) if (typeof value === 'object') assertPluralForms(value, 'en', `en ${key}`);
});

test('there are languages besides English, among them a right-to-left one', () => {
  assert.ok(files.length >= 3, files.join(', '));
  assert.ok(files.some((f) => read(f).meta.dir === 'rtl'));
});

test('the markup keys and en.json do not overlap, so English has one source per string', () => {
  for (const key of Object.keys(english.ui)) assert.ok(!markupKeys.has(key), key);
});

for (const file of files) {
  const language = read(file);
  test(`${file}: names itself, a valid locale and a direction`, () => {
    assert.ok(language.meta.name && !/^[A-Za-z ]+$/.test(language.meta.name), 'named in its own script');
    assert.doesNotThrow(() => new Intl.NumberFormat(language.meta.locale));
    assert.ok(['ltr', 'rtl'].includes(language.meta.dir));
  });

  test(`${file}: every page string, with English's placeholders and no stray ones`, () => {
    const missing = [...uiKeys].filter((key) => !(key in language.ui));
    assert.deepEqual(missing, [], `missing in ${file}`);
    const extra = Object.keys(language.ui).filter((key) => !uiKeys.has(key));
    assert.deepEqual(extra, [], `not used by the page: ${extra.join(', ')}`);
    for (const key of Object.keys(english.ui)) {
      const wanted = placeholders(variants(english.ui[key]).join(' '));
      for (const text of variants(language.ui[key])) {
        assert.ok(typeof text === 'string' && text.trim().length > 0, `${file} ${key} is empty`);
        for (const name of placeholders(text)) assert.ok(wanted.has(name), `${file} ${key}: unknown {${name}}`);
      }
      if (typeof english.ui[key] === 'object') assertPluralForms(language.ui[key], language.meta.locale, `${file} ${key}`);
    }
  });

  test(`${file}: every core message, with the core's placeholders`, () => {
    const missing = Object.keys(templates).filter((code) => !(code in language.messages));
    assert.deepEqual(missing, [], `messages missing in ${file}`);
    for (const [code, englishTemplate] of Object.entries(templates)) {
      const translated = language.messages[code];
      // Each form uses English's placeholders; all forms together use all of them (a form for
      // one may say "one" instead of {count}).
      assert.deepEqual(placeholders(variants(translated).join(' ')), placeholders(variants(englishTemplate).join(' ')), `${file} ${code}`);
      if (typeof englishTemplate === 'object') assertPluralForms(translated, language.meta.locale, `${file} ${code}`);
    }
  });
}
