// The strategy planner: its inputs (plan-editor.js), a worker running the planner's wasm module,
// and what the core answers: payback and ROI per program, the plan over time with its P10-P90
// band, the Monte Carlo distributions, the funnel's CAC and the best budget split.
import { PlanEditor } from './plan-editor.js';
import { drawBars, drawLineChart, renderLegend, seriesColour } from './charts.js';
import { el, fillTable, renderTerms } from './dom.js';
import { makeFormat } from './format.js';
import { saveFile } from './download.js';
import { startModuleWorker } from './module-worker.js';

export class PlannerPanel {
  constructor(root, language, { maxPrograms, defaults, fieldLabel, onChange }) {
    this.$ = (selector) => root.querySelector(selector);
    this.language = language;
    this.worker = null;
    this.requests = { plan: { sent: null, latest: null }, simulate: { sent: null, latest: null } };
    this.nextId = 1;
    this.scenario = null;
    this.plan = null;  // the last answer: {summary, series}
    this.simulation = null;  // {summary, bands, milliseconds, json}
    /** @type {ReturnType<typeof setTimeout> | 0} */
    this.simulationTimer = 0;
    this.editor = new PlanEditor(root, language, {
      maxPrograms,
      fieldLabel,
      defaults,
      onChange: () => {
        this.startWorker();  // the planner's module loads only once someone plans
        onChange();
      },
    });
    this.$('#plan-chart-metric').addEventListener('change', () => this.renderPlan());
    this.$('#plan-csv').addEventListener('click', () => this.plan && this.worker.postMessage({ type: 'csv', id: this.nextId++, json: this.plan.json }));
    new ResizeObserver(() => this.plan && this.renderPlan()).observe(this.$('#plan-chart'));
  }

  t(key, params) {
    return this.language.t(key, params);
  }

  read() {
    return this.editor.read();
  }

  fill(plan) {
    this.editor.fill(plan);
    if (plan) this.startWorker();
  }

  setLanguage(language) {
    this.language = language;
    this.editor.setLanguage(language);
    this.renderPlan();
    this.renderSimulation();
  }

  startWorker() {
    if (this.worker) return;
    this.worker = startModuleWorker(new URL('./planner-worker.js', import.meta.url));
    this.worker.onmessage = ({ data }) => this.receive(data);
    this.worker.onerror = (event) => this.showFailure(event.message ?? '');
  }

  // Each kind of request runs one at a time; while one runs only the newest waiting one is kept.
  request(type, json) {
    const queue = this.requests[type];
    queue.latest = json;
    if (queue.sent === null) this.send(type);
    this.updateBusy();
  }

  send(type) {
    const queue = this.requests[type];
    queue.sent = queue.latest;
    queue.latest = null;
    this.worker.postMessage({ type, id: this.nextId++, json: queue.sent });
  }

  // Whether the answer that just came is for the newest request; if not, the newest goes out.
  done(type) {
    const queue = this.requests[type];
    const json = queue.sent;
    queue.sent = null;
    const newest = queue.latest === null || queue.latest === json;
    if (newest) queue.latest = null;
    else this.send(type);
    this.updateBusy();
    return newest;
  }

  // aria-busy while an answer is on its way, so assistive technology (and tests) know when the
  // planner's figures are final.
  updateBusy() {
    const pending = [this.requests.plan, this.requests.simulate].some((q) => q.sent !== null || q.latest !== null);
    this.$('.planner-panel').setAttribute('aria-busy', String(pending || this.simulationTimer !== 0));
  }

  receive(data) {
    if (data.type === 'plan') {
      const json = this.requests.plan.sent;
      // An answer for a plan since removed, or overtaken by a newer one, is dropped.
      if (!this.done('plan') || !data.result.ok || !this.scenario?.plan) return;
      this.plan = { ...data.result, json };
      this.renderPlan();
    } else if (data.type === 'simulated') {
      const json = this.requests.simulate.sent;
      if (!this.done('simulate') || !data.result.ok || !this.scenario?.plan) return;
      this.simulation = { ...data.result, milliseconds: data.milliseconds, json };
      this.renderSimulation();
      this.renderPlan();
    } else if (data.type === 'csv') {
      if (data.result.ok) saveFile('retention-plan.csv', data.result.csv, 'text/csv');
    } else if (data.type === 'failed') {
      this.showFailure(data.message);
    }
  }

  showFailure(reason) {
    const box = this.$('#planner-error');
    box.textContent = this.t('plan.failed', { reason });
    box.hidden = false;
  }

  // A valid document from the calculator (after its own evaluation).
  setScenario(json, scenario) {
    this.scenario = scenario;
    const f = this.format();
    this.editor.setPeriodWords(f.periodWord, f.periodWordPlural);
    this.showErrors([]);
    this.editor.showErrors([]);
    if (!scenario.plan) {
      clearTimeout(this.simulationTimer);
      this.simulationTimer = 0;
      this.updateBusy();
      this.plan = this.simulation = null;
      this.$('#planner-results').hidden = this.$('#simulation-results').hidden = true;
      this.renderFunnel();
      this.$('#split-result').textContent = '';
      return;
    }
    this.startWorker();
    this.request('plan', json);
    // The simulation waits for typing to pause; the plan itself answers at once.
    clearTimeout(this.simulationTimer);
    this.simulationTimer = setTimeout(() => {
      this.simulationTimer = 0;
      this.request('simulate', json);
    }, 250);
    this.updateBusy();
  }

  // Marks the plan's bad fields and lists them; the rest of the plan is kept as typed.
  showErrors(errors) {
    const planErrors = errors.filter((e) => e.field.startsWith('plan'));
    this.editor.showErrors(planErrors);
    const box = this.$('#planner-error');
    box.replaceChildren(...planErrors.map((e) => el('p', this.language.message(e))));
    box.hidden = planErrors.length === 0;
  }

  format() {
    return makeFormat(this.scenario.currency, this.scenario.period, this.language);
  }

  renderPlan() {
    const results = this.$('#planner-results');
    if (!this.plan || !this.scenario) return;
    const f = this.format();
    const t = (key, params) => this.t(key, params);
    const { summary } = this.plan;
    const programs = this.scenario.plan?.programs ?? [];
    results.hidden = programs.length === 0;
    this.renderFunnel();
    this.renderSplit();
    if (programs.length === 0) return;

    const horizon = f.periods(this.scenario.horizon_periods);
    const together = programs.length > 1 ? t('plan.together') : programs[0].name;
    const c = summary.combined;
    const pct = (ratio) => f.percent(ratio * 100, 0);
    let verdict;
    if (c.roi === null) verdict = t('plan.verdict_free', { name: together });
    else if (c.payback_period === null) verdict = t('plan.verdict_never', { name: together, horizon, roi: pct(c.roi) });
    else verdict = t('plan.verdict_pays', { name: together, when: f.periods(c.payback_period), horizon, roi: pct(c.roi) });
    if (c.acquisition_roi !== null) verdict += ` ${t('plan.verdict_acquisition', { roi: pct(c.acquisition_roi) })}`;
    this.$('#plan-verdict').textContent = verdict;
    this.renderTable(summary, programs, f, t, pct);
    this.renderChart(f, t);
  }

  renderTable(summary, programs, f, t, pct) {
    const rows = summary.programs.map((o, i) => ({ ...o, name: programs[i].name }));
    if (rows.length > 1) rows.push({ ...summary.combined, name: t('plan.together') });
    const columns = [
      [t('plan.col_cost'), (o) => f.money(o.discounted_cost)],
      [t('plan.col_gain'), (o) => f.signedMoney(o.net_gain)],
      [t('plan.col_roi'), (o) => (o.roi === null ? '—' : pct(o.roi))],
      [t('plan.col_payback'), (o) => (o.roi === null ? '—' : o.payback_period === null ? t('plan.never') : f.periods(o.payback_period))],
      [t('plan.col_acquisition'), (o) => (o.acquisition_roi === null ? '—' : pct(o.acquisition_roi))],
      [t('plan.col_clv'), (o) => f.money(o.clv ?? NaN)],
    ];
    fillTable(this.$('#program-table'), [t('plan.col_program'), ...columns.map(([title]) => title)],
      rows.map((o) => [o.name, ...columns.map(([, value]) => value(o))]));
  }

  renderChart(f, t) {
    const chart = this.$('#plan-chart');
    const width = chart.clientWidth;
    const { series } = this.plan;
    const bands = this.simulation?.json === this.plan.json ? this.simulation.bands : null;
    const metric = this.$('#plan-chart-metric').value;
    const lines = [], areas = [];
    if (metric === 'gain') {
      lines.push({ name: t('plan.line_likely'), colour: seriesColour(0), values: [...series.cumulative_gain] });
      if (bands) {
        lines.push({ name: t('plan.line_median'), colour: seriesColour(1), values: [...bands.cumulative_gain_p50], style: 'dashed' });
        areas.push({ low: bands.cumulative_gain_p10, high: bands.cumulative_gain_p90, colour: seriesColour(1), name: t('plan.band') });
      }
    } else {
      lines.push({ name: t('plan.line_with'), colour: seriesColour(0), values: [...series.customers_with_plan] });
      lines.push({ name: t('plan.line_without'), colour: seriesColour(7), values: [...series.customers_without_plan], style: 'dashed' });
      if (bands) {
        areas.push({ low: bands.customers_with_plan_p10, high: bands.customers_with_plan_p90, colour: seriesColour(0), name: t('plan.band') });
        areas.push({ low: bands.customers_without_plan_p10, high: bands.customers_without_plan_p90, colour: seriesColour(7), name: t('plan.band_without') });
      }
    }
    drawLineChart(chart, {
      width, series: lines, bands: areas, formatTick: metric === 'gain' ? f.moneyShort : f.countShort,
      xTitle: f.periodTitle, formatX: (x) => f.number(x),
    });
    renderLegend(this.$('#plan-legend'), [...lines, ...areas.map((a) => ({ ...a, style: 'band' }))]);
  }

  renderSimulation() {
    const box = this.$('#simulation-results');
    const s = this.simulation;
    if (!s || !this.scenario) { box.hidden = true; return; }
    box.hidden = false;
    const f = this.format();
    const t = (key, params) => this.t(key, params);
    const { summary } = s;
    const programs = this.scenario.plan?.programs ?? [];
    this.$('#simulation-status').textContent = t('plan.simulated', {
      draws: f.count(summary.draws), seed: String(summary.seed), ms: f.count(s.milliseconds), count: summary.draws,
    });
    const spread = (d, format) => (d.count === 0 ? '—' : t('plan.spread', { low: format(d.p10), middle: format(d.p50), high: format(d.p90) }));
    const pct = (ratio) => f.percent(ratio * 100, 0);
    const rows = [];
    if (programs.length) {
      rows.push([t('plan.chance_payback', { horizon: f.periods(this.scenario.horizon_periods) }), f.percent(summary.payback_probability * 100, 1)]);
      if (programs.length > 1) {
        summary.program_payback_probability.forEach((p, i) => rows.push([t('plan.chance_alone', { name: programs[i].name }), f.percent(p * 100, 1)]));
      }
    }
    rows.push([t('plan.net_gain_spread'), spread(summary.net_gain, f.signedMoney)]);
    rows.push([t('plan.roi_spread'), spread(summary.roi, pct)]);
    rows.push([t('plan.clv_spread'), spread(summary.clv, f.money)]);
    renderTerms(this.$('#simulation-metrics'), rows);
    this.drawHistogram(this.$('#clv-histogram'), summary.clv, f.moneyShort);
    this.drawHistogram(this.$('#roi-histogram'), summary.roi, pct);
  }

  drawHistogram(container, distribution, format) {
    if (distribution.count === 0) { container.replaceChildren(el('p', this.t('plan.no_distribution'), 'hint')); return; }
    const edges = distribution.bin_edges;
    const bars = distribution.bin_counts.map((count, i) => ({
      label: i % 5 === 0 ? format(edges[i]) : '', shortLabel: i % 10 === 0 ? format(edges[i]) : '', value: count,
    }));
    drawBars(container, { width: container.clientWidth, bars, formatValue: (v) => this.language.number(v, { maximumFractionDigits: 0 }) });
  }

  renderFunnel() {
    const summary = this.plan?.summary.funnel;
    const result = this.$('#funnel-result'), table = this.$('#funnel-table');
    if (!summary || !this.scenario?.plan?.funnel) { result.textContent = ''; table.replaceChildren(); return; }
    const f = this.format();
    const t = (key, params) => this.t(key, params);
    const best = summary.steps[summary.step_that_moves_cac_most];
    result.textContent = t('funnel.result', {
      customers: f.number(summary.customers_per_period), count: summary.customers_per_period, period: f.periodWord, cac: f.money(summary.cac),
      step: t(`funnel.step.${best.step}`), better: f.money(best.cac_one_point_better),
    });
    fillTable(table, [t('funnel.col_step'), t('funnel.col_rate'), t('funnel.col_better'), t('funnel.col_saving')],
      summary.steps.map((step) => Object.assign([t(`funnel.step.${step.step}`), f.percent(step.rate_percent),
        f.money(step.cac_one_point_better), f.money(step.cac_saving)], { className: step === best ? 'best' : undefined })));
  }

  renderSplit() {
    const summary = this.plan?.summary.budget_split;
    const result = this.$('#split-result'), chart = this.$('#split-chart');
    if (!summary || !this.scenario?.plan?.budget_split) { result.textContent = ''; chart.replaceChildren(); return; }
    const f = this.format();
    const t = (key, params) => this.t(key, params);
    const budget = this.scenario.plan.budget_split.budget_per_period;
    const share = summary.best_share;
    result.textContent = t('split.result', {
      acquisition: f.money(budget * share), retention: f.money(budget * (1 - share)), period: f.periodWord,
      customers: f.number(summary.best_extra_customers_per_period), count: summary.best_extra_customers_per_period, kept: f.percent(summary.best_leavers_kept * 100, 1),
      horizon: f.periods(this.scenario.horizon_periods), best: f.money(summary.best_profit),
      all_acquisition: f.money(summary.profit_all_acquisition), all_retention: f.money(summary.profit_all_retention),
      none: f.money(summary.profit_without_budget),
    });
    const width = chart.clientWidth;
    drawLineChart(chart, {
      width, firstX: 0, fromZero: false, formatTick: f.moneyShort3, formatX: (x) => f.percent(x, 0), xTitle: t('split.axis'),
      series: [{ name: t('split.line'), colour: seriesColour(0), values: [...this.plan.series.split_profit] }],
      divider: { x: Math.round(share * 100), label: t('split.best', { share: f.percent(share * 100, 0) }) },
    });
  }
}
