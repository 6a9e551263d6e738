// Wires the page: reads the inputs into a scenario document, asks the core to evaluate it on
// every change, and renders the result. A rejected document keeps the last good results on
// screen (dimmed) and marks the fields the core named.
import { loadCalculator } from './calculator.js';
import { BaselineForm } from './baseline-form.js';
import { ScenarioEditor } from './scenario-editor.js';
import { CohortPanel } from './cohort-panel.js';
import { TransactionsPanel } from './transactions-panel.js';
import { PlannerPanel } from './planner-panel.js';
import { makeFormat } from './format.js';
import { availableLanguages, captureEnglish, loadLanguage, pickLanguage, translateMarkup } from './i18n.js';
import { saveFile } from './download.js';
import {
  renderAcquisitionMetrics, renderCards, renderFormula, renderProjection, renderProjectionTable,
  renderScenarioTable, renderTornado,
} from './results.js';

// Runs one calculator inside `root` (the document for the page, a shadow root for an embedded
// element). `options.useLocation`: read and write the share link in the page's URL.
// `options.initialScenario`: changes over the defaults to start from (embed configuration).
// `options.language`: a language code asked for by the host (attribute or ?lang=); else the
// reader's last choice, then the browser's languages.
export async function startCalculator(root, { useLocation = true, initialScenario = null, notice = null, language: asked = null } = {}) {
  const $ = (selector) => root.querySelector(selector);
  const status = $('#status');
  const container = root.querySelector('.calculator') ?? root.firstElementChild;
  captureEnglish(root);
  const languages = await availableLanguages();
  const stored = (() => { try { return localStorage.getItem('retention-calculator-language'); } catch { return null; } })();
  let language = await loadLanguage(pickLanguage(languages, [asked, stored, ...navigator.languages]));
  const languageSelect = $('#language');
  languageSelect.replaceChildren(...languages.map((l) => {
    const option = new Option(l.name, l.code);
    option.lang = l.code;  // each name in its own language, read by a screen reader as such
    return option;
  }));
  showLanguage();

  // Sets the language on the page (or the embedded element), its direction, and every string.
  function showLanguage() {
    languageSelect.value = language.code;
    const target = root === document ? document.documentElement : container;
    target.lang = language.code;
    target.dir = language.dir;
    translateMarkup(root, language);
  }

  let calculator;
  try {
    calculator = await loadCalculator();
  } catch (error) {
    status.textContent = language.t('status.no_wasm', { error: error?.message ?? error });
    return;
  }
  const limits = calculator.limits();
  const form = new BaselineForm($('#inputs'), language);
  const views = $('#result-views');
  const errorSummary = $('#error-summary');
  const miniSummary = $('.mini-summary');
  const projectionDetails = $('#projection-table').closest('details');
  let lastGood = null;  // {json, result}
  // The analyst panels are optional: an embedded calculator may leave them out.
  const transactions = $('.transactions-panel') && new TransactionsPanel(root, language, {
    onUseAverages: (values) => {
      form.setValues(values);
      $('#inputs').scrollIntoView({ behavior: 'smooth', block: 'start' });
    },
  });
  const cohorts = $('.cohort-panel') && new CohortPanel(root, language, {
    onUseCurve: (fit) => {
      form.setRetentionCurve(fit);
      $('#inputs').scrollIntoView({ behavior: 'smooth', block: 'start' });
    },
  });

  const scenarios = new ScenarioEditor($('#scenario-editors'), $('#add-scenario'), language, {
    maxScenarios: limits.maxScenarios,
    maxNameLength: limits.maxScenarioNameLength,
    onChange: () => recompute(),
  });

  // A baseline field's label in the reader's language (the core's "field.<key>" terms). The
  // templates and the planner's defaults are asked for once someone plans, not at start-up.
  let templates = null;
  const fieldLabel = (key, lang) => {
    templates ??= calculator.messageTemplates();
    return lang.message({ code: `field.${key}`, args: {}, message: templates[`field.${key}`] });
  };
  const planner = $('.planner-panel') && new PlannerPanel(root, language, {
    maxPrograms: limits.maxPrograms, defaults: () => calculator.planDefaults(), fieldLabel, onChange: () => recompute(),
  });

  function readDocument() {
    const plan = planner?.read();
    return { version: limits.scenarioVersion, ...form.read(), scenarios: scenarios.read(), ...(plan ? { plan } : {}) };
  }

  function render() {
    const { projections } = lastGood.result;
    // The core names the baseline "Baseline"; the reader sees it in their language.
    const summary = { ...lastGood.result.summary };
    summary.results = summary.results.map((r, i) => (i === 0 ? { ...r, name: language.t('table.baseline') } : r));
    const projectionChart = $('#projection-chart'), tornadoChart = $('#tornado-chart');
    const projectionWidth = projectionChart.clientWidth, tornadoWidth = tornadoChart.clientWidth;  // before any DOM write
    const f = makeFormat(summary.scenario.currency, summary.scenario.period, language);
    const t = (key, params) => language.t(key, params);
    for (const word of root.querySelectorAll('[data-period-word]')) word.textContent = f.periodWord;
    for (const word of root.querySelectorAll('[data-period-word-plural]')) word.textContent = f.periodWordPlural;
    renderCards(root, summary, f, t);
    renderAcquisitionMetrics($('#acquisition-metrics'), summary, f, t);
    renderProjection(projectionChart, projectionWidth, $('#projection-legend'), summary, projections, $('#projection-metric').value, f);
    if (projectionDetails.open) renderProjectionTable($('#projection-table'), summary, projections, f, t);
    renderScenarioTable($('#scenario-table'), summary, f, t);
    renderTornado(tornadoChart, tornadoWidth, $('#tornado-table'), summary, $('#tornado-measure').value, f, t);
    renderFormula($('#formula'), summary, f, t);
    scenarios.setBaselinePlaceholders(summary.scenario);
  }

  function showErrors(errors) {
    form.showErrors(errors);
    scenarios.showErrors(errors);
    planner?.showErrors(errors);
    const list = document.createElement('ul');
    for (const error of errors) list.append(Object.assign(document.createElement('li'), { textContent: language.message(error) }));
    const heading = document.createElement('strong');
    heading.textContent = language.t('errors.count', { n: errors.length, count: errors.length });
    const note = document.createElement('p');
    note.textContent = lastGood ? language.t('errors.last_valid') : '';
    errorSummary.replaceChildren(heading, list, note);
    errorSummary.hidden = false;
  }

  function recompute() {
    const json = JSON.stringify(readDocument());
    const result = calculator.evaluate(json);
    if (!result.ok) {
      showErrors(result.errors);
      views.classList.add('stale');
      miniSummary.classList.add('stale');
      status.textContent = language.t('status.stale');
      return;
    }
    form.clearErrors();
    scenarios.showErrors([]);
    errorSummary.hidden = true;
    views.classList.remove('stale');
    miniSummary.classList.remove('stale');
    const first = lastGood === null;
    lastGood = { json, result };
    render();
    cohorts?.setScenario(json, result.summary.scenario);
    planner?.setScenario(json, result.summary.scenario);
    const funnelCac = result.summary.scenario.plan?.funnel?.use_for_cac ? result.summary.results[0].assumptions.cac : null;
    form.showCacFromFunnel(funnelCac === null ? null : makeFormat(result.summary.scenario.currency, result.summary.scenario.period, language).money(funnelCac));
    transactions?.setScenario(result.summary.scenario);
    status.textContent = '';
    if (first) performance.mark('first-result');
  }

  function load(scenario) {
    form.fill(scenario);
    scenarios.set(scenario.scenarios ?? []);
    planner?.fill(scenario.plan);
    recompute();
  }

  $('#inputs').addEventListener('input', recompute);
  $('#scenario-editors').addEventListener('input', recompute);
  $('#projection-metric').addEventListener('change', () => lastGood && render());
  $('#tornado-measure').addEventListener('change', () => lastGood && render());
  projectionDetails.addEventListener('toggle', () => lastGood && projectionDetails.open && render());
  new ResizeObserver(() => lastGood && render()).observe($('#projection-chart'));

  $('#export-csv').addEventListener('click', () => {
    if (!lastGood) return;
    const out = calculator.projectionCsv(lastGood.json);
    if (out.ok) saveFile('retention-projection.csv', out.csv, 'text/csv');
  });
  $('#export-json').addEventListener('click', () => {
    if (!lastGood) return;
    saveFile('retention-scenario.json', `${JSON.stringify(lastGood.result.summary.scenario, null, 2)}\n`, 'application/json');
  });
  $('#import-json').addEventListener('change', async (event) => {
    const importStatus = $('#import-status');
    const file = event.target.files[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > 1_000_000) {
      importStatus.textContent = language.t('import.too_large', { file: file.name, size: Math.round(file.size / 1024) });
      return;
    }
    const text = await file.text();
    const result = calculator.evaluate(text);
    if (!result.ok) {
      importStatus.textContent = language.t('import.failed', { file: file.name, errors: result.errors.map((e) => language.message(e)).join(' ') });
      return;
    }
    load(result.summary.scenario);
    importStatus.textContent = language.t('import.done', { file: file.name });
  });

  // A share link carries the scenario in the URL fragment (#s=…), which never reaches a server.
  $('#share-link').addEventListener('click', async () => {
    if (!lastGood) return;
    const out = calculator.scenarioLink(lastGood.json);
    if (!out.ok) return;
    const url = new URL(useLocation ? window.location.href : new URL('../index.html', import.meta.url));
    url.hash = `s=${out.link}`;
    if (useLocation) history.replaceState(null, '', url);
    $('#share-url').value = url.href;
    $('#share-field').hidden = false;
    $('#share-url').select();
    const copied = await navigator.clipboard?.writeText(url.href).then(() => true, () => false);
    $('#import-status').textContent = language.t(copied ? 'share.copied' : 'share.copy_below');
  });

  // Code for a blog: the element with the scenario's changes from the defaults as its attribute,
  // or an iframe of this page carrying them in its share link.
  $('#embed-this').addEventListener('click', () => {
    if (!lastGood) return;
    const out = calculator.scenarioLink(lastGood.json);
    if (!out.ok) return;
    const site = new URL('..', import.meta.url);
    const changes = atob(out.link.slice(out.link.indexOf('.') + 1).replace(/-/g, '+').replace(/_/g, '/'));
    const attribute = new TextDecoder().decode(Uint8Array.from(changes, (c) => c.charCodeAt(0)))
      .replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    $('#embed-element').value = `<script type="module" src="${new URL('js/element.js', site)}"></script>\n` +
      `<retention-calculator lang="${language.code}" scenario='${attribute}'></retention-calculator>`;
    $('#embed-iframe').value = `<iframe data-retention-calculator src="${new URL(`index.html?embed&lang=${language.code}#s=${out.link}`, site)}" ` +
      `title="${language.t('page.heading').replace(/[&"<>]/g, '')}" loading="lazy"></iframe>\n<script src="${new URL('js/iframe-resizer.js', site)}"></script>`;
    $('#embed-code').hidden = false;
  });

  const shared = useLocation ? new URLSearchParams(window.location.hash.slice(1)).get('s') : null;
  const fromLink = shared === null ? null : calculator.scenarioFromLink(shared);
  const configured = initialScenario === null ? null
    : calculator.evaluate(JSON.stringify({ ...calculator.defaultScenario(), scenarios: [], ...initialScenario, version: limits.scenarioVersion }));
  if (fromLink?.ok) {
    load(fromLink.scenario);
  } else if (configured?.ok) {
    load(configured.summary.scenario);
  } else {
    // The starting example's scenario is named in the reader's language.
    const example = calculator.defaultScenario();
    load({ ...example, scenarios: (example.scenarios ?? []).map((s, i) => ({ ...s, name: i === 0 ? language.t('scenario.example') : s.name })) });
    const problem = fromLink ?? configured;
    if (problem) $('#import-status').textContent = problem.errors.map((e) => language.message(e)).join(' ');
  }
  if (notice) $('#import-status').textContent = language.t(notice);

  // A new language re-labels everything in place: inputs, results and panels are kept.
  // The last choice wins: a language whose file arrives after the reader chose another is dropped
  // (neither shown nor saved).
  let languageChoice = 0;
  languageSelect.addEventListener('change', async () => {
    const choice = ++languageChoice;
    const chosen = await loadLanguage(languageSelect.value);
    if (choice !== languageChoice) return;
    language = chosen;
    try { localStorage.setItem('retention-calculator-language', language.code); } catch { /* private mode */ }
    showLanguage();
    form.setLanguage(language);
    scenarios.setLanguage(language);
    cohorts?.setLanguage(language);
    transactions?.setLanguage(language);
    planner?.setLanguage(language);
    $('#import-status').textContent = '';
    if (lastGood) recompute();
  });
}
