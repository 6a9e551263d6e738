// The scenario leaving the page and coming back: CSV and JSON downloads, a JSON file read back,
// a share link (the scenario in the URL fragment, which never reaches a server) and the code
// that embeds the scenario in a blog. `page` is the running calculator (app.js): its core, its
// last good document and its language.
import { saveFile } from './download.js';

export function wireScenarioSharing(page, { useLocation }) {
  const $ = (selector) => page.$(selector);
  // A panel setting put in by the page (the cohort example's fitted periods) fired no input: the
  // document is read again before it leaves.
  for (const id of ['#export-json', '#share-link', '#embed-this']) $(id).addEventListener('click', () => page.recompute(), { capture: true });
  const status = (text) => { $('#import-status').textContent = text; };

  $('#export-csv').addEventListener('click', () => {
    if (!page.lastGood) return;
    const out = page.calculator.projectionCsv({ scenario: page.lastGood.json });
    if (out.ok) saveFile('retention-projection.csv', out.csv, 'text/csv');
  });
  $('#export-json').addEventListener('click', () => {
    if (!page.lastGood) return;
    saveFile('retention-scenario.json', `${JSON.stringify(page.lastGood.result.summary.scenario, null, 2)}\n`, 'application/json');
  });
  $('#import-json').addEventListener('change', async (event) => {
    const file = event.target.files[0];
    event.target.value = '';
    if (file) status(await readScenarioFile(page, file));
  });
  $('#share-link').addEventListener('click', async () => {
    const url = shareUrl(page, useLocation);
    if (!url) return;
    if (useLocation) history.replaceState(null, '', url);
    $('#share-url').value = url.href;
    $('#share-field').hidden = false;
    $('#share-url').select();
    const copied = await navigator.clipboard?.writeText(url.href).then(() => true, () => false);
    status(page.language.t(copied ? 'share.copied' : 'share.copy_below'));
  });
  $('#embed-this').addEventListener('click', () => {
    const code = embedCode(page);
    if (!code) return;
    $('#embed-element').value = code.element;
    $('#embed-iframe').value = code.iframe;
    $('#embed-code').hidden = false;
  });
}

// Loads a scenario file into the page; what to tell the reader.
async function readScenarioFile(page, file) {
  const t = (key, params) => page.language.t(key, params);
  if (file.size > 1_000_000) return t('import.too_large', { file: file.name, size: Math.round(file.size / 1024) });
  const result = page.calculator.evaluate({ scenario: await file.text() });
  if (!result.ok) return t('import.failed', { file: file.name, errors: await page.describeErrorsWhenReady(result.errors, (text) => text) });
  page.load(result.summary.scenario);
  return t('import.done', { file: file.name });
}

function shareUrl(page, useLocation) {
  const out = page.lastGood && page.calculator.scenarioLink({ scenario: page.lastGood.json });
  if (!out?.ok) return null;
  const url = new URL(useLocation ? window.location.href : new URL('../index.html', import.meta.url));
  url.hash = `s=${out.link}`;
  return url;
}

// Code for a blog: the element with the scenario's changes from the defaults as its attribute,
// or an iframe of this page carrying them in its share link.
function embedCode(page) {
  const out = page.lastGood && page.calculator.scenarioLink({ scenario: page.lastGood.json });
  if (!out?.ok) return null;
  const site = new URL('..', import.meta.url);
  const lang = page.language.code;
  const changes = atob(out.link.slice(out.link.indexOf('.') + 1).replace(/-/g, '+').replace(/_/g, '/'));
  const attribute = new TextDecoder().decode(Uint8Array.from(changes, (c) => c.charCodeAt(0)))
    .replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const title = page.language.t('page.heading').replace(/[&"<>]/g, '');
  return {
    element: `<script type="module" src="${new URL('js/element.js', site)}"></script>\n` +
      `<retention-calculator lang="${lang}" scenario='${attribute}'></retention-calculator>`,
    iframe: `<iframe data-retention-calculator src="${new URL(`index.html?embed&lang=${lang}#s=${out.link}`, site)}" ` +
      `title="${title}" loading="lazy"></iframe>\n<script src="${new URL('js/iframe-resizer.js', site)}"></script>`,
  };
}
