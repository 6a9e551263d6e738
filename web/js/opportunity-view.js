// Purchases at most once per opportunity (a yearly donation, a season's cruise, an annual event):
// a table of histories read and fitted by BG/BB in the models worker, loaded when the user opens
// the section. This module only draws: the core reads the table, fits, and computes every figure.
import { el, fillTable, renderTerms, takeChosenFile } from './dom.js';
import { makeFormat, parseNumberText } from './format.js';
import { withBand } from './model-comparison.js';
import { startModuleWorker } from './module-worker.js';

const MAX_FILE_BYTES = 50_000_000;
const SHOWN_HISTORIES = 50;

export class OpportunityView {
  constructor(root, language, { scenario, band }) {
    this.$ = (selector) => root.querySelector(selector);
    this.language = language;
    this.scenario = scenario;  // () => the calculator's scenario (currency and number formats)
    this.band = band;  // () => {band_draws, band_seed} of the scenario's analysis settings
    this.worker = startModuleWorker(new URL('./models-worker.js', import.meta.url));
    this.worker.onmessage = ({ data }) => this.receive(data);
    this.worker.onerror = (event) => this.showErrors([{ message: this.language.t('cohort.stopped', { reason: event.message ?? '' }) }]);
    this.latest = 0;
    this.file = null;
    this.lastSummary = null;
    for (const id of ['#bgbb-future', '#bgbb-discount']) this.$(id).addEventListener('input', () => this.file && this.request());
  }

  async readFile(event) {
    const file = await takeChosenFile(event.target, MAX_FILE_BYTES, this);
    if (!file) return;
    this.file = file;
    this.request();
  }

  options() {
    return {
      future_opportunities: parseNumberText(this.$('#bgbb-future').value, this.language),
      discount_rate_percent: parseNumberText(this.$('#bgbb-discount').value, this.language),
      ...this.band(),
    };
  }

  // The scenario's band draws or seed changed: a table read already is fitted again.
  bandChanged() {
    if (this.file) this.request();
  }

  request() {
    this.latest += 1;
    this.$('#bgbb-results').setAttribute('aria-busy', 'true');
    this.worker.postMessage({ type: 'histories', id: this.latest, bytes: this.file.bytes.slice(), options: this.options() });
  }

  receive({ id, result, message }) {
    if (id !== this.latest) return;  // overtaken by newer input
    this.$('#bgbb-results').removeAttribute('aria-busy');
    if (!result) return this.showErrors([{ message: this.language.t('cohort.stopped', { reason: message }) }]);
    // A rejected table or option keeps the last results on screen and says why.
    if (!result.ok) return this.showErrors(result.errors);
    this.$('#bgbb-error').hidden = true;
    this.lastSummary = result.summary;
    this.render(result.summary);
  }

  showErrors(errors) {
    const box = this.$('#bgbb-error');
    box.replaceChildren(...errors.map((error) => el('p', this.language.message(error))));
    box.hidden = false;
  }

  setLanguage(language) {
    this.language = language;
    if (this.lastSummary) this.render(this.lastSummary);
  }

  render(summary) {
    const f = makeFormat(this.scenario().currency, this.scenario().period, this.language);
    const t = (key, params) => this.language.t(key, params);
    const { fit, band } = summary;
    const n = summary.future_opportunities;
    const percent = (v) => f.percent(v * 100, 1);
    this.$('#bgbb-results').hidden = false;
    renderTerms(this.$('#bgbb-fit'), [
      [t('bgbb.customers'), f.count(summary.customers)],
      [t('bgbb.rows'), f.count(summary.histories.length)],
      [t('bgbb.expected', { n: f.count(n), count: n }), withBand(this.language, f.fixed(summary.expected_purchases_total, 1), band?.expected_purchases_total, (v) => f.fixed(v, 1))],
      [t('bgbb.mean_alive'), withBand(this.language, percent(summary.mean_probability_alive), band?.mean_probability_alive, percent)],
      [t('bgbb.new_customer', { n: f.count(n), count: n }), f.fixed(summary.new_customer_expected_purchases.at(-1), 3)],
      [t('bgbb.log_likelihood'), f.fixed(fit.log_likelihood, 1)],
    ]);
    this.$('#bgbb-note').textContent = fit.note ? this.language.message(fit.note) : '';
    const se = fit.standard_errors;
    const row = (name, symbol) => [symbol, f.fixed(fit[name], 4), se ? f.fixed(se[name], 4) : t('bgbb.no_standard_error')];
    fillTable(this.$('#bgbb-parameters'), [t('bgbb.parameter'), t('bgbb.estimate'), t('bgbb.standard_error')],
      [row('alpha', 'α'), row('beta', 'β'), row('gamma', 'γ'), row('delta', 'δ')]);
    this.$('#bgbb-meaning').textContent = t('bgbb.meaning', {
      buy: percent(fit.alpha / (fit.alpha + fit.beta)), drop: percent(fit.gamma / (fit.gamma + fit.delta)) });
    const shown = summary.histories.slice(0, SHOWN_HISTORIES);
    fillTable(this.$('#bgbb-histories'),
      [t('bgbb.x'), t('bgbb.t_x'), t('bgbb.n'), t('bgbb.count'), t('bgbb.alive'), t('bgbb.next', { n: f.count(n), count: n }), t('bgbb.dert')],
      shown.map((h) => [f.count(h.x), f.count(h.t_x), f.count(h.n), f.count(h.count), percent(h.probability_alive),
        f.fixed(h.expected_purchases, 3), f.fixed(h.dert, 3)]));
    this.$('#bgbb-shown').textContent = summary.histories.length > shown.length
      ? t('bgbb.shown', { shown: f.count(shown.length), count: summary.histories.length, total: f.count(summary.histories.length) }) : '';
  }
}
