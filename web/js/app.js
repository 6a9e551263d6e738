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
import { LANGUAGE_SETTING, storedLanguage } from './language-choice.js';
import { wireScenarioSharing } from './scenario-sharing.js';
import { startModuleWorker } from './module-worker.js';
import { AnalysisSettings } from './analysis-settings.js';
import {
  renderAcquisitionMetrics, renderCards, renderFormula, renderProjection, renderProjectionTable,
  renderScenarioTable, renderTornado,
} from './results.js';


// The headline CLV's band's view (clv-band.js), loaded when a scenario first has a band.
/** @type {Promise<typeof import('./clv-band.js')> | undefined} */
let clvBand;

// Runs one calculator inside `root` (the document for the page, a shadow root for an embedded
// element). `options.useLocation`: read and write the share link in the page's URL.
// `options.initialScenario`: changes over the defaults to start from (embed configuration).
// `options.notice`: a page string to show once started. `options.language`: a language code
// asked for by the host (attribute or ?lang=); else the reader's last choice, then the browser's.
export async function startCalculator(root, { useLocation = true, initialScenario = null, notice = null, language = null } = {}) {
  captureEnglish(root);
  const languages = await availableLanguages();
  const page = new CalculatorPage(root, languages, await loadLanguage(pickLanguage(languages, [language, storedLanguage(), ...navigator.languages])));
  try {
    page.calculator = await loadCalculator();
  } catch (error) {
    page.$('#status').textContent = page.language.t('status.no_wasm', { error: error?.message ?? error });
    return;
  }
  page.build();
  wireScenarioSharing(page, { useLocation });
  page.start(useLocation ? new URLSearchParams(window.location.hash.slice(1)).get('s') : null, initialScenario);
  if (notice) page.$('#import-status').textContent = page.language.t(notice);
}

class CalculatorPage {
  constructor(root, languages, language) {
    this.root = root;
    this.language = language;
    this.lastGood = null;  // {json, result}
    /** @type {import('../wasm/retention.js').RetentionModule} */
    this.calculator = null;  // set once the module has loaded
    /** @type {ReturnType<import('../wasm/retention.js').RetentionModule['messageTemplates']>} */
    this.templates = null;  // asked for on first use
    this.languageChoice = 0;
    const select = this.$('#language');
    select.replaceChildren(...languages.map((l) => {
      const option = new Option(l.name, l.code);
      option.lang = l.code;  // each name in its own language, read by a screen reader as such
      return option;
    }));
    select.addEventListener('change', () => this.chooseLanguage(select.value));
    this.showLanguage();
  }

  $(selector) { return this.root.querySelector(selector); }

  // Sets the language on the page (or the embedded element), its direction, and every string.
  showLanguage() {
    this.$('#language').value = this.language.code;
    const target = this.root === document ? document.documentElement : this.root.querySelector('.calculator') ?? this.root.firstElementChild;
    target.lang = this.language.code;
    target.dir = this.language.dir;
    translateMarkup(this.root, this.language);
  }

  // The form, the scenario editor and the optional analyst panels (an embedded calculator may
  // leave them out), each reporting its changes.
  build() {
    const limits = this.limits = this.calculator.limits();
    const toInputs = () => this.$('#inputs').scrollIntoView({ behavior: 'smooth', block: 'start' });
    this.form = new BaselineForm(this.$('#inputs'), this.language);
    this.scenarios = new ScenarioEditor(this.$('#scenario-editors'), this.$('#add-scenario'), this.language, {
      maxScenarios: limits.maxScenarios, maxNameLength: limits.maxScenarioNameLength, onChange: () => this.recompute(),
    });
    this.transactions = this.$('.transactions-panel') && new TransactionsPanel(this.root, this.language, {
      onUseAverages: (values) => { this.form.setValues(values); toInputs(); },
    });
    this.cohorts = this.$('.cohort-panel') && new CohortPanel(this.root, this.language, {
      onUseCurve: (fit) => { this.form.setRetentionCurve(fit); toInputs(); },
    });
    this.planner = this.$('.planner-panel') && new PlannerPanel(this.root, this.language, {
      maxPrograms: limits.maxPrograms, defaults: () => this.calculator.planDefaults(),
      fieldLabel: (key, lang) => this.fieldLabel(key, lang), onChange: () => this.recompute(),
    });
    // The panels' settings (bands' draws and seed, each panel's choices) go into the document.
    this.analysis = this.$('.band-panel') && new AnalysisSettings(this.root, {
      scenario: () => this.lastGood?.result.summary.scenario, onChange: () => this.recompute(),
    });
    this.panels = [this.form, this.scenarios, this.cohorts, this.transactions, this.planner].filter(Boolean);
    this.watchAnalystPanels();

    const projectionDetails = this.$('#projection-table').closest('details');
    const rerender = () => this.lastGood && this.render();
    this.$('#inputs').addEventListener('input', () => this.recompute());
    this.$('#scenario-editors').addEventListener('input', () => this.recompute());
    this.$('#projection-metric').addEventListener('change', rerender);
    this.$('#tornado-measure').addEventListener('change', rerender);
    projectionDetails.addEventListener('toggle', () => projectionDetails.open && rerender());
    new ResizeObserver(rerender).observe(this.$('#projection-chart'));
  }

  // The analyst panels' strings come in a second file (i18n.js loadPanels), asked for when a
  // panel comes within a screen of the viewport, when one is used, or when the scenario needs
  // one at start, whichever is first. The panels get the scenario only once their strings are
  // in (and are busy until then), so they never show a raw key or the markup's English in
  // another language for longer than that file's download.
  watchAnalystPanels() {
    this.analystSections = [...this.root.querySelectorAll('.planner-panel, .band-panel, .cohort-panel, .transactions-panel')];
    this.heldEvents = [];
    // Read from web/ (whole files), every string is already in.
    if (this.analystSections.length === 0 || this.language.hasPanels) return void (this.analystWanted = this.analystReady = true);
    const want = () => this.wantAnalystPanels();
    this.analystObserver = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && want(), { rootMargin: '100% 0px' });
    for (const section of this.analystSections) {
      this.analystObserver.observe(section);
      // Capture phase: before the panel's own handlers see the event.
      for (const type of ['focusin', 'pointerdown']) section.addEventListener(type, want, { capture: true, passive: true });
      for (const type of ['click', 'input', 'change', 'toggle']) section.addEventListener(type, (event) => this.holdUntilStrings(event), { capture: true });
    }
  }

  // What the reader does in a panel before its strings are in (a button pressed, a field typed
  // in or changed, a section opened) reaches the panel once they are, so nothing it writes or
  // names (a cohort called by the language's word for it) misses a string. A click with work of
  // the browser's own (a file chooser, a checkbox, a summary) goes ahead; its change waits.
  holdUntilStrings(event) {
    if (this.analystReady) return;
    this.wantAnalystPanels();
    const { type, target } = event;
    const button = type === 'click' ? target.closest?.('button') : null;
    if (type === 'click' && !button) return;
    event.stopImmediatePropagation();
    this.heldEvents.push(() => (button ? button.click() : target.dispatchEvent(new Event(type, { bubbles: type !== 'toggle' }))));
  }

  wantAnalystPanels() {
    if (this.analystWanted) return;
    this.analystWanted = true;
    this.analystObserver?.disconnect();
    for (const section of this.analystSections) section.setAttribute('aria-busy', 'true');
    this.language.loadPanels().then(() => this.startAnalystPanels());
  }

  // Their strings are in (or could not be read: then the markup's English shows): the panels'
  // markup in the reader's language, anything they drew redrawn, and the scenario shared.
  startAnalystPanels() {
    this.analystReady = true;
    for (const section of this.analystSections) {
      section.setAttribute('aria-busy', 'false');  // the panels say again if they are working
      translateMarkup(section, this.language);
    }
    for (const panel of [this.cohorts, this.transactions, this.planner].filter(Boolean)) panel.setLanguage(this.language);
    if (this.lastGood) this.recompute();  // a program named by its kind before is named in the language now
    for (const replay of this.heldEvents.splice(0)) replay();
  }

  // A baseline field's label in a language (the core's "field.<key>" terms). The templates are
  // asked for once someone plans, not at start-up.
  fieldLabel(key, language) {
    this.templates ??= this.calculator.messageTemplates();
    return language.message({ code: `field.${key}`, args: {}, message: this.templates[`field.${key}`] });
  }

  // The first scenario: a share link's, else the embedder's configuration, else the example (in
  // the reader's language), saying why a link or configuration was not used.
  start(link, initialScenario) {
    const { calculator } = this;
    const fromLink = link === null ? null : calculator.scenarioFromLink({ link });
    const configured = initialScenario === null ? null : calculator.evaluate({ scenario: {
      ...calculator.defaultScenario(), scenarios: [], ...initialScenario, version: this.limits.scenarioVersion } });
    if (fromLink?.ok) return this.load(fromLink.scenario);
    if (configured?.ok) return this.load(configured.summary.scenario);
    const example = calculator.defaultScenario();
    this.load({ ...example, scenarios: (example.scenarios ?? []).map((s, i) => ({ ...s, name: i === 0 ? this.language.t('scenario.example') : s.name })) });
    const problem = fromLink ?? configured;
    if (problem) this.describeErrorsWhenReady(problem.errors, (text) => { this.$('#import-status').textContent = text; });
  }

  load(scenario) {
    if (scenario.plan) this.wantAnalystPanels();  // the planner shows it at once
    this.form.fill(scenario);
    this.scenarios.set(scenario.scenarios ?? []);
    this.planner?.fill(scenario.plan);
    this.analysis?.fill(scenario.analysis);
    this.recompute();
  }

  readDocument() {
    const plan = this.planner?.read();
    const analysis = this.analysis?.read(this.language);
    return { version: this.limits.scenarioVersion, ...this.form.read(), scenarios: this.scenarios.read(), ...(plan ? { plan } : {}),
      ...(analysis ? { analysis } : {}) };
  }

  recompute() {
    const json = JSON.stringify(this.readDocument());
    const result = this.calculator.evaluate({ scenario: json });
    this.showStale(!result.ok);
    if (!result.ok) return this.showErrors(result.errors);
    this.form.clearErrors();
    this.scenarios.showErrors([]);
    this.analysis?.clearErrors();
    this.$('#error-summary').hidden = true;
    const first = this.lastGood === null;
    this.lastGood = { json, result };
    this.render();
    this.shareScenario(json, result.summary);
    if (first) {
      performance.mark('first-result');
      document.documentElement.classList.remove('awaiting-results');  // the build's numbers, if hidden, are replaced now
    }
    // The headline CLV's band, when a fitted curve with its covariance gives it (clv-band.js and
    // the cohort module load only then), asked for once the result is on screen.
    if (result.summary.scenario.retention_curve?.log_covariance || clvBand) {
      (clvBand ??= import('./clv-band.js')).then((band) => band.showClvBand(this, makeFormat, startModuleWorker));
    }
  }

  // The panels that build on the scenario get each good one.
  shareScenario(json, summary) {
    const scenario = summary.scenario;
    const funnelCac = scenario.plan?.funnel?.use_for_cac ? summary.results[0].assumptions.cac : null;
    this.form.showCacFromFunnel(funnelCac === null ? null : makeFormat(scenario.currency, scenario.period, this.language).money(funnelCac));
    if (!this.analystReady) return;
    this.cohorts?.setScenario(json, scenario);
    this.planner?.setScenario(json, scenario);
    this.transactions?.setScenario(scenario);
  }

  showStale(stale) {
    this.$('#result-views').classList.toggle('stale', stale);
    this.$('.mini-summary').classList.toggle('stale', stale);
    this.$('#status').textContent = stale ? this.language.t('status.stale') : '';
  }

  describeErrors(errors) {
    return errors.map((e) => this.language.message(e)).join(' ');
  }

  // Describes the errors at once when the language has their words, else (a plan's faults, in
  // the panels' part) once the panels' strings are in; resolves with the text too.
  /** @param {Array<{code: string}>} errors @param {(text: string) => unknown} [show] */
  describeErrorsWhenReady(errors, show = (text) => text) {
    if (this.language.hasMessages(errors)) return Promise.resolve(show(this.describeErrors(errors)));
    return this.language.loadPanels().then(() => show(this.describeErrors(errors)));
  }

  showErrors(errors) {
    // A plan's faults are in the panels' strings: the panels start, and evaluate again, with them.
    if (!this.language.hasMessages(errors)) this.wantAnalystPanels();
    this.form.showErrors(errors);
    this.scenarios.showErrors(errors);
    this.planner?.showErrors(errors);
    this.analysis?.showErrors(errors, this.language);
    const list = document.createElement('ul');
    for (const error of errors) list.append(Object.assign(document.createElement('li'), { textContent: this.language.message(error) }));
    const heading = document.createElement('strong');
    heading.textContent = this.language.t('errors.count', { n: errors.length, count: errors.length });
    const note = document.createElement('p');
    note.textContent = this.lastGood ? this.language.t('errors.last_valid') : '';
    const summary = this.$('#error-summary');
    summary.replaceChildren(heading, list, note);
    summary.hidden = false;
  }

  render() {
    const $ = (selector) => this.$(selector);
    const { projections } = this.lastGood.result;
    // The core names the baseline "Baseline"; the reader sees it in their language.
    const summary = { ...this.lastGood.result.summary };
    summary.results = summary.results.map((r, i) => (i === 0 ? { ...r, name: this.language.t('table.baseline') } : r));
    const projectionChart = $('#projection-chart'), tornadoChart = $('#tornado-chart');
    const projectionWidth = projectionChart.clientWidth, tornadoWidth = tornadoChart.clientWidth;  // before any DOM write
    const f = makeFormat(summary.scenario.currency, summary.scenario.period, this.language);
    const t = (key, params) => this.language.t(key, params);
    for (const word of this.root.querySelectorAll('[data-period-word]')) word.textContent = f.periodWord;
    for (const word of this.root.querySelectorAll('[data-period-word-plural]')) word.textContent = f.periodWordPlural;
    renderCards(this.root, summary, f, t);
    renderAcquisitionMetrics($('#acquisition-metrics'), summary, f, t);
    renderProjection(projectionChart, projectionWidth, $('#projection-legend'), summary, projections, $('#projection-metric').value, f);
    if ($('#projection-table').closest('details').open) renderProjectionTable($('#projection-table'), summary, projections, f, t);
    renderScenarioTable($('#scenario-table'), summary, f, t);
    renderTornado(tornadoChart, tornadoWidth, $('#tornado-table'), summary, $('#tornado-measure').value, f, t);
    renderFormula($('#formula'), summary, f, t);
    this.scenarios.setBaselinePlaceholders(summary.scenario);
  }

  // A new language re-labels everything in place: inputs, results and panels are kept. The last
  // choice wins: a language whose file arrives after the reader chose another is dropped
  // (neither shown nor saved).
  async chooseLanguage(code) {
    const choice = ++this.languageChoice;
    const chosen = await loadLanguage(code);
    if (this.analystWanted) await chosen.loadPanels();
    if (choice !== this.languageChoice) return;
    this.language = chosen;
    try { localStorage.setItem(LANGUAGE_SETTING, chosen.code); } catch { /* private mode */ }
    this.showLanguage();
    if (!this.panels) return;  // the core did not start: only the page's strings change
    for (const panel of this.panels) panel.setLanguage(chosen);
    this.$('#import-status').textContent = '';
    if (this.lastGood) this.recompute();
  }
}
