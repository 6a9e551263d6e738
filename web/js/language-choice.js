// Which of the site's languages a visitor reads: the first asked-for one the site has (an
// embedding's attribute or ?lang=, then the reader's last choice, then the browser's languages),
// else English. One module for the page and for the head's script (js/prerendered.js), which
// must choose the same language before the page is drawn.
export const LANGUAGE_SETTING = 'retention-calculator-language';

export function storedLanguage() {
  try {
    return localStorage.getItem(LANGUAGE_SETTING);
  } catch {
    return null;  // storage blocked: the browser's languages decide
  }
}

// `codes`: the site's language codes; `requested`: codes or tags ("ur-PK"), most wanted first.
export function chooseLanguage(codes, requested) {
  for (const wanted of requested) {
    if (!wanted) continue;
    const base = String(wanted).toLowerCase().split('-')[0];
    if (codes.includes(base)) return base;
  }
  return 'en';
}
