// Numbers as a person reads them. Every formatter returns an em dash for a missing or
// non-finite value, so NaN or Infinity can never reach the page.
const DASH = '—';
// Left-to-right isolate and its end: a number or an amount inside right-to-left text keeps its
// own order (without them "$1,331.30" shows as "1,331.30$" and a minus sign moves to the end).
const LRI = '\u2066', PDI = '\u2069';
const isolated = (text) => (text === DASH ? text : `${LRI}${text}${PDI}`);

function finite(value) {
  return typeof value === 'number' && Number.isFinite(value);
}

// Intl formatters are costly to build, and the page re-renders on every keystroke.
const cache = new Map();

// Formatters for one currency, period and language (see i18n.js): numbers, money, percentages
// and period counts as a reader of that language writes them.
export function makeFormat(currency, period, language) {
  const key = `${language.code}|${currency}|${period}`;
  if (!cache.has(key)) cache.set(key, buildFormat(currency, period, language));
  return cache.get(key);
}

function buildFormat(currency, period, language) {
  const locale = language.locale;
  const money2 = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const money0 = new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 });
  const signed2 = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });
  const signed0 = new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0, signDisplay: 'exceptZero' });
  const moneyCompact = new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 });
  const moneyCompact3 = new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumSignificantDigits: 3 });
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const signedCount = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
  const countCompact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const oneDecimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const fixed = new Map();
  const fixedFormat = (digits) => {
    if (!fixed.has(digits)) fixed.set(digits, new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }));
    return fixed.get(digits);
  };
  const unit = period === 'year' ? 'year' : 'month';
  const percents = new Map();
  /** @type {(digits: number, signDisplay?: Intl.NumberFormatOptions['signDisplay']) => Intl.NumberFormat} */
  const percentFormat = (digits, signDisplay = 'auto') => {
    const k = `${digits}|${signDisplay}`;
    if (!percents.has(k)) percents.set(k, new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits, signDisplay }));
    return percents.get(k);
  };

  const rtl = language.dir === 'rtl';
  const formats = {
    periodWord: language.t(`word.${unit}`),
    periodWordPlural: language.t(`word.${unit}s`),
    periodTitle: language.t(`title.${unit}`),
    periods(n) {
      if (!finite(n)) return DASH;
      const shown = decimal.format(n);
      return language.t(`periods.${unit}`, { n: rtl ? isolated(shown) : shown, count: n });
    },
    money(v) {
      if (!finite(v)) return DASH;
      return Math.abs(v) >= 10000 ? money0.format(v) : money2.format(v);
    },
    moneyShort(v) { return finite(v) ? moneyCompact.format(v) : DASH; },
    // Three significant digits, for axes whose ticks differ by less than the compact form shows.
    moneyShort3(v) { return finite(v) ? moneyCompact3.format(v) : DASH; },
    count(v) { return finite(v) ? count.format(v) : DASH; },
    signedCount(v) { return finite(v) ? signedCount.format(v) : DASH; },
    countShort(v) { return finite(v) ? countCompact.format(v) : DASH; },
    number(v) { return finite(v) ? decimal.format(v) : DASH; },
    fixed(v, digits) { return finite(v) ? fixedFormat(digits).format(v) : DASH; },
    ratio(v) { return finite(v) ? oneDecimal.format(v) : DASH; },
    percent(v, digits = 2) { return finite(v) ? percentFormat(digits).format(v / 100) : DASH; },
    signedPercent(v) { return finite(v) ? percentFormat(1, 'exceptZero').format(v / 100) : DASH; },
    signedMoney(v) {
      if (!finite(v)) return DASH;
      return Math.abs(v) >= 10000 ? signed0.format(v) : signed2.format(v);
    },
  };
  if (rtl) {
    for (const [name, format] of Object.entries(formats)) {
      if (typeof format === 'function' && name !== 'periods') formats[name] = (...args) => isolated(format(...args));
    }
  }
  return formats;
}

// Digits of any script (Urdu ۵۰, Bengali ৫০, full-width ５０) as ASCII, and the Arabic decimal
// and thousands separators as "." and ",". Every Unicode digit run is a block of ten starting at
// zero, so a digit's value is its distance from the start of its run, modulo 10.
function asciiDigits(text) {
  return text
    .replace(/\p{Nd}/gu, (digit) => {
      if (digit >= '0' && digit <= '9') return digit;
      const code = digit.codePointAt(0);
      let start = code;
      while (/\p{Nd}/u.test(String.fromCodePoint(start - 1))) start--;
      return String((code - start) % 10);
    })
    .replace(/\u066B/g, '.')
    .replace(/\u066C/g, ',');
}

// A formatter of ISO dates (yyyy-mm-dd) as the locale writes them, with every year in four digits:
// Intl writes the year 1 as "1", so 0001-01-01 in a file would show as a date without a century.
export function makeDateFormat(locale) {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const digits = new Intl.NumberFormat(locale, { minimumIntegerDigits: 4, useGrouping: false });
  return (iso) => {
    const date = new Date(`${iso}T00:00:00Z`);
    if (date.getUTCFullYear() >= 1000) return format.format(date);
    return format.formatToParts(date).map((part) => (part.type === 'year' ? digits.format(date.getUTCFullYear()) : part.value)).join('');
  };
}

// Whether the locale writes decimals with a comma (Intl's own answer, not a list).
export function usesDecimalComma(locale) {
  return new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value === ',';
}

// Text typed into a number field, as the scenario document wants it: a number when it reads
// as one (spaces, a trailing % and properly grouped thousands like 1,250,000 allowed), nothing
// when empty, and the raw text otherwise, so the core's validation names the field and says
// what is allowed. "5,5" is refused rather than guessed: read as 55 it would be silently wrong.
// The second argument says how the reader writes decimals (a Language from i18n.js will do).
export function parseNumberText(text, { decimalComma = false } = {}) {
  const trimmed = String(text).trim();
  // Direction marks and isolates (pasted from right-to-left text) are invisible, so dropped.
  let cleaned = asciiDigits(trimmed).replace(/[\s\u200e\u200f\u2066-\u2069]/g, '').replace(/%$/, '');
  if (cleaned === '') return undefined;
  if (decimalComma) {
    // Where "5,5" is how five and a half is written (Armenian, most of Europe), a lone comma is
    // the decimal mark; a dot stays one too (the page fills fields as 2.625), and thousands are
    // grouped with spaces, which are dropped above.
    if (/^[+-]?\d*,\d*$/.test(cleaned)) cleaned = cleaned.replace(',', '.');
  } else if (/^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(cleaned)) {
    cleaned = cleaned.replace(/,/g, '');
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cleaned)) return trimmed.slice(0, 100);
  const value = Number(cleaned);
  if (Number.isFinite(value)) return value;
  return value > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE;  // out of range: the core says so
}
