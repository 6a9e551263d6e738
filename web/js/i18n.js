// The reader's language. Each language is one file, web/i18n/<code>.json: its name, locale and
// direction, the page's strings ("ui") and the core's messages ("messages", by code). On the
// built site it comes as two (web/js/string-parts.js): the calculator's strings, naming the file
// with the analyst panels' ones, which loadPanels() reads when a panel is about to be used. English
// page text lives in index.html itself (captured before the first translation) and in en.json
// for strings the scripts build; English core messages come rendered from the core.
import { usesDecimalComma } from './format.js';
import { chooseLanguage } from './language-choice.js';

const SITE = new URL('..', import.meta.url);
const files = new Map();  // code -> Promise of the parsed file
const englishStatic = {};  // key -> English template captured from the markup

function fetchJson(url) {
  return fetch(url).then((response) => {
    if (!response.ok) throw new Error(`${url.pathname}: ${response.status}`);
    return response.json();
  });
}

let listing = null;
export function availableLanguages() {
  listing ??= fetchJson(new URL('wasm/languages.json', SITE)).catch(() => [{ code: 'en', name: 'English', dir: 'ltr', locale: 'en' }]);
  return listing;
}

// The first of the requested codes (a setting, then the browser's languages) this site has.
export function pickLanguage(available, requested) {
  return chooseLanguage(available.map((l) => l.code), requested);
}

function loadFile(code) {
  if (!files.has(code)) files.set(code, fetchJson(new URL(`i18n/${code}.json`, SITE)));
  return files.get(code);
}

// Text nodes and period-word spans of marked-up English, as a template: "Revenue per {period}".
function templateOf(node) {
  let text = '';
  for (const child of node.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) text += child.textContent;
    else if (child.hasAttribute?.('data-period-word')) text += '{period}';
    else if (child.hasAttribute?.('data-period-word-plural')) text += '{periods}';
    else text += child.textContent;
  }
  return text.replace(/\s+/g, ' ').trim();
}

// Remembers the markup's English before anything is translated (idempotent per key).
export function captureEnglish(root) {
  for (const node of root.querySelectorAll('[data-i18n]')) englishStatic[node.dataset.i18n] ??= templateOf(node);
  for (const node of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of node.dataset.i18nAttr.split(/\s+/)) {
      const [attribute, key] = pair.split('=');
      englishStatic[key] ??= node.getAttribute(attribute) ?? '';
    }
  }
}

// Only the language's own file is read (each translates every key: tests/web/languages.test.mjs);
// English when it cannot be read.
export async function loadLanguage(code) {
  if (code !== 'en') {
    const data = await loadFile(code).catch(() => null);
    if (data) return makeLanguage(code, data, null);
  }
  const english = await loadFile('en');
  return makeLanguage('en', english, english);
}

// A language from its parsed file (and English's, when read, for the strings built by scripts).
export function makeLanguage(code, data, english) {
  return new Language(code, data, english);
}

class Language {
  constructor(code, data, english) {
    this.code = code;
    this.locale = data.meta.locale;
    this.dir = data.meta.dir;
    this.name = data.meta.name;
    this.fallback = { ...englishStatic, ...english?.ui };
    this.ui = code === 'en' ? this.fallback : { ...data.ui };
    this.messages = code === 'en' ? null : { ...data.messages };
    this.panelsFile = data.panels ?? null;  // null: the file holds every string (web/i18n/)
    this.panelsLoading = null;
    this.panelsLoaded = false;
    // Plural forms follow the count as shown: numbers are shown with up to two decimals.
    this.plural = new Intl.PluralRules(this.locale, { maximumFractionDigits: 2 });
    this.numberFormat = new Intl.NumberFormat(this.locale, { maximumFractionDigits: 6 });
    this.decimalComma = usesDecimalComma(this.locale);  // how number fields are read
    this.numberFormats = new Map();
  }

  // Whether the analyst panels' strings are in (a whole file has them from the start).
  get hasPanels() {
    return this.panelsFile === null || this.panelsLoaded === true;
  }

  // Reads the analyst panels' strings into this language, once; resolves when they are in (or
  // could not be read: the panels then show what the page has, the markup's English).
  loadPanels() {
    if (this.panelsFile === null) return Promise.resolve();
    const name = this.panelsFile.replace(/\.json$/, '');
    this.panelsLoading ??= loadFile(name).then((part) => {
      Object.assign(this.ui, part.ui);
      if (this.messages) Object.assign(this.messages, part.messages);
      this.panelsLoaded = true;
    }, () => {
      files.delete(name);  // asked again, it tries again
      this.panelsLoading = null;
    });
    return this.panelsLoading;
  }

  // Whether this language has words for every one of these core messages and the terms they
  // name (English comes rendered; a plan's faults are in the panels' part).
  hasMessages(list) {
    const known = (code) => this.messages === null || code in this.messages;
    return list.every((m) => known(m.code) && Object.values(m.args ?? {}).every((v) => v === null || typeof v !== 'object' || known(v.term)));
  }

  // A number in this language with Intl options; formatters are built once per options.
  number(value, options = {}) {
    const key = JSON.stringify(options);
    if (!this.numberFormats.has(key)) this.numberFormats.set(key, new Intl.NumberFormat(this.locale, options));
    return this.numberFormats.get(key).format(value);
  }

  // A page string, its {placeholders} filled; a {one, other, …} entry is chosen by params.count.
  t(key, params = {}) {
    return fill(this.form(this.ui[key] ?? this.fallback[key] ?? key, params.count), (name) => params[name]);
  }

  // The plural form of an entry for a count (a plain string has one form).
  form(entry, count) {
    if (typeof entry !== 'object') return entry;
    return entry[this.plural.select(typeof count === 'number' && Number.isFinite(count) ? count : 0)] ?? entry.other;
  }

  // A core message ({code, args, message}) in this language, its plural form chosen by its
  // {count}; English comes rendered.
  message(m) {
    if (!m) return '';
    const template = this.messages?.[m.code];
    if (!template) return m.message ?? '';
    return this.render(template, m.args ?? {}, 0);
  }

  render(template, args, depth) {
    return fill(this.form(template, args.count), (name) => {
      const value = args[name];
      if (value === undefined) return undefined;
      if (value === null) return '—';
      if (typeof value === 'number') return this.dir === 'rtl' ? `\u2066${this.numberFormat.format(value)}\u2069` : this.numberFormat.format(value);
      if (typeof value === 'object') {
        const term = this.messages[value.term];
        return term !== undefined && depth < 2 ? this.render(term, args, depth + 1) : value.term;
      }
      return value;
    });
  }
}

function fill(text, lookup) {
  return text.replace(/\{([a-z_]+)\}/g, (whole, name) => {
    const value = lookup(name);
    return value === undefined ? whole : String(value);
  });
}

// Puts the language into marked-up elements: data-i18n="key" replaces the text (period words
// stay spans the page fills in), data-i18n-attr="aria-label=key placeholder=key" attributes.
export function translateMarkup(root, language) {
  for (const node of root.querySelectorAll('[data-i18n]')) {
    const parts = language.t(node.dataset.i18n).split(/(\{periods?\})/);
    node.replaceChildren(...parts.filter(Boolean).map((part) => {
      if (part !== '{period}' && part !== '{periods}') return document.createTextNode(part);
      const span = document.createElement('span');
      span.setAttribute(part === '{period}' ? 'data-period-word' : 'data-period-word-plural', '');
      return span;
    }));
  }
  for (const node of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of node.dataset.i18nAttr.split(/\s+/)) {
      const [attribute, key] = pair.split('=');
      node.setAttribute(attribute, language.t(key));
    }
  }
}
