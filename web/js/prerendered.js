// dist/index.html carries the default scenario's headline numbers, computed by the core at build
// time (scripts/prerender.mjs), so they show at the first paint. They are right only for the
// default scenario in English: when the visitor brings anything else (a shared scenario in the
// link, a language asked for, chosen before, or their browser's), they stay hidden until the
// calculator's own numbers replace them. The build bundles this into a script in the page's head,
// run before the page is drawn, with the site's language codes in place of LANGUAGES. It also
// starts the download of the visitor's language file at once (the page would ask for it only
// after its module and the language list), and only that one: English is not read for Urdu.
import { chooseLanguage, storedLanguage } from './language-choice.js';

const languages = ['LANGUAGES'];
const wanted = chooseLanguage(languages, [new URLSearchParams(window.location.search).get('lang'), storedLanguage(), ...navigator.languages]);
if (wanted !== 'en' || window.location.hash.length > 1) document.documentElement.classList.add('awaiting-results');
const preload = document.createElement('link');
Object.assign(preload, { rel: 'preload', as: 'fetch', type: 'application/json', crossOrigin: 'anonymous', href: `i18n/${wanted}.json` });
document.head.append(preload);
