// Cohort retention: the user's survivor table is parsed and fitted by the core (sBG model) in a
// worker, then shown against constant churn. The grid and the text box are two views of the
// same table; the grid is offered only for tables a person edits by hand.
import { el, renderTerms } from './dom.js';
import { drawLineChart, renderLegend, seriesColour } from './charts.js';
import { makeFormat } from './format.js';
import { withBand } from './model-comparison.js';
import { startModuleWorker } from './module-worker.js';
import { bandOf } from './analysis-settings.js';

// Fader & Hardie (2007), "regular" customers: survivors of 1,000 over 12 years. Public data,
// the paper's worked example.
// What the cohort panel takes from the calculator's scenario: the margin, discount, timing and
// CLV basis of the valuation, and the currency and period it is shown in.
const VALUATION_FIELDS = ['currency', 'period', 'revenue_per_customer', 'gross_margin_percent', 'retention_spend_per_customer',
  'annual_discount_rate_percent', 'timing', 'clv_basis', 'horizon_periods'];

// The paper's "regular" cohort; its name is written in the reader's language.
const EXAMPLE_COUNTS = [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173];

// The grid is offered up to this many counts: 50 cohorts of 50 periods (four years of monthly
// cohorts) is more than anyone types by hand. Every count is a labelled input; the core's
// largest table (500 x 1,001 counts) made 2.5 million nodes and froze the page for seconds.
// Larger tables are edited in the text box or a spreadsheet.
const MAX_GRID_CELLS = 2500;
// A fit is asked for this long after the last keystroke, so a 2 MB table is not copied to the
// worker and parsed again on every key.
const TYPING_PAUSE_MS = 150;


export class CohortPanel {
  constructor(root, language, { onUseCurve }) {
    this.$ = (selector) => root.querySelector(selector);
    this.language = language;
    this.scenarioJson = null;  // the calculator's last valid scenario, for margin and discount
    this.table = null;         // the last parsed table: [{name, survivors}], when small enough for the grid
    this.tableSize = null;     // {cohorts, periods} of the last parsed table
    this.worker = null;        // started by the first fit, so the cohort module loads only when used
    this.latestId = 0;         // the newest request; an answer for an older one is dropped
    this.sent = null;          // the request the worker is fitting
    this.waiting = null;       // the newest request, sent when the worker is free
    /** @type {ReturnType<typeof setTimeout> | 0} */
    this.typingTimer = 0;
    this.redrawGrid = false;   // whether the next fitted table redraws the grid (not while editing it)
    this.text = this.$('#cohort-text');
    this.layout = this.$('#cohort-layout');
    this.calibration = this.$('#cohort-calibration');
    this.error = this.$('#cohort-error');
    this.results = this.$('#cohort-results');
    this.grid = this.$('#cohort-grid');

    this.gridTooLarge = this.$('#cohort-grid-too-large');
    this.gridParts = [this.grid.closest('.table-wrap'), this.$('#cohort-add-period').parentElement];
    this.panel = this.$('.cohort-panel');
    this.panel.setAttribute('aria-busy', 'false');

    this.text.addEventListener('input', () => this.run({ redrawGrid: true, pause: TYPING_PAUSE_MS }));
    this.layout.addEventListener('change', () => this.run({ redrawGrid: true }));
    this.calibration.addEventListener('input', () => this.run({ redrawGrid: false, pause: TYPING_PAUSE_MS }));
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
    this.grid.addEventListener('input', () => this.gridToText({ pause: TYPING_PAUSE_MS }));
    this.$('#cohort-add-period').addEventListener('click', () => this.editTable((table) => table.forEach((c) => c.survivors.push(''))));
    this.$('#cohort-add-cohort').addEventListener('click', () => this.editTable((table) => table.push({
      name: this.language.t('cohort.default_name', { n: table.length + 1 }), survivors: table[0] ? table[0].survivors.map(() => '') : ['', '', ''] })));
    // A subscriptions export's survivors become the table, fitted like a pasted one. Its view
    // and worker load with the first file.
    this.subscriptions = null;
    this.$('#subscription-file').addEventListener('change', async (event) => {
      if (!this.subscriptions) {
        const { SubscriptionView } = await import('./subscription-view.js');
        this.subscriptions = new SubscriptionView(root, this.language, {
          scenario: () => this.scenario,
          onSurvivors: (text) => {
            this.text.value = text;
            this.layout.value = 'rows';
            this.calibration.value = '';
            this.run({ redrawGrid: true });
          },
        });
      }
      this.subscriptions.readFile(event);
    });
    window.addEventListener('resize', () => this.lastResult && this.render(this.lastResult));
    this.$('#use-curve').addEventListener('click', () => {
      if (this.lastResult) onUseCurve(this.lastResult.summary.fit);
    });
  }

  // Called by the page whenever the calculator has a new valid scenario. The fit is redone only
  // when a field it values customers with (or shows them in), or the bands' draws or seed (the
  // module reads them from the scenario), has changed, not on every keystroke in the
  // calculator: the largest table takes about a second to fit.
  setScenario(scenarioJson, scenario) {
    const valuation = JSON.stringify([...VALUATION_FIELDS.map((key) => scenario[key]), bandOf(scenario)]);
    this.scenarioJson = scenarioJson;
    this.scenario = scenario;
    if (valuation === this.valuation) return;
    this.valuation = valuation;
    this.run({ redrawGrid: false, pause: TYPING_PAUSE_MS });
  }

  calibrationPeriods() {
    const typed = this.calibration.value.trim();
    if (typed === '') return 0;
    return /^\d{1,6}$/.test(typed) ? Number(typed) : null;
  }

  // Asks for a fit of the table as it is now, after `pause` ms without another change (typing);
  // any answer still on its way is overtaken at once. Nothing here reads or parses the table.
  run({ redrawGrid, pause = 0 }) {
    this.latestId += 1;
    this.redrawGrid ||= redrawGrid;
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => {
      this.typingTimer = 0;
      this.request();
    }, pause);
    this.updateBusy();
  }

  request() {
    if (!this.scenarioJson) return this.updateBusy();
    const text = this.text.value;
    if (!/\S/.test(text)) {
      this.error.hidden = true;
      this.results.hidden = true;
      return this.updateBusy();
    }
    const calibration = this.calibrationPeriods();
    if (calibration === null) {
      this.showErrors([{ message: this.language.t('cohort.calibration_invalid') }]);
      return this.updateBusy();
    }
    this.waiting = { type: 'analyse', id: this.latestId, text, layout: this.layout.value, calibration, scenarioJson: this.scenarioJson };
    if (this.sent === null) this.sendWaiting();
    this.updateBusy();
  }

  // One fit at a time: while one runs, only the newest request waits (older ones would be dropped).
  sendWaiting() {
    if (!this.worker) {
      this.worker = startModuleWorker(new URL('./cohort-worker.js', import.meta.url));
      this.worker.onmessage = ({ data }) => this.receive(data);
      this.worker.onerror = (event) => this.fail(event.message ?? '');
    }
    this.sent = this.waiting;
    this.waiting = null;
    this.worker.postMessage(this.sent);
  }

  receive({ type, id, result, message }) {
    this.sent = null;
    if (this.waiting) this.sendWaiting();
    this.updateBusy();
    if (id !== this.latestId) return;  // the user changed something since: its answer is coming
    if (type === 'failed') return this.fail(message);
    if (!result.ok) return this.showErrors(result.errors);
    this.error.hidden = true;
    const cohorts = result.summary.cohorts;
    const cells = cohorts.reduce((sum, c) => sum + c.survivors.length, 0);
    this.tableSize = { cohorts: cohorts.length, periods: Math.max(...cohorts.map((c) => c.survivors.length)) - 1 };
    this.table = cells <= MAX_GRID_CELLS ? cohorts.map((c) => ({ name: c.name, survivors: c.survivors.map(String) })) : null;
    if (this.redrawGrid) this.renderGrid();
    this.redrawGrid = false;
    this.lastResult = result;
    this.render(result);
  }

  // A worker that cannot start or stopped (its module failed to load): the reason, and nothing pending.
  fail(reason) {
    this.worker?.terminate();
    this.worker = null;
    this.sent = this.waiting = null;
    this.updateBusy();
    this.showErrors([{ message: this.language.t('cohort.stopped', { reason }) }]);
  }

  // aria-busy while a fit is on its way, so assistive technology (and tests) know when the
  // figures shown are for the table as typed.
  updateBusy() {
    const pending = this.typingTimer !== 0 || this.sent !== null || this.waiting !== null;
    this.panel.setAttribute('aria-busy', String(pending));
  }

  setLanguage(language) {
    this.language = language;
    this.subscriptions?.setLanguage(language);
    this.renderGrid();
    if (this.lastResult) this.render(this.lastResult);
    this.run({ redrawGrid: false });  // the messages shown, if any, in the new language
  }

  showErrors(errors) {
    const list = el('ul');
    for (const error of errors) list.append(el('li', this.language.message(error)));
    this.error.replaceChildren(el('strong', this.language.t('cohort.cannot_fit')), list,
      el('p', this.lastResult ? this.language.t('cohort.last_fitted') : ''));
    this.error.hidden = false;
  }

  // The grid writes the table back as CSV, one cohort per column, so the text stays the source.
  gridToText({ pause = 0 } = {}) {
    const names = [...this.grid.querySelectorAll('thead input')].map((input) => input.value.replace(/[",\n]/g, ' ').trim());
    const rows = [...this.grid.querySelectorAll('tbody tr')].map((row) => [...row.querySelectorAll('input')].map((input) => input.value.trim()));
    const lines = [`period,${names.join(',')}`];
    rows.forEach((cells, t) => lines.push(`${t},${cells.map((cell) => cell.replace(/,/g, '')).join(',')}`));
    this.text.value = `${lines.join('\n')}\n`;
    this.layout.value = 'columns';
    this.run({ redrawGrid: false, pause });
  }

  editTable(change) {
    const table = this.table ? this.table.map((c) => ({ name: c.name, survivors: [...c.survivors] })) : [];
    change(table);
    this.table = table;
    this.renderGrid();
    this.$('#cohort-grid-details').open = true;
    this.gridToText();
  }

  // The grid, or for a table too large to edit by hand, its size and where to edit it instead.
  renderGrid() {
    const tooLarge = this.table === null && this.tableSize !== null;
    this.gridTooLarge.hidden = !tooLarge;
    for (const part of this.gridParts) part.hidden = tooLarge;
    if (tooLarge) {
      const f = makeFormat(this.scenario.currency, this.scenario.period, this.language);
      const { cohorts, periods } = this.tableSize;
      this.gridTooLarge.textContent = this.language.t('cohort.grid_too_large', {
        n: f.count(cohorts), count: cohorts, periods: f.periods(periods), max: f.count(MAX_GRID_CELLS) });
      this.grid.replaceChildren();
      return;
    }
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

    const understated = value.geometric_understatement_percent;
    const compared = { geometric: f.money(value.clv_geometric), sbg: f.money(value.clv_sbg) };
    this.$('#cohort-verdict').textContent = !fit.converged
      ? this.language.message(fit.note)
      : understated === null ? ''
      : understated > 0
        ? t('cohort.understates', { share: f.percent(understated, 1), ...compared })
        : t('cohort.overstates', { share: f.percent(-understated, 1), ...compared });

    const se = (v) => (v === null ? '' : ` (± ${f.number(v)})`);
    const bands = summary.bands ?? {};
    const basis = scenario.clv_basis === 'horizon' ? { horizon: f.periods(scenario.horizon_periods) } : null;
    const rows = [
      [t('cohort.parameters'), `${f.fixed(fit.alpha, 3)}${se(fit.alpha_standard_error)}, ${f.fixed(fit.beta, 3)}${se(fit.beta_standard_error)}`],
      [t('cohort.log_likelihood'), f.fixed(fit.log_likelihood, 2)],
      [t('cohort.fitted_on'), t('cohort.fitted_on_value', {
        used: f.periods(fit.calibration_periods), all: f.periods(longest), n: f.count(summary.cohorts.length), count: summary.cohorts.length })],
      [t('cohort.fit'), fit.converged ? t('cohort.converged', { n: f.count(fit.iterations), count: fit.iterations }) : t('cohort.not_converged')],
      [t('cohort.first_churn'), f.percent(summary.first_period_churn * 100, 1)],
      [t('cohort.constant_churn'), f.percent(summary.geometric_churn * 100, 1)],
      [basis ? t('cohort.clv_fitted_horizon', basis) : t('cohort.clv_fitted'), withBand(this.language, f.money(value.clv_sbg), bands.sbg?.clv, f.money)],
      [basis ? t('cohort.clv_constant_horizon', basis) : t('cohort.clv_constant'), f.money(value.clv_geometric)],
      [t('cohort.derl'), `${withBand(this.language, f.number(value.derl_sbg), bands.sbg?.derl, f.number)} / ${f.number(value.derl_geometric)} ${f.periodWordPlural}`],
      [t('cohort.lifetime'),
        `${value.expected_lifetime_sbg === null ? t('cohort.unbounded') : f.periods(value.expected_lifetime_sbg)} / ${f.periods(value.expected_lifetime_geometric)}`],
    ];
    rows.push(...this.bdwRows(summary, f, se, basis));
    renderTerms(this.$('#cohort-fit'), rows);
    this.renderBaseValue(summary.base_value, f);

    const percent = (v) => f.percent(v * 100, 0);
    const survivalSeries = [
      { name: t('cohort.observed'), colour: 'currentColor', values: series.observed_survival, style: 'points' },
      { name: t('cohort.sbg_fit'), colour: seriesColour(0), values: series.fitted_survival, style: 'solid' },
      { name: t('cohort.constant'), colour: seriesColour(1), values: series.geometric_survival, style: 'dashed' },
      ...(summary.bdw ? [{ name: t('cohort.bdw_fit'), colour: seriesColour(2), values: series.bdw_survival, style: 'dotted' }] : []),
    ];
    const width = this.$('#cohort-survival-chart').clientWidth;
    const divider = fit.calibration_periods < longest ? { x: fit.calibration_periods, label: t('cohort.divider') } : undefined;
    drawLineChart(this.$('#cohort-survival-chart'), { width, series: survivalSeries, formatTick: percent, formatX: f.count, xTitle: t('cohort.tenure', { periods: f.periodWordPlural }), firstX: 0, divider });
    renderLegend(this.$('#cohort-survival-legend'), survivalSeries);
    const retentionSeries = [
      { name: t('cohort.observed'), colour: 'currentColor', values: series.observed_retention, style: 'points' },
      { name: t('cohort.sbg_fit'), colour: seriesColour(0), values: series.fitted_retention, style: 'solid' },
      { name: t('cohort.constant'), colour: seriesColour(1), values: series.geometric_retention, style: 'dashed' },
      ...(summary.bdw ? [{ name: t('cohort.bdw_fit'), colour: seriesColour(2), values: series.bdw_retention, style: 'dotted' }] : []),
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
    const bdw = summary.bdw !== null;
    for (const title of [f.periodTitle, t('cohort.actual'), t('cohort.sbg_projection'), ...(bdw ? [t('cohort.bdw_projection')] : []), t('cohort.constant')])
      head.append(el('th', title));
    const thead = el('thead');
    thead.append(head);
    const body = el('tbody');
    series.holdout_period.forEach((period, i) => {
      const row = el('tr');
      row.append(el('td', f.count(period)), el('td', f.count(series.holdout_actual[i])), el('td', f.count(series.holdout_sbg[i])),
        ...(bdw ? [el('td', f.count(series.holdout_bdw[i]))] : []), el('td', f.count(series.holdout_geometric[i])));
      body.append(row);
    });
    table.append(thead, body);
    const wrap = el('div', undefined, 'table-wrap');
    Object.assign(wrap, { tabIndex: 0, role: 'region' });  // scrollable on a phone, so reachable by keyboard
    wrap.setAttribute('aria-label', t('cohort.held_out'));
    wrap.append(table);
    holdout.replaceChildren(
      el('h3', t('cohort.held_out_title')),
      el('p', t(bdw ? 'cohort.holdout_error_bdw' : 'cohort.holdout_error', { sbg: f.percent(summary.holdout_error_percent_sbg, 1),
        bdw: f.percent(summary.holdout_error_percent_bdw, 1), constant: f.percent(summary.holdout_error_percent_geometric, 1) })),
      wrap);
  }

  // The BdW beside the sBG: its parameters, the test of c = 1 (the core's verdict), its CLV and DERL.
  bdwRows(summary, f, se, basis) {
    const t = (key, params) => this.language.t(key, params);
    const { bdw, tenure_test: test, value } = summary;
    if (!bdw) return [[t('cohort.bdw_not_fitted'), this.language.message(summary.bdw_note)]];
    const parameters = ['alpha', 'beta', 'c'].map((name) => `${f.fixed(bdw[name], 3)}${se(bdw[`${name}_standard_error`])}`).join(', ');
    return [
      [t('cohort.bdw_parameters'), parameters],
      [t('cohort.bdw_log_likelihood'), `${f.fixed(bdw.log_likelihood, 2)}${bdw.converged ? '' : ` (${t('cohort.not_converged')})`}`],
      [t('cohort.tenure_test'), t(`cohort.tenure_${test.verdict}`, { c: f.fixed(bdw.c, 3), p: f.fixed(test.p_value, 2) })],
      [basis ? `${t('cohort.clv_bdw')} (${basis.horizon})` : t('cohort.clv_bdw'), withBand(this.language, f.money(value.clv_bdw), summary.bands?.bdw?.clv, f.money)],
      [t('cohort.derl_bdw'), `${withBand(this.language, f.number(value.derl_bdw), summary.bands?.bdw?.derl, f.number)} ${f.periodWordPlural}`],
    ];
  }

  // Today's customers valued by cohort tenure under each fitted curve, against one aggregate rate.
  renderBaseValue(base, f) {
    const t = (key, params) => this.language.t(key, params);
    const list = this.$('#cohort-base');
    if (!base.sbg) {
      renderTerms(list, [[t('cohort.base_active'), this.language.message(base.note)]]);
      return;
    }
    const { sbg, bdw } = base;
    renderTerms(list, [
      [t('cohort.base_active'), f.count(sbg.active)],
      [t('cohort.base_value_sbg'), f.money(sbg.value)],
      ...(bdw ? [[t('cohort.base_value_bdw'), f.money(bdw.value)]] : []),
      [t('cohort.base_naive', { retention: f.percent(sbg.aggregate_retention * 100, 1) }), f.money(sbg.naive_value)],
      [t('cohort.base_gap'), f.percent(sbg.understatement_percent, 1)],
    ]);
  }
}
