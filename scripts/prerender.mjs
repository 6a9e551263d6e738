// The default scenario's headline numbers, written into dist/index.html at build time so that a
// visitor sees them at the first paint instead of after the module and the wasm have arrived.
// The core computes them (the page's own wasm module, run here in Node) and the page's own
// renderCards words them, in English: the one source of truth stays the core, and an e2e test
// requires the live page to show the same text. They are right only for the default scenario in
// English; js/prerendered.js hides them until the live numbers replace them whenever the visitor
// brings anything else (a shared scenario, another language).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeFormat } from '../web/js/format.js';
import { makeLanguage } from '../web/js/i18n.js';
import { renderCards } from '../web/js/results.js';

const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'web');

const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// What renderCards writes, by selector, for the default scenario.
async function defaultCards() {
  const { default: createRetentionModule } = await import(path.join(WEB, 'wasm', 'retention.js'));
  const core = await createRetentionModule({ wasmBinary: fs.readFileSync(path.join(WEB, 'wasm', 'retention.wasm')) });
  const result = core.evaluate({ scenario: { ...core.defaultScenario(), version: core.limits().scenarioVersion } });
  if (!result.ok) throw new Error(`the default scenario does not evaluate: ${JSON.stringify(result.errors)}`);
  const english = JSON.parse(fs.readFileSync(path.join(WEB, 'i18n', 'en.json'), 'utf8'));
  const language = makeLanguage('en', english, english);
  const { scenario } = result.summary;
  const written = new Map();
  const root = { querySelector: (selector) => ({ set textContent(text) { written.set(selector, text); } }) };
  renderCards(root, result.summary, makeFormat(scenario.currency, scenario.period, language), (key, params) => language.t(key, params));
  return written;
}

// index.html with each card's text in place, marked data-prerendered.
export async function prerenderDefaultResults(html) {
  let out = html;
  for (const [selector, text] of await defaultCards()) {
    const out_ = selector.match(/^\[data-out="([a-z-]+)"\]$/)?.[1];
    if (!out_) continue;  // the card title stays the markup's own (the default is "Customer lifetime value")
    const element = new RegExp(`(<(\\w+)[^>]*) data-out="${out_}"([^>]*)>[^<]*</\\2>`);
    if (!element.test(out)) throw new Error(`index.html has no element for ${selector}`);
    out = out.replace(element, (whole, start, tag, rest) => `${start} data-out="${out_}" data-prerendered${rest}>${escapeHtml(text)}</${tag}>`);
  }
  return out;
}
