// Renders a core report: headline cards, acquisition-versus-retention figures, projection
// chart and table, scenario comparison, tornado and the formula in use. Text only goes in
// through textContent.
import { el, renderTerms } from './dom.js';
import { drawLineChart, drawTornado, renderLegend, seriesColour } from './charts.js';

// Projection columns and how their values are written; titles are "column.<key>" strings.
const PROJECTION_COLUMNS = [
  ['active_customers', 'count'],
  ['new_customers', 'count'],
  ['churned', 'count'],
  ['from_starting_base', 'count'],
  ['revenue', 'money'],
  ['gross_profit', 'money'],
  ['acquisition_cost', 'money'],
  ['retention_cost', 'money'],
  ['profit', 'money'],
  ['cumulative_discounted_profit', 'money'],
];

// The core writes an unbounded CLV (a lifetime sum that does not settle) as null.
function clvText(value, f, t) {
  return value === null ? t('metric.unbounded') : f.money(value);
}

// A lifetime without a finite mean (no churn, or a fitted curve whose alpha is at or below 1) in
// words rather than a dash: "expected lifetime unbounded".
function lifetimeText(periods, f, t) {
  return periods === null ? t('metric.unbounded').toLocaleLowerCase() : f.periods(periods);
}

function setOut(root, name, text) {
  root.querySelector(`[data-out="${name}"]`).textContent = text;
}

export function renderCards(root, summary, f, t) {
  const base = summary.results[0];
  const v = base.value;
  const scenario = summary.scenario;
  const horizonText = f.periods(scenario.horizon_periods);
  root.querySelector('#card-clv-title').textContent =
    scenario.clv_basis === 'horizon' ? t('card.clv_horizon', { horizon: horizonText }) : t('card.clv');
  setOut(root, 'clv', clvText(v.clv, f, t));
  setOut(root, 'mini-clv', clvText(v.clv, f, t));
  setOut(root, 'clv-sub', t('card.clv_sub', { net: clvText(v.net_clv, f, t), lifetime: lifetimeText(v.expected_lifetime_periods, f, t) }));

  const target = summary.targets.churn_for_target_ltv_to_cac;
  const ratio = (value) => t('card.ratio_value', { ratio: f.ratio(value) });
  setOut(root, 'ltv-cac', v.ltv_to_cac === null ? '—' : ratio(v.ltv_to_cac));
  setOut(root, 'mini-ltv-cac', v.ltv_to_cac === null ? '—' : ratio(v.ltv_to_cac));
  const targetRatio = ratio(summary.targets.ltv_to_cac);
  setOut(root, 'ltv-cac-sub', v.ltv_to_cac === null ? t('card.no_cac')
    : scenario.retention_curve ? t('card.target_curve', { target: targetRatio })
    : target.churn_percent === null ? t('card.target_out_of_reach', { target: targetRatio })
    : t('card.target_needs', { target: targetRatio, churn: f.percent(target.churn_percent) }));

  setOut(root, 'mini-payback', v.payback_period === null ? t('card.never') : f.periods(v.payback_period));
  if (v.payback_period === null) {
    setOut(root, 'payback', t('card.never'));
    setOut(root, 'payback-sub', t('card.payback_never', { periods: f.periods(v.payback_search_periods) }));
  } else {
    setOut(root, 'payback', f.periods(v.payback_period));
    setOut(root, 'payback-sub', t(scenario.payback_discounted ? 'card.payback_discounted' : 'card.payback_undiscounted'));
  }

  const a = base.acquisition_vs_retention;
  if (a.acquire_to_keep_ratio === null) {
    setOut(root, 'ratio', '—');
    setOut(root, 'ratio-sub', t(a.cost_to_keep === 0 ? 'card.keeping_free' : 'card.enter_points'));
  } else {
    setOut(root, 'ratio', t('card.times', { ratio: f.ratio(a.acquire_to_keep_ratio) }));
    setOut(root, 'ratio-sub', t('card.acquire_keep', { acquire: f.money(a.cost_to_acquire), keep: f.money(a.cost_to_keep) }));
  }
}

export function renderAcquisitionMetrics(list, summary, f, t) {
  const base = summary.results[0];
  const a = base.acquisition_vs_retention;
  const s = summary.scenario;
  const assumed = s.churn_reduction_from_retention_spend_points;
  const breakEven = a.break_even_churn_reduction_points;
  const horizon = f.periods(s.horizon_periods);
  const rows = [
    [t('metric.cac'), f.money(a.cost_to_acquire)],
    [t('metric.cost_to_keep'), a.cost_to_keep === null ? '—'
      : t('metric.cost_to_keep_value', { keep: f.money(a.cost_to_keep), spend: f.money(s.retention_spend_per_customer), points: f.number(assumed), count: assumed })],
    [t('metric.point_saves', { period: f.periodWord }), f.money(a.acquisition_spend_saved_per_churn_point)],
    [t('metric.break_even'), breakEven === null ? t('metric.none_enough')
      : t(assumed >= breakEven ? 'metric.break_even_pays' : 'metric.break_even_does_not_pay', { needed: f.number(breakEven), assumed: f.number(assumed), count: breakEven })],
    [t('metric.clv_plus_5'), a.clv_after_5_point_retention_increase === null ? t('metric.unbounded')
      : `${f.money(a.clv_after_5_point_retention_increase)} (${f.signedPercent(a.clv_change_percent_after_5_points)})`],
    [t('metric.profit_plus_5', { horizon }),
      `${f.money(a.profit_after_5_point_retention_increase)} (${f.signedPercent(a.profit_change_percent_after_5_points)})`],
    [t('metric.clv_horizon', { horizon }), f.money(base.value.clv_horizon)],
    [t('metric.clv_lifetime'), base.value.clv_lifetime === null ? t('metric.unbounded') : f.money(base.value.clv_lifetime)],
  ];
  const targetClv = summary.targets.churn_for_target_clv;
  if (targetClv && !s.retention_curve) {
    rows.push([t('metric.churn_for_clv', { clv: f.money(targetClv.target_clv) }),
      targetClv.churn_percent === null ? t('metric.out_of_reach') : t('metric.at_most', { churn: f.percent(targetClv.churn_percent) })]);
  }
  renderTerms(list, rows);
}

export function renderProjection(chart, width, legend, summary, projections, metric, f) {
  const column = PROJECTION_COLUMNS.find(([key]) => key === metric);
  const series = summary.results.map((r, i) => ({ name: r.name, colour: seriesColour(i), values: projections[i][metric] }));
  drawLineChart(chart, {
    width,
    series,
    formatTick: column[1] === 'money' ? f.moneyShort : f.countShort,
    formatX: f.count,
    xTitle: f.periodTitle,
  });
  renderLegend(legend, series);
}

export function renderProjectionTable(table, summary, projections, f, t) {
  const head = el('thead');
  const headRow = el('tr');
  headRow.append(el('th', t('table.scenario')), el('th', f.periodTitle));
  for (const [key] of PROJECTION_COLUMNS) headRow.append(el('th', t(`column.${key}`)));
  head.append(headRow);
  const body = el('tbody');
  summary.results.forEach((result, i) => {
    const columns = projections[i];
    for (let k = 0; k < columns.active_customers.length; k++) {
      const row = el('tr');
      row.append(el('td', result.name), el('td', f.count(k + 1)));
      for (const [key, kind] of PROJECTION_COLUMNS) row.append(el('td', kind === 'money' ? f.money(columns[key][k]) : f.count(columns[key][k])));
      body.append(row);
    }
  });
  table.replaceChildren(head, body);
}

export function renderScenarioTable(table, summary, f, t) {
  const results = summary.results;
  // [title, value, change from the baseline, the baseline's value, whether it counts customers]
  const rows = [
    [t(summary.scenario.retention_curve ? 'compare.churn_first' : 'compare.churn'), (r) => f.percent(r.assumptions.churn_percent), null],
    [t('compare.revenue'), (r) => f.money(r.assumptions.revenue_per_customer), null],
    [t('compare.retention_spend'), (r) => f.money(r.assumptions.retention_spend_per_customer), null],
    [t('compare.cac'), (r) => f.money(r.assumptions.cac), null],
    [t('compare.new_customers'), (r) => f.count(r.assumptions.new_customers_per_period), null],
    [t('compare.clv'), (r) => clvText(r.value.clv, f, t), (r) => r.difference_from_baseline.clv, (r) => r.value.clv],
    [t('compare.net_clv'), (r) => clvText(r.value.net_clv, f, t), (r) => r.difference_from_baseline.net_clv, (r) => r.value.net_clv],
    [t('card.ratio'), (r) => (r.value.ltv_to_cac === null ? '—' : t('card.ratio_value', { ratio: f.ratio(r.value.ltv_to_cac) })), null],
    [t('card.payback'), (r) => (r.value.payback_period === null ? t('card.never') : f.periods(r.value.payback_period)), null],
    [t('metric.cost_to_keep'), (r) => f.money(r.acquisition_vs_retention.cost_to_keep), null],
    [t('compare.profit', { horizon: f.periods(summary.scenario.horizon_periods) }), (r) => f.money(r.cumulative_discounted_profit),
      (r) => r.difference_from_baseline.cumulative_discounted_profit, (r) => r.cumulative_discounted_profit],
    [t('compare.customers_at_horizon'), (r) => f.count(r.customers_at_horizon), (r) => r.difference_from_baseline.customers_at_horizon,
      (r) => r.customers_at_horizon, true],
  ];
  const head = el('thead');
  const headRow = el('tr');
  headRow.append(el('th', t('table.measure'), 'visually-hidden-text'));
  for (const r of results) headRow.append(el('th', r.name));
  head.append(headRow);
  const body = el('tbody');
  for (const [title, value, difference, absolute, counts] of rows) {
    const row = el('tr');
    row.append(el('th', title));
    results.forEach((r, i) => {
      const cell = el('td', value(r));
      const change = difference ? difference(r) : null;
      if (i > 0 && change !== null && absolute(results[0]) !== null) {
        const baseValue = absolute(results[0]);
        const percent = baseValue !== 0 ? ` (${f.signedPercent((change / Math.abs(baseValue)) * 100)})` : '';
        const text = counts ? f.signedCount(change) : f.signedMoney(change);
        cell.append(el('span', `${text}${percent}`, `diff ${change > 1e-9 ? 'up' : change < -1e-9 ? 'down' : ''}`));
      }
      row.append(cell);
    });
    body.append(row);
  }
  table.replaceChildren(head, body);
}

export function renderTornado(chart, width, table, summary, measure, f, t) {
  const s = summary.sensitivity;
  const base = measure === 'clv' ? s.clv : s.profit;
  const rows = s.rows
    .map((r) => ({
      label: t(`input.${r.input}`),
      low: measure === 'clv' ? r.clv_low : r.profit_low,
      high: measure === 'clv' ? r.clv_high : r.profit_high,
      lowValue: r.low_value,
      highValue: r.high_value,
    }))
    .sort((a, b) => Math.abs(b.high - b.low) - Math.abs(a.high - a.low));
  // An unbounded end has no bar to draw; the table below says so in words.
  const drawable = base === null ? [] : rows.filter((r) => r.low !== null && r.high !== null);
  if (drawable.length === 0) chart.replaceChildren();
  else drawTornado(chart, { width, rows: drawable, base, formatValue: f.moneyShort, lowLabel: t('sensitivity.low'), highLabel: t('sensitivity.high') });

  const head = el('thead');
  const headRow = el('tr');
  for (const key of ['input', 'moved_down', 'result', 'moved_up', 'result']) headRow.append(el('th', t(`sensitivity.${key}`)));
  head.append(headRow);
  const body = el('tbody');
  for (const r of rows) {
    const row = el('tr');
    row.append(el('td', r.label), el('td', f.number(r.lowValue)), el('td', clvText(r.low, f, t)), el('td', f.number(r.highValue)), el('td', clvText(r.high, f, t)));
    body.append(row);
  }
  table.replaceChildren(head, body);
}

// [sum, closed form with constant churn]; the sentence saying when margin arrives is
// "formula.<timing>".
const FORMULAS = {
  start_of_period: ['CLV = Σ_{t≥0} m·S(t) / (1+d)^t', 'm(1+d) / (1+d−r)'],
  end_of_period: ['CLV = Σ_{t≥0} m·S(t) / (1+d)^(t+1)', 'm / (1+d−r)'],
  end_of_period_retained: ['CLV = Σ_{t≥1} m·S(t) / (1+d)^t', 'm·r / (1+d−r)'],
};

export function renderFormula(container, summary, f, t) {
  const s = summary.scenario;
  const v = summary.results[0].value;
  const [sum, closed] = FORMULAS[s.timing];
  const retention = 100 - s.churn_percent;
  const paragraphs = [
    [t(`formula.${s.timing}`)],
    [t('formula.label'), sum, s.clv_basis === 'horizon' ? t('formula.over_horizon', { horizon: f.periods(s.horizon_periods) })
      : s.retention_curve ? t('formula.until_converged') : t('formula.closed_form', { closed })],
    [t('formula.margin'), `${f.money(s.revenue_per_customer)} × ${f.percent(s.gross_margin_percent)} − ${f.money(s.retention_spend_per_customer)} = ${f.money(v.margin_per_period)}`],
    s.retention_curve
      ? [t('formula.curve'), `α = ${f.fixed(s.retention_curve.alpha, 3)}, β = ${f.fixed(s.retention_curve.beta, 3)}; ${t('formula.curve_retention')}`]
      : [t('formula.survival'), f.percent(retention, 4)],
    [t('formula.discount', { period: f.periodWord }), s.period === 'month'
      ? `(1 + ${f.percent(s.annual_discount_rate_percent)})^(1/12) − 1 = ${f.percent(v.discount_rate_per_period * 100, 4)}`
      : f.percent(v.discount_rate_per_period * 100, 4)],
    ['CLV = ', f.money(v.clv)],
    [t('formula.payback_note')],
  ];
  container.replaceChildren(...paragraphs.map((parts) => {
    const p = el('p');
    parts.forEach((part, i) => p.append(i === 1 ? el('code', part) : document.createTextNode(part)));
    return p;
  }));
}
