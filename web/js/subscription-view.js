// A subscriptions export (Stripe, Baremetrics) read and counted by the core in its worker: the
// headline numbers, the logo and revenue retention triangles as heat maps with their numbers,
// and the MRR movements. Its survivor table goes to the cohort panel, which fits it.
// This module only draws what the core computed; the cohort panel loads it with the first file.
import { el, fillTable, renderTerms, takeChosenFile } from './dom.js';
import { makeFormat } from './format.js';
import { startModuleWorker } from './module-worker.js';

const MAX_FILE_BYTES = 100_000_000;

export class SubscriptionView {
  constructor(root, language, { onSurvivors, scenario }) {
    this.$ = (selector) => root.querySelector(selector);
    this.language = language;
    this.scenario = scenario;  // () => the calculator's scenario, for the currency when the file has none
    this.onSurvivors = onSurvivors;
    this.worker = null;
    this.latestId = 0;
    this.file = null;  // {name, bytes}: kept so a currency chosen later counts the same file again
    this.lastResult = null;
    this.errorBox = this.$('#subscription-error');
    this.results = this.$('#subscription-results');
    this.currencyField = this.$('#subscription-currency-field');
    this.currency = this.$('#subscription-currency');
    this.currency.addEventListener('change', () => this.request());
    this.columns = this.$('#subscription-columns');
    this.columns.addEventListener('change', () => this.request());
  }

  // A table the core does not recognise: its first row's cells offered for each field, starting
  // from the core's own defaults (customer, start, end, amount in the first four columns).
  offerColumns(file) {
    if (!file || file.export !== 'generic' || !this.columns.hidden) return;
    const header = file.rows[0] ?? [];
    const defaults = { customer: 0, start: 1, end: 2, amount: 3 };
    for (const select of this.columns.querySelectorAll('select')) {
      const options = header.map((cell, n) => {
        const option = el('option', `${this.language.t('tx.column', { n: n + 1 })}: ${cell}`);
        option.value = String(n);
        return option;
      });
      if (select.hasAttribute('data-optional')) {
        const none = el('option', this.language.t('sub.col_none'));
        none.value = '-1';
        options.unshift(none);
      }
      select.replaceChildren(...options);
      select.value = String(defaults[select.dataset.column] ?? -1);
    }
    this.columns.hidden = false;
  }

  mappedColumns() {
    if (this.columns.hidden) return {};
    const mapped = { export: 'generic' };
    for (const select of this.columns.querySelectorAll('select')) mapped[select.dataset.column] = Number(select.value);
    return mapped;
  }

  async readFile(event) {
    const file = await takeChosenFile(event.target, MAX_FILE_BYTES, this);
    if (!file) return;
    this.file = file;
    this.currency.replaceChildren();
    this.currencyField.hidden = true;
    this.columns.hidden = true;
    this.request();
  }

  request() {
    if (!this.file) return;
    if (!this.worker) {
      this.worker = startModuleWorker(new URL('./table-worker.js', import.meta.url));
      this.worker.onmessage = ({ data }) => this.receive(data);
      this.worker.onerror = (event) => this.showErrors([{ message: this.language.t('cohort.stopped', { reason: event.message ?? '' }) }]);
    }
    this.latestId += 1;
    const options = { ...this.mappedColumns(), ...(this.currency.value ? { currency: this.currency.value } : {}) };
    this.worker.postMessage({ type: 'subscriptions', id: this.latestId, bytes: this.file.bytes.slice(), options });
  }

  receive({ id, result, message }) {
    if (id !== this.latestId) return;
    if (!result) return this.showErrors([{ message: this.language.t('cohort.stopped', { reason: message }) }]);
    this.offerColumns(result.file);
    this.offerCurrencies(result.import?.currencies ?? []);
    if (!result.ok) return this.showErrors(result.errors);
    this.errorBox.hidden = true;
    this.lastResult = result;
    this.render(result);
    this.onSurvivors(result.survivor_text);
  }

  // More than one currency: the user chooses (amounts in two currencies are never added up).
  offerCurrencies(currencies) {
    if (currencies.length < 2 || this.currency.options.length > 0) return;
    const choose = el('option', this.language.t('sub.choose_currency'));
    choose.value = '';
    this.currency.replaceChildren(choose, ...currencies.map(({ code, subscriptions }) => {
      const option = el('option', `${code} (${subscriptions})`);
      option.value = code;
      return option;
    }));
    this.currencyField.hidden = false;
  }

  showErrors(errors) {
    const list = el('ul');
    for (const error of errors) list.append(el('li', this.language.message(error)));
    this.errorBox.replaceChildren(el('strong', this.language.t('sub.cannot_count', { file: this.file?.name ?? '' })), list);
    this.errorBox.hidden = false;
    this.results.hidden = true;
  }

  setLanguage(language) {
    this.language = language;
    if (this.lastResult && this.errorBox.hidden) this.render(this.lastResult);
  }

  format(currency) {
    const scenario = this.scenario();
    return makeFormat(/^[A-Z]{3}$/.test(currency) ? currency : scenario.currency, 'month', this.language);
  }

  render({ import: read, cohorts }) {
    const t = (key, params) => this.language.t(key, params);
    const f = this.format(cohorts.currency);
    const percent = (v) => (v === null ? '—' : f.percent(v * 100, 1));
    this.results.hidden = false;
    const bad = read.first_bad_rows.map((row) => t('tx.bad_row', { line: f.count(row.line), reason: this.language.message(row.reason) }));
    renderTerms(this.$('#subscription-read'), [
      [t('sub.read_as'), t(`sub.export_${read.export}`)],
      [t('sub.rows_read'), f.count(read.rows_read)],
      [t('sub.paid_subscriptions'), f.count(read.subscriptions)],
      [t('sub.counted_to'), t('sub.counted_to_value', { month: cohorts.last_month, currency: cohorts.currency || this.scenario().currency })],
      [t('sub.left_out'), t('sub.left_out_value', {
        free: f.count(read.free_rows), never_paid: f.count(read.never_paid_rows), in_trial: f.count(read.in_trial_rows),
        other_currency: f.count(cohorts.other_currency_subscriptions), unfinished: f.count(cohorts.customers_in_unfinished_month) })],
      [t('sub.unreadable'), read.rows_bad === 0 ? f.count(0) : `${f.count(read.rows_bad)}: ${bad.join('; ')}`],
    ]);
    const h = cohorts.headline;
    const window = f.periods(h.window_months);
    renderTerms(this.$('#subscription-headline'), [
      [t('sub.mrr'), f.money(h.mrr)],
      [t('sub.customers'), f.count(h.customers)],
      [t('sub.arpa'), f.money(h.arpa)],
      [t('sub.logo_churn', { window }), percent(h.logo_churn)],
      [t('sub.revenue_churn', { window }), percent(h.revenue_churn)],
      [t('sub.nrr', { window }), percent(h.net_revenue_retention)],
      [t('sub.grr', { window }), percent(h.gross_revenue_retention)],
    ]);
    this.renderTriangle(this.$('#subscription-logo'), cohorts, (c, age) => c.active[age] / c.customers,
      (c, age) => f.count(c.active[age]), [[t('sub.all_cohorts'), cohorts.pooled.logo_retention]], f);
    this.renderTriangle(this.$('#subscription-revenue'), cohorts, (c, age) => (c.starting_mrr > 0 ? c.mrr[age] / c.starting_mrr : 0),
      (c, age) => f.money(c.mrr[age]),
      [[t('sub.pooled_nrr'), cohorts.pooled.net_revenue_retention], [t('sub.pooled_grr'), cohorts.pooled.gross_revenue_retention]], f);
    fillTable(this.$('#subscription-movements'),
      [t('sub.month'), t('sub.new'), t('sub.expansion'), t('sub.contraction'), t('sub.churn'), t('sub.reactivation'), t('sub.mrr_end'), t('sub.customers_end')],
      cohorts.movements.map((m) => [m.month, f.money(m.new), f.money(m.expansion), f.money(m.contraction > 0 ? -m.contraction : 0),
        f.money(m.churn > 0 ? -m.churn : 0),
        f.money(m.reactivation), f.money(m.mrr), f.count(m.customers)]));
  }

  // One row per cohort (its month and size), one column per age; each cell its share as a
  // percentage, shaded by it, with the number behind it as the cell's title. Pooled rows below.
  renderTriangle(table, cohorts, share, number, pooledRows, f) {
    const t = (key, params) => this.language.t(key, params);
    const ages = cohorts.pooled.logo_retention.length;
    const head = el('tr');
    head.append(el('th', t('sub.cohort')), el('th', t('sub.cohort_size')));
    for (let age = 0; age < ages; age++) head.append(el('th', f.count(age)));
    const thead = el('thead');
    thead.append(head);
    const body = el('tbody');
    const shaded = (value, title) => {
      const cell = el('td', f.percent(value * 100, 0), 'heat');
      cell.style.setProperty('--heat', `${Math.round(Math.max(0, Math.min(1, value)) * 100)}%`);
      if (value > 0.6) cell.classList.add('heat-strong');
      if (title) cell.title = title;
      return cell;
    };
    for (const c of cohorts.cohorts) {
      const row = el('tr');
      row.append(el('th', c.month), el('td', f.count(c.customers)));
      for (let age = 0; age < ages; age++) row.append(age < c.active.length ? shaded(share(c, age), number(c, age)) : el('td', ''));
      body.append(row);
    }
    for (const [name, values] of pooledRows) {
      const row = el('tr', undefined, 'pooled');
      row.append(el('th', name), el('td', ''), ...values.map((value) => shaded(value)));
      body.append(row);
    }
    table.replaceChildren(thead, body);
  }
}
