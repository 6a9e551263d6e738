// Cohort retention: the user's survivor table is parsed and fitted by the core (sBG model), then
// shown against constant churn. The grid and the text box are two views of the same table.
import { el, renderTerms } from './dom.js';
import { drawLineChart, renderLegend, seriesColour } from './charts.js';
import { makeFormat } from './format.js';

// Fader & Hardie (2007), "regular" customers: survivors of 1,000 over 12 years. Public data,
// the paper's worked example.
// What the cohort panel takes from the calculator's scenario: the margin, discount, timing and
// CLV basis of the valuation, and the currency and period it is shown in.
const VALUATION_FIELDS = ['currency', 'period', 'revenue_per_customer', 'gross_margin_percent', 'retention_spend_per_customer',
  'annual_discount_rate_percent', 'timing', 'clv_basis', 'horizon_periods'];

// The paper's "regular" cohort; its name is written in the reader's language.
const EXAMPLE_COUNTS = [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173];


export class CohortPanel {
  constructor(root, calculator, language, { onUseCurve }) {
    this.$ = (selector) => root.querySelector(selector);
    this.calculator = calculator;
    this.language = language;
    this.scenarioJson = null;  // the calculator's last valid scenario, for margin and discount
    this.table = null;         // the last parsed table: [{name, survivors}]
    this.text = this.$('#cohort-text');
    this.layout = this.$('#cohort-layout');
    this.calibration = this.$('#cohort-calibration');
    this.error = this.$('#cohort-error');
    this.results = this.$('#cohort-results');
    this.grid = this.$('#cohort-grid');

    this.text.addEventListener('input', () => this.run({ redrawGrid: true }));
    this.layout.addEventListener('change', () => this.run({ redrawGrid: true }));
    this.calibration.addEventListener('input', () => this.run({ redrawGrid: false }));
    this.$('#cohort-example').addEventListener('click', () => {
      const name = this.language.t('cohort.example_name').replace(/[",\n]/g, ' ');
      this.text.value = `period,${name}\n${EXAMPLE_COUNTS.map((n, t) => `${t},${n}`).join('\n')}\n`;
      this.layout.value = 'columns';
      this.calibration.value = '7';
      this.run({ redrawGrid: true });
    });
    this.$('#cohort-file').addEventListener('change', async (event) => {
      const file = event.target.files[0];
      event.target.value = '';
      if (!file) return;
      if (file.size > 5_000_000) { this.showErrors([{ message: this.language.t('cohort.file_too_large', { file: file.name }) }]); return; }
      this.text.value = await file.text();
      this.run({ redrawGrid: true });
    });
    this.grid.addEventListener('input', () => this.gridToText());
    this.$('#cohort-add-period').addEventListener('click', () => this.editTable((table) => table.forEach((c) => c.survivors.push(''))));
    this.$('#cohort-add-cohort').addEventListener('click', () => this.editTable((table) => table.push({
      name: this.language.t('cohort.default_name', { n: table.length + 1 }), survivors: table[0] ? table[0].survivors.map(() => '') : ['', '', ''] })));
    window.addEventListener('resize', () => this.lastResult && this.render(this.lastResult));
    this.$('#use-curve').addEventListener('click', () => {
      if (this.lastResult) onUseCurve(this.lastResult.summary.fit);
    });
  }

  // Called by the page whenever the calculator has a new valid scenario. The fit is redone only
  // when a field it values customers with (or shows them in) has changed, not on every keystroke
  // in the calculator: a large table takes milliseconds to fit.
  setScenario(scenarioJson, scenario) {
    const valuation = JSON.stringify(VALUATION_FIELDS.map((key) => scenario[key]));
    this.scenarioJson = scenarioJson;
    this.scenario = scenario;
    if (valuation === this.valuation) return;
    this.valuation = valuation;
    if (this.text.value.trim()) this.run({ redrawGrid: false });
  }

  calibrationPeriods() {
    const typed = this.calibration.value.trim();
    if (typed === '') return 0;
    return /^\d{1,6}$/.test(typed) ? Number(typed) : null;
  }

  run({ redrawGrid }) {
    if (!this.scenarioJson) return;
    if (!this.text.value.trim()) {
      this.error.hidden = true;
      this.results.hidden = true;
      return;
    }
    const calibration = this.calibrationPeriods();
    if (calibration === null) {
      this.showErrors([{ message: this.language.t('cohort.calibration_invalid') }]);
      return;
    }
    const result = this.calculator.analyseCohorts(this.text.value, this.layout.value, calibration, this.scenarioJson);
    if (!result.ok) {
      this.showErrors(result.errors);
      return;
    }
    this.error.hidden = true;
    this.table = result.summary.cohorts.map((c) => ({ name: c.name, survivors: c.survivors.map(String) }));
    if (redrawGrid) this.renderGrid();
    this.lastResult = result;
    this.render(result);
  }

  setLanguage(language) {
    this.language = language;
    if (this.table) this.renderGrid();
    if (this.text.value.trim()) this.run({ redrawGrid: false });
  }

  showErrors(errors) {
    const list = el('ul');
    for (const error of errors) list.append(el('li', this.language.message(error)));
    this.error.replaceChildren(el('strong', this.language.t('cohort.cannot_fit')), list,
      el('p', this.lastResult ? this.language.t('cohort.last_fitted') : ''));
    this.error.hidden = false;
  }

  // The grid writes the table back as CSV, one cohort per column, so the text stays the source.
  gridToText() {
    const names = [...this.grid.querySelectorAll('thead input')].map((input) => input.value.replace(/[",\n]/g, ' ').trim());
    const rows = [...this.grid.querySelectorAll('tbody tr')].map((row) => [...row.querySelectorAll('input')].map((input) => input.value.trim()));
    const lines = [`period,${names.join(',')}`];
    rows.forEach((cells, t) => lines.push(`${t},${cells.map((cell) => cell.replace(/,/g, '')).join(',')}`));
    this.text.value = `${lines.join('\n')}\n`;
    this.layout.value = 'columns';
    this.run({ redrawGrid: false });
  }

  editTable(change) {
    const table = this.table ? this.table.map((c) => ({ name: c.name, survivors: [...c.survivors] })) : [];
    change(table);
    this.table = table;
    this.renderGrid();
    this.$('#cohort-grid-details').open = true;
    this.gridToText();
  }

  renderGrid() {
    const table = this.table ?? [];
    const periods = Math.max(0, ...table.map((c) => c.survivors.length));
    const head = el('thead');
    const headRow = el('tr');
    const t = (key, params) => this.language.t(key, params);
    headRow.append(el('th', t('cohort.period')));
    table.forEach((cohort, c) => {
      const th = el('th');
      const input = Object.assign(el('input'), { value: cohort.name, autocomplete: 'off' });
      input.setAttribute('aria-label', t('cohort.name_label', { n: c + 1 }));
      th.append(input);
      headRow.append(th);
    });
    head.append(headRow);
    const body = el('tbody');
    for (let period = 0; period < periods; period++) {
      const row = el('tr');
      row.append(el('th', String(period)));
      table.forEach((cohort) => {
        const td = el('td');
        const input = Object.assign(el('input'), { value: cohort.survivors[period] ?? '', inputMode: 'decimal', autocomplete: 'off' });
        input.setAttribute('aria-label', t('cohort.cell_label', { name: cohort.name, period }));
        td.append(input);
        row.append(td);
      });
      body.append(row);
    }
    this.grid.replaceChildren(head, body);
  }

  render({ summary, series }) {
    const scenario = this.scenario;
    const f = makeFormat(scenario.currency, scenario.period, this.language);
    const t = (key, params) => this.language.t(key, params);
    const fit = summary.fit;
    const value = summary.value;
    const longest = Math.max(...summary.cohorts.map((c) => c.survivors.length)) - 1;
    this.results.hidden = false;

    const understated = value.clv_sbg !== 0 ? ((value.clv_sbg - value.clv_geometric) / Math.abs(value.clv_sbg)) * 100 : null;
    const compared = { geometric: f.money(value.clv_geometric), sbg: f.money(value.clv_sbg) };
    this.$('#cohort-verdict').textContent = !fit.converged
      ? this.language.message(fit.note)
      : understated === null ? ''
      : understated > 0
        ? t('cohort.understates', { share: f.percent(understated, 1), ...compared })
        : t('cohort.overstates', { share: f.percent(-understated, 1), ...compared });

    const se = (v) => (v === null ? '' : ` (± ${f.number(v)})`);
    const basis = scenario.clv_basis === 'horizon' ? { horizon: f.periods(scenario.horizon_periods) } : null;
    const rows = [
      [t('cohort.parameters'), `${f.fixed(fit.alpha, 3)}${se(fit.alpha_standard_error)}, ${f.fixed(fit.beta, 3)}${se(fit.beta_standard_error)}`],
      [t('cohort.log_likelihood'), f.fixed(fit.log_likelihood, 2)],
      [t('cohort.fitted_on'), t('cohort.fitted_on_value', {
        used: f.periods(fit.calibration_periods), all: f.periods(longest), n: f.count(summary.cohorts.length), count: summary.cohorts.length })],
      [t('cohort.fit'), fit.converged ? t('cohort.converged', { n: f.count(fit.iterations), count: fit.iterations }) : t('cohort.not_converged')],
      [t('cohort.first_churn'), f.percent((fit.alpha / (fit.alpha + fit.beta)) * 100, 1)],
      [t('cohort.constant_churn'), f.percent(summary.geometric_churn * 100, 1)],
      [basis ? t('cohort.clv_fitted_horizon', basis) : t('cohort.clv_fitted'), f.money(value.clv_sbg)],
      [basis ? t('cohort.clv_constant_horizon', basis) : t('cohort.clv_constant'), f.money(value.clv_geometric)],
      [t('cohort.derl'), `${f.number(value.derl_sbg)} / ${f.number(value.derl_geometric)} ${f.periodWordPlural}`],
      [t('cohort.lifetime'),
        `${value.expected_lifetime_sbg === null ? t('cohort.unbounded') : f.periods(value.expected_lifetime_sbg)} / ${f.periods(value.expected_lifetime_geometric)}`],
    ];
    renderTerms(this.$('#cohort-fit'), rows);

    const percent = (v) => f.percent(v * 100, 0);
    const survivalSeries = [
      { name: t('cohort.observed'), colour: 'currentColor', values: series.observed_survival, style: 'points' },
      { name: t('cohort.sbg_fit'), colour: seriesColour(0), values: series.fitted_survival, style: 'solid' },
      { name: t('cohort.constant'), colour: seriesColour(1), values: series.geometric_survival, style: 'dashed' },
    ];
    const width = this.$('#cohort-survival-chart').clientWidth;
    const divider = fit.calibration_periods < longest ? { x: fit.calibration_periods, label: t('cohort.divider') } : undefined;
    drawLineChart(this.$('#cohort-survival-chart'), { width, series: survivalSeries, formatTick: percent, formatX: f.count, xTitle: t('cohort.tenure', { periods: f.periodWordPlural }), firstX: 0, divider });
    renderLegend(this.$('#cohort-survival-legend'), survivalSeries);
    const retentionSeries = [
      { name: t('cohort.observed'), colour: 'currentColor', values: series.observed_retention, style: 'points' },
      { name: t('cohort.sbg_fit'), colour: seriesColour(0), values: series.fitted_retention, style: 'solid' },
      { name: t('cohort.constant'), colour: seriesColour(1), values: series.fitted_retention.map(() => 1 - summary.geometric_churn), style: 'dashed' },
    ];
    drawLineChart(this.$('#cohort-retention-chart'), { width, series: retentionSeries, formatTick: percent, formatX: f.count, xTitle: t('cohort.tenure', { periods: f.periodWordPlural }), divider });
    renderLegend(this.$('#cohort-retention-legend'), retentionSeries);

    const holdout = this.$('#cohort-holdout');
    if (series.holdout_period.length === 0) {
      holdout.replaceChildren(el('p', t('cohort.no_holdout'), 'hint'));
      return;
    }
    const table = el('table');
    const head = el('tr');
    for (const title of [f.periodTitle, t('cohort.actual'), t('cohort.sbg_projection'), t('cohort.constant')]) head.append(el('th', title));
    const thead = el('thead');
    thead.append(head);
    const body = el('tbody');
    series.holdout_period.forEach((period, i) => {
      const row = el('tr');
      row.append(el('td', f.count(period)), el('td', f.count(series.holdout_actual[i])),
        el('td', f.count(series.holdout_sbg[i])), el('td', f.count(series.holdout_geometric[i])));
      body.append(row);
    });
    table.append(thead, body);
    const wrap = el('div', undefined, 'table-wrap');
    Object.assign(wrap, { tabIndex: 0, role: 'region' });  // scrollable on a phone, so reachable by keyboard
    wrap.setAttribute('aria-label', t('cohort.held_out'));
    wrap.append(table);
    holdout.replaceChildren(
      el('h3', t('cohort.held_out_title')),
      el('p', t('cohort.holdout_error', { sbg: f.percent(summary.holdout_error_percent_sbg, 1), constant: f.percent(summary.holdout_error_percent_geometric, 1) })),
      wrap);
  }
}
