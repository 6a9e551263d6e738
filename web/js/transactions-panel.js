// The transaction-log panel: preview and column choice on the page, reading and fitting in a
// worker (progress, cancel), results from the core rendered here.
import { el, renderTerms } from './dom.js';
import { drawBars, drawLineChart, renderLegend, seriesColour } from './charts.js';
import { makeDateFormat, makeFormat, parseNumberText, usesDecimalComma } from './format.js';
import { saveFile } from './download.js';
import { startModuleWorker } from './module-worker.js';
import { calculatorAverages, renderModelComparison, renderPurchaseHeadline, withBand } from './model-comparison.js';
import { bandOf } from './analysis-settings.js';

const UNIT_DAYS = { day: 1, week: 7, month: 365.25 / 12 };

const isoDate = (days) => new Date(days * 86400000).toISOString().slice(0, 10);
const dayNumber = (iso) => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86400000);

export class TransactionsPanel {
  constructor(root, language, { onUseAverages }) {
    this.root = root;
    this.$ = (selector) => root.querySelector(selector);
    this.language = language;
    this.t = (key, params) => this.language.t(key, params);
    this.onUseAverages = onUseAverages;
    this.scenario = null;
    this.worker = null;
    this.file = null;
    this.lastResult = null;
    /** @type {ReturnType<typeof setTimeout> | 0} */
    this.analyseTimer = 0;
    this.$('#tx-file').addEventListener('change', (event) => {
      const file = event.target.files[0];
      event.target.value = '';
      if (file) this.choose(file);
    });
    this.$('#tx-read').addEventListener('click', () => this.read());
    this.$('#tx-export').addEventListener('change', () => this.showExportChoice());
    this.$('#tx-cancel').addEventListener('click', () => this.cancel());
    for (const id of ['#tx-unit', '#tx-calibration-end', '#tx-holdout-end', '#tx-window', '#tx-discount', '#tx-margin', '#tx-model', '#tx-inactive'])
      this.$(id).addEventListener('input', () => this.scheduleAnalysis());
    this.$('#tx-csv').addEventListener('click', () => this.request({ type: 'csv' }));
    this.$('#tx-use').addEventListener('click', () => this.useAverages());
    // The warehouse route loads its view and worker when the user opens it.
    this.warehouse = null;
    this.$('#warehouse').addEventListener('toggle', () => this.$('#warehouse').open && this.warehouseView());
    this.$('#wh-file').addEventListener('change', async (event) => (await this.warehouseView()).readFile(event));
    // Likewise the once-per-opportunity model (BG/BB) and its worker.
    this.opportunities = null;
    this.$('#opportunities').addEventListener('toggle', () => this.$('#opportunities').open && this.opportunityView());
    this.$('#bgbb-file').addEventListener('change', async (event) => (await this.opportunityView()).readFile(event));
  }

  async opportunityView() {
    if (!this.opportunities) {
      const { OpportunityView } = await import('./opportunity-view.js');
      this.opportunities ??= new OpportunityView(this.root, this.language, { scenario: () => this.scenario, band: () => bandOf(this.scenario) });
    }
    return this.opportunities;
  }

  async warehouseView() {
    if (!this.warehouse) {
      const { WarehouseView } = await import('./warehouse-view.js');
      this.warehouse ??= new WarehouseView(this.root, this.language, { scenario: () => this.scenario, onUseAverages: this.onUseAverages });
    }
    return this.warehouse;
  }

  setLanguage(language) {
    this.language = language;
    if (this.preview) this.showPreview(this.preview, { keepChoices: true });
    if (this.file) this.describeFile();
    if (this.imported) this.describeImport();
    if (this.lastResult) this.render(this.lastResult);
    this.warehouse?.setLanguage(language);
    this.opportunities?.setLanguage(language);
  }

  // The calculator's scenario gives the currency, the default margin and discount, and the
  // bands' draws and seed (its analysis settings).
  setScenario(scenario) {
    const periodChanged = this.scenario && this.scenario.period !== scenario.period;
    const bandChanged = this.scenario && JSON.stringify(bandOf(this.scenario)) !== JSON.stringify(bandOf(scenario));
    this.scenario = scenario;
    if (periodChanged || bandChanged) this.scheduleAnalysis();  // the calculator's inputs are per its period
    if (bandChanged) this.opportunities?.bandChanged();
    if (!this.$('#tx-discount').value) this.$('#tx-discount').value = String(scenario.annual_discount_rate_percent);
    if (!this.$('#tx-margin').value) this.$('#tx-margin').value = String(scenario.gross_margin_percent);
  }

  // A fresh worker; the previous one is terminated, which ends its read and frees its memory.
  // A message it had already posted can still arrive afterwards: only the current worker's count.
  startWorker() {
    this.worker?.terminate();
    const worker = startModuleWorker(new URL('./transactions-worker.js', import.meta.url));
    worker.onmessage = ({ data }) => { if (worker === this.worker) this.receive(data); };
    worker.onerror = (event) => { if (worker === this.worker) this.fail(this.t('tx.stopped', { reason: event.message ?? '' })); };
    this.worker = worker;
  }

  // What was read belongs to the worker that read it: when that worker goes, so does the import.
  forgetRead() {
    clearTimeout(this.analyseTimer);
    this.imported = null;
    this.lastResult = null;
    this.readStarted = 0;
    this.$('#tx-results').hidden = true;
  }

  request(message) {
    if (!this.worker) this.startWorker();
    this.worker.postMessage(message);
  }

  // A newer file ends the read of the older one: its results can never show under this name.
  async choose(file) {
    this.file = file;
    this.startWorker();
    this.forgetRead();
    this.$('#tx-setup').hidden = true;  // until this file's own preview has set its columns
    this.$('#tx-decimal-mark').value = 'automatic';  // a mark chosen for the last file says nothing of this one
    this.$('#tx-progress-row').hidden = true;
    this.$('#tx-error').hidden = true;
    this.describeFile();
    // Bytes, not text: the core decodes them (UTF-16, a byte-order mark) as it will the whole file.
    const bytes = new Uint8Array(await file.slice(0, 65536).arrayBuffer());
    if (this.file === file) this.request({ type: 'preview', bytes, complete: file.size <= 65536 });  // else a newer file was chosen meanwhile
  }

  describeFile() {
    // In MB as the readers' limits are (10^6 bytes); two significant digits below 1 MB, not "0.0".
    const megabytes = this.file.size / 1e6;
    const size = this.language.number(megabytes, megabytes < 1 ? { maximumSignificantDigits: 2 } : { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    this.$('#tx-file-name').textContent = this.t('tx.file', { file: this.file.name, size });
  }

  showPreview(preview, { keepChoices = false } = {}) {
    this.preview = preview;
    const chosen = keepChoices && ['#tx-customer', '#tx-date', '#tx-amount'].map((id) => this.$(id).value);
    const rows = preview.rows;
    const width = Math.max(0, ...rows.map((r) => r.length));
    const body = el('tbody');
    for (const row of rows) {
      const tr = el('tr');
      for (let c = 0; c < width; c++) tr.append(el('td', row[c] ?? ''));
      body.append(tr);
    }
    const head = el('thead');
    const headRow = el('tr');
    for (let c = 0; c < width; c++) headRow.append(el('th', this.t('tx.column', { n: c + 1 })));
    head.append(headRow);
    this.$('#tx-preview').replaceChildren(head, body);
    // A first guess the user can change: the date column is the one whose cells look like dates;
    // the amount is the last other column that is mostly numbers, preferring one with decimals;
    // the customer id is the first column that is neither.
    const isDate = (cell) => /^\d{8}$|^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/.test(cell);
    const dataRows = rows.filter((row) => row.some(isDate));
    const sample = dataRows[0] ?? rows[0] ?? [];
    const date = Math.max(0, sample.findIndex(isDate));
    const share = (c, pattern) => dataRows.filter((row) => pattern.test(row[c] ?? '')).length / Math.max(1, dataRows.length);
    let amount = -1, amountHasDecimals = false;
    for (let c = 0; c < width; c++) {
      if (c === date || share(c, /^-?\$?[\d,]*\.?\d+$/) < 0.5) continue;
      const decimals = share(c, /\.\d/) > 0;
      if (decimals || !amountHasDecimals) amount = c, amountHasDecimals = decimals;
    }
    const customer = [...Array(width).keys()].find((c) => c !== date && c !== amount) ?? 0;
    const options = (select, chosen, withNone) => {
      select.replaceChildren(...(withNone ? [new Option(this.t('tx.no_amount'), '-1')] : []),
        ...Array.from({ length: width }, (_, c) => new Option(this.t('tx.column_sample', { n: c + 1, sample: sample[c] ?? '' }), String(c))));
      select.value = String(chosen);
    };
    options(this.$('#tx-customer'), customer, false);
    options(this.$('#tx-date'), date, false);
    options(this.$('#tx-amount'), amount, true);
    if (chosen) ['#tx-customer', '#tx-date', '#tx-amount'].forEach((id, i) => { this.$(id).value = chosen[i]; });
    // A recognised export reads its own columns by name; the user may still read it as a table.
    const recognised = preview.export === 'shopify_orders';
    this.$('#tx-export-row').hidden = !recognised;
    if (!keepChoices) this.$('#tx-export').value = recognised ? 'shopify_orders' : 'generic';
    this.showExportChoice();
    this.$('#tx-setup').hidden = false;
  }

  exportChosen() {
    return this.preview?.export === 'shopify_orders' ? this.$('#tx-export').value : 'generic';
  }

  showExportChoice() {
    const shopify = this.exportChosen() === 'shopify_orders';
    for (const field of this.root.querySelectorAll('.tx-table-only')) field.hidden = shopify;
    for (const field of this.root.querySelectorAll('.tx-shopify-only')) field.hidden = !shopify;
  }

  read() {
    if (!this.file) return;
    this.startWorker();  // a fresh worker per read: nothing of the last one stays in memory
    this.forgetRead();
    this.readStarted = performance.now();
    this.$('#tx-error').hidden = true;
    this.$('#tx-progress-row').hidden = false;
    this.$('#tx-progress').value = 0;
    this.$('#tx-progress-text').textContent = this.t('tx.reading', { percent: '' });
    this.request({
      type: 'read',
      file: this.file,
      columns: {
        customer: Number(this.$('#tx-customer').value), date: Number(this.$('#tx-date').value), amount: Number(this.$('#tx-amount').value),
        header: this.$('#tx-header').value, date_format: this.$('#tx-date-format').value,
        decimal_mark: this.$('#tx-decimal-mark').value,
        // The reader's own locale (not the page's language) is how their spreadsheet wrote the file.
        locale_decimal_mark: usesDecimalComma(navigator.language) ? 'comma' : 'point',
        export: this.exportChosen(), order_amount: this.$('#tx-order-amount').value,
      },
    });
  }

  cancel() {
    this.worker?.terminate();
    this.worker = null;
    this.readStarted = 0;
    this.$('#tx-progress-row').hidden = true;
    this.fail(this.t('tx.cancelled'));
  }

  fail(message, errors = []) {
    this.$('#tx-progress-row').hidden = true;
    const list = el('ul');
    for (const error of errors) list.append(el('li', this.language.message(error)));
    this.$('#tx-error').replaceChildren(el('strong', message), list);
    this.$('#tx-error').hidden = false;
  }

  receive(data) {
    if (data.type === 'preview') {
      if (data.preview.ok) this.showPreview(data.preview);
      else this.fail(this.t('tx.unreadable'), data.preview.errors);
    }
    else if (data.type === 'progress') {
      this.$('#tx-progress').value = data.fraction;
      this.$('#tx-progress-text').textContent = this.t('tx.reading', {
        percent: this.language.number(data.fraction, { style: 'percent' }) });
    } else if (data.type === 'read') this.afterRead(data.result);
    else if (data.type === 'analysed') this.afterAnalysis(data.result);
    else if (data.type === 'csv') {
      if (data.result.ok) saveFile('customer-predictions.csv', data.result.csv, 'text/csv');
      else this.fail(this.t('tx.cannot_fit'), data.result.errors);
    }
    else if (data.type === 'failed') this.fail(this.t('tx.stopped', { reason: data.message }));
  }

  afterRead(result) {
    if (!result.ok) {
      this.fail(this.t('tx.unreadable'), result.errors);
      return;
    }
    const imported = result.import;
    this.imported = imported;
    this.describeImport();
    // Calibrate on the first half and hold out the second, as Fader, Hardie & Lee do.
    const first = dayNumber(imported.first_date), last = dayNumber(imported.last_date);
    this.$('#tx-calibration-end').value = isoDate(first + Math.floor((last - first) / 2));
    this.$('#tx-holdout-end').value = imported.last_date;
    this.$('#tx-results').hidden = false;
    this.$('#tx-progress-text').textContent = this.t('tx.fitting');
    this.analyse();
  }

  describeImport() {
    const imported = this.imported;
    const f = makeFormat(this.scenario.currency, this.scenario.period, this.language);
    const day = makeDateFormat(this.language.locale);
    const counted = (key, n) => this.t(key, { n: f.count(n), count: n });
    const list = (parts) => new Intl.ListFormat(this.language.locale, { type: 'conjunction' }).format(parts);
    // An orders export: its orders and line-item rows, and the orders left out, by reason.
    const orders = imported.export !== 'shopify_orders' ? '' : [
      this.t('tx.orders_read', { orders: counted('tx.orders_count', imported.rows_read), line_items: counted('tx.line_item_rows_count', imported.line_item_rows) }),
      imported.orders_refunded_or_voided + imported.orders_cancelled === 0 ? '' : this.t('tx.orders_left_out', { reasons: list([
        ...(imported.orders_refunded_or_voided ? [counted('tx.orders_refunded_count', imported.orders_refunded_or_voided)] : []),
        ...(imported.orders_cancelled ? [counted('tx.orders_cancelled_count', imported.orders_cancelled)] : []),
      ]) }),
    ].filter(Boolean).join(' ');
    const read = this.t('tx.imported', {
      transactions: counted('tx.transactions_count', imported.transactions),
      customers: counted('tx.customers_count', imported.customers),
      first: day(imported.first_date), last: day(imported.last_date) });
    // The total and the decimal mark used, so a file read with the wrong mark shows at a glance.
    const amounts = this.t(imported.decimal_mark ? `tx.amounts_${imported.decimal_mark}` : 'tx.amounts',
      { total: f.money(imported.total_amount) });
    const refunds = imported.refunds
      ? this.t('tx.refunds', { refunds: f.count(imported.refunds), total: f.money(imported.refund_total), count: imported.refunds }) : '';
    const bad = imported.rows_bad
      ? this.t('tx.bad_rows', { bad: f.count(imported.rows_bad), read: f.count(imported.rows_read), count: imported.rows_read }) : '';
    this.$('#tx-import').textContent = [orders, read, amounts, refunds, bad].filter(Boolean).join(' ');
    this.$('#tx-bad-rows').replaceChildren(...imported.first_bad_rows.map((row) =>
      el('li', this.t('tx.bad_row', { line: f.count(row.line), reason: this.language.message(row.reason) }))));
  }

  options() {
    return {
      time_unit: this.$('#tx-unit').value,
      calibration_end: this.$('#tx-calibration-end').value,
      holdout_end: this.$('#tx-holdout-end').value,
      prediction_units: parseNumberText(this.$('#tx-window').value, this.language),
      annual_discount_rate_percent: parseNumberText(this.$('#tx-discount').value, this.language),
      margin_percent: parseNumberText(this.$('#tx-margin').value, this.language),
      model: this.$('#tx-model').value,
      calculator_period: this.scenario?.period ?? 'month',
      ...bandOf(this.scenario ?? {}),
      ...(this.$('#tx-inactive').value.trim() ? { inactive_units: parseNumberText(this.$('#tx-inactive').value, this.language) } : {}),
    };
  }

  scheduleAnalysis() {
    clearTimeout(this.analyseTimer);
    this.analyseTimer = setTimeout(() => this.analyse(), 150);
  }

  // A re-fit of a large log takes seconds: the progress row says it is fitting (a bar with no
  // fraction, as a fit has none) and the figures it will replace are marked busy meanwhile.
  analyse() {
    if (!this.imported) return;
    this.$('#tx-progress').removeAttribute('value');
    this.$('#tx-progress-text').textContent = this.t('tx.fitting');
    this.$('#tx-progress-row').hidden = false;
    this.$('#tx-results').setAttribute('aria-busy', 'true');
    this.request({ type: 'analyse', options: this.options() });
  }

  afterAnalysis(result) {
    this.$('#tx-progress-row').hidden = true;
    this.$('#tx-results').setAttribute('aria-busy', 'false');
    if (this.readStarted) {
      performance.measure('transactions-read-and-fit', { start: this.readStarted });
      this.readStarted = 0;
    }
    if (!result.ok) {
      this.fail(this.t('tx.cannot_fit'), result.errors);
      return;
    }
    this.$('#tx-error').hidden = true;
    this.lastResult = result;
    this.render(result);
  }

  render({ summary, series }) {
    const f = makeFormat(this.scenario.currency, this.scenario.period, this.language);
    const tr = this.t;
    const unit = this.$('#tx-unit').value;
    const p = summary.purchases, s = summary.spend, t = summary.totals, c = summary.calibration;
    const next = tr(`tx.next_${unit}s`, { n: f.count(c.prediction_units), count: c.prediction_units });
    // A parameter that ran to a limit is no estimate: it is named as such, the core's note says
    // why, and what the data do show (the purchase rate, the mean spend) gets its own row.
    const estimates = (model, names, digits) => {
      const values = model.parameters ?? model;
      const shown = names.map((name) => (model.estimated?.[name] === false ? null : f.fixed(values[name], digits)));
      return shown.every((v) => v === null) ? tr('tx.no_estimates') : shown.map((v) => v ?? tr('tx.no_estimate')).join(', ');
    };
    const names = p.parameter_names;
    const rows = [
      [tr('tx.model_parameters', { model: p.label, names: names.join(', ') }), estimates(p, names, 3)],
      [tr('tx.model_ll', { model: p.label }), `${f.fixed(p.log_likelihood, 1)}${p.converged ? '' : ` (${tr('cohort.not_converged')})`}`],
      [tr('tx.gg_parameters'), s ? estimates(s, ['p', 'q', 'gamma'], 2) : this.language.message(summary.spend_note)],
      ...(p.estimated?.r === false ? [[tr(`tx.purchase_rate_${unit}s`), f.fixed(p.purchase_rate, 3)]] : []),
      ...(s?.estimated?.q === false ? [[tr('tx.mean_spend'), f.money(s.mean_spend)]] : []),
      ...(summary.notes ?? []).map((note) => [tr('tx.note'), this.language.message(note)]),
      [tr('tx.customers'), f.count(c.customers)],
      [tr('tx.repeat_rate'), f.percent(t.repeat_rate * 100, 1)],
      [tr('tx.mean_alive'), t.mean_probability_alive === null ? tr('tx.alive_not_estimated')
        : withBand(this.language, f.percent(t.mean_probability_alive * 100, 1), summary.band?.mean_probability_alive, (v) => f.percent(v * 100, 1))],
      [tr('tx.expected_purchases', { next }), withBand(this.language, f.count(t.expected_purchases), summary.band?.expected_purchases, f.count)],
      [tr('tx.clv', { next }), `${f.money(t.mean_clv)} / ${withBand(this.language, f.money(t.clv), summary.band?.clv, f.money)}`],
    ];
    renderTerms(this.$('#tx-fit'), rows);
    renderPurchaseHeadline(this.$('#tx-headline'), summary.headline, unit, f, this.language);
    renderModelComparison(this.$('#tx-models'), this.$('#tx-choice'), summary, f, this.language, this.$('#tx-model').value);
    const width = this.$('#tx-alive-chart').clientWidth;
    drawBars(this.$('#tx-alive-chart'), {
      width,
      bars: summary.probability_alive_histogram.map((count, i) => ({
        label: i === 9 ? `${f.percent(90, 0)}+` : `${f.count(i * 10)}–${f.percent(i * 10 + 10, 0)}`, shortLabel: f.count(i * 10), value: count,
      })),
      xTitle: tr('tx.alive_axis'),
      formatValue: f.countShort,
    });

    const holdout = this.$('#tx-holdout');
    if (series.holdout_actual.length === 0) {
      holdout.replaceChildren(el('p', tr('tx.no_holdout'), 'hint'));
    } else {
      const chart = el('div', undefined, 'chart');
      const legend = el('ul', undefined, 'legend');
      const actual = series.holdout_actual.at(-1), expected = series.holdout_expected.at(-1);
      holdout.replaceChildren(
        el('h3', tr('tx.holdout_title')),
        el('p', tr('tx.holdout_result', { actual: f.count(actual), predicted: withBand(this.language, f.count(expected), summary.band?.holdout_expected, f.count),
          change: f.signedPercent(((expected - actual) / actual) * 100) })),
        chart, legend);
      // The chosen model's line first, then the others', so each can be told from the actual.
      const fitted = summary.models.filter((m) => m.fitted);
      fitted.sort((l, r) => Number(r.model === p.model) - Number(l.model === p.model));
      const lines = [
        { name: tr('cohort.actual'), colour: 'currentColor', values: series.holdout_actual, style: 'solid' },
        ...fitted.map((m, i) => ({ name: tr('tx.prediction', { model: m.label }), colour: seriesColour(i), values: series.holdout_expected_by_model[m.model], style: 'dashed' })),
      ];
      drawLineChart(chart, { width, series: lines, formatTick: f.countShort, formatX: f.count, xTitle: tr(`tx.after_calibration_${unit}s`) });
      renderLegend(legend, lines);
    }

    const head = el('tr');
    for (const key of ['customer', 'repeats', 'p_active', 'expected', 'spend', 'clv']) head.append(el('th', tr(`tx.top_${key}`)));
    const thead = el('thead');
    thead.append(head);
    const body = el('tbody');
    for (const customer of summary.top_customers) {
      const row = el('tr');
      row.append(el('td', customer.id), el('td', f.count(customer.frequency)), el('td', f.percent(customer.probability_alive * 100, 0)),
        el('td', f.number(customer.expected_purchases)), el('td', f.money(customer.expected_spend)), el('td', f.money(customer.clv)));
      body.append(row);
    }
    this.$('#tx-top').replaceChildren(thead, body);
  }

  // The calculator's inputs as the core derived them from the chosen model, per the calculator's
  // period (a change of period refits first, see setScenario).
  useAverages() {
    if (!this.lastResult) return;
    this.onUseAverages(calculatorAverages(this.lastResult.summary));
  }
}
