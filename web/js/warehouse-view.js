// Orders that live in a warehouse: the core writes the query that summarises them there (for the
// names and dialect the user gives), and reads and fits the compressed summary the query returns,
// in the table worker. Loaded when the user opens the warehouse section. This module only draws.
import { renderTerms, takeChosenFile } from './dom.js';
import { makeFormat } from './format.js';
import { startModuleWorker } from './module-worker.js';
import { calculatorAverages, renderModelComparison } from './model-comparison.js';

const MAX_FILE_BYTES = 200_000_000;
const FIELDS = ['dialect', 'table', 'customer', 'date', 'amount', 'calibration-end', 'unit'];

export class WarehouseView {
  constructor(root, language, { scenario, onUseAverages }) {
    this.$ = (selector) => root.querySelector(selector);
    this.language = language;
    this.scenario = scenario;  // () => the calculator's scenario (currency, margin, discount, period)
    this.onUseAverages = onUseAverages;
    this.worker = startModuleWorker(new URL('./table-worker.js', import.meta.url));
    this.worker.onmessage = ({ data }) => this.receive(data);
    this.worker.onerror = (event) => this.showErrors([{ message: this.language.t('cohort.stopped', { reason: event.message ?? '' }) }]);
    this.latest = { sql: 0, summary: 0 };
    this.file = null;
    this.lastResult = null;
    const end = this.$('#wh-calibration-end');
    if (!end.value) end.value = new Date(Date.now() - 86400000).toISOString().slice(0, 10);  // yesterday: a whole day
    for (const field of FIELDS) this.$(`#wh-${field}`).addEventListener('input', () => this.requestSql());
    // The calibration end and the unit are the summary's too: a summary read already is fitted again.
    for (const field of ['calibration-end', 'unit']) this.$(`#wh-${field}`).addEventListener('input', () => this.file && this.requestSummary());
    this.$('#wh-copy').addEventListener('click', () => navigator.clipboard?.writeText(this.$('#wh-sql').textContent));
    this.$('#wh-use').addEventListener('click', () => this.useAverages());
    this.requestSql();
  }

  query() {
    const value = (field) => this.$(`#wh-${field}`).value.trim();
    return { dialect: value('dialect'), table: value('table'), customer: value('customer'), date: value('date'),
      amount: value('amount'), calibration_end: value('calibration-end'), time_unit: value('unit') };
  }

  send(type, message) {
    this.latest[type] += 1;
    this.worker.postMessage({ type, id: `${type}:${this.latest[type]}`, ...message });
  }

  requestSql() {
    this.send('sql', { options: this.query() });
  }

  async readFile(event) {
    const file = await takeChosenFile(event.target, MAX_FILE_BYTES, this);
    if (!file) return;
    this.file = file;
    this.requestSummary();
  }

  requestSummary() {
    const scenario = this.scenario();
    const { calibration_end, time_unit } = this.query();
    this.send('summary', { bytes: this.file.bytes.slice(), options: {
      calibration_end, time_unit, prediction_units: 52, annual_discount_rate_percent: scenario.annual_discount_rate_percent,
      margin_percent: scenario.gross_margin_percent, calculator_period: scenario.period } });
  }

  receive({ id, result, message }) {
    const [type, number] = id.split(':');
    if (Number(number) !== this.latest[type]) return;  // overtaken by newer input
    if (!result) return this.showErrors([{ message: this.language.t('cohort.stopped', { reason: message }) }]);
    if (!result.ok) return this.showErrors(result.errors);
    this.$('#wh-error').hidden = true;
    if (type === 'sql') {
      this.$('#wh-sql').textContent = result.sql;
      return;
    }
    this.lastResult = result;
    this.render(result.summary);
  }

  showErrors(errors) {
    const box = this.$('#wh-error');
    box.replaceChildren(...errors.map((error) => {
      const line = document.createElement('p');
      line.textContent = this.language.message(error);
      return line;
    }));
    box.hidden = false;
  }

  setLanguage(language) {
    this.language = language;
    if (this.lastResult) this.render(this.lastResult.summary);
  }

  render(summary) {
    const scenario = this.scenario();
    const f = makeFormat(scenario.currency, scenario.period, this.language);
    const t = (key, params) => this.language.t(key, params);
    const { calibration: c, totals, spend } = summary;
    const unit = this.$('#wh-unit').value;
    const next = t(`tx.next_${unit}s`, { n: f.count(c.prediction_units), count: c.prediction_units });
    this.$('#wh-results').hidden = false;
    renderTerms(this.$('#wh-fit'), [
      [t('wh.rows'), f.count(c.rows)],
      [t('wh.customers'), f.count(c.customers)],
      [t('tx.repeat_rate'), f.percent(totals.repeat_rate * 100, 1)],
      [t('tx.gg_parameters'), spend ? [spend.p, spend.q, spend.gamma].map((v) => f.fixed(v, 2)).join(', ') : this.language.message(summary.spend_note)],
      [t('tx.mean_alive'), totals.mean_probability_alive === null ? t('tx.alive_not_estimated') : f.percent(totals.mean_probability_alive * 100, 1)],
      [t('tx.expected_purchases', { next }), f.count(totals.expected_purchases)],
      [t('tx.clv', { next }), `${f.money(totals.mean_clv)} / ${f.money(totals.clv)}`],
    ]);
    renderModelComparison(this.$('#wh-models'), this.$('#wh-choice'), summary, f, this.language);
  }

  useAverages() {
    if (!this.lastResult) return;
    this.onUseAverages(calculatorAverages(this.lastResult.summary));
  }
}
