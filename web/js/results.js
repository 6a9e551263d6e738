// Renders a core report: headline cards, acquisition-versus-retention figures, projection
// chart and table, scenario comparison, tornado and the formula in use. Text only goes in
// through textContent.
import { el, renderTerms } from './dom.js';
import { drawLineChart, drawTornado, renderLegend, seriesColour } from './charts.js';

const INPUT_LABELS = {
  revenue_per_customer: 'Revenue',
  gross_margin_percent: 'Gross margin',
  churn_percent: 'Churn',
  annual_discount_rate_percent: 'Discount rate',
  cac: 'CAC',
  retention_spend_per_customer: 'Retention spend',
  starting_customers: 'Customers today',
  new_customers_per_period: 'New customers',
};

const PROJECTION_COLUMNS = [
  ['active_customers', 'Customers', 'count'],
  ['new_customers', 'New', 'count'],
  ['churned', 'Churned', 'count'],
  ['from_starting_base', 'From today’s base', 'count'],
  ['revenue', 'Revenue', 'money'],
  ['gross_profit', 'Gross profit', 'money'],
  ['acquisition_cost', 'Acquisition cost', 'money'],
  ['retention_cost', 'Retention cost', 'money'],
  ['profit', 'Profit', 'money'],
  ['cumulative_discounted_profit', 'Cumulative discounted profit', 'money'],
];

function setOut(root, name, text) {
  root.querySelector(`[data-out="${name}"]`).textContent = text;
}

export function renderCards(root, summary, f) {
  const base = summary.results[0];
  const v = base.value;
  const scenario = summary.scenario;
  const horizonText = f.periods(scenario.horizon_periods);
  root.querySelector('#card-clv-title').textContent =
    scenario.clv_basis === 'horizon' ? `Customer lifetime value (${horizonText})` : 'Customer lifetime value';
  setOut(root, 'clv', f.money(v.clv));
  setOut(root, 'mini-clv', f.money(v.clv));
  setOut(root, 'clv-sub', `Net of CAC ${f.money(v.net_clv)} · expected lifetime ${f.periods(v.expected_lifetime_periods)}`);

  const target = summary.targets.churn_for_target_ltv_to_cac;
  setOut(root, 'ltv-cac', v.ltv_to_cac === null ? '—' : `${f.ratio(v.ltv_to_cac)} : 1`);
  setOut(root, 'mini-ltv-cac', v.ltv_to_cac === null ? '—' : `${f.ratio(v.ltv_to_cac)} : 1`);
  setOut(root, 'ltv-cac-sub', v.ltv_to_cac === null ? 'No CAC entered, so no ratio.'
    : scenario.retention_curve ? `Target ${f.ratio(summary.targets.ltv_to_cac)} : 1; churn follows your fitted curve.`
    : target.churn_percent === null ? `${f.ratio(summary.targets.ltv_to_cac)} : 1 is out of reach even with no churn.`
    : `${f.ratio(summary.targets.ltv_to_cac)} : 1 needs churn at or below ${f.percent(target.churn_percent)}.`);

  const discounted = scenario.payback_discounted ? 'discounted' : 'undiscounted';
  setOut(root, 'mini-payback', v.payback_period === null ? 'never' : f.periods(v.payback_period));
  if (v.payback_period === null) {
    setOut(root, 'payback', 'Never');
    setOut(root, 'payback-sub', `The margin does not repay CAC within ${f.periods(v.payback_search_periods)}.`);
  } else {
    setOut(root, 'payback', f.periods(v.payback_period));
    setOut(root, 'payback-sub', `Survival-weighted margin, ${discounted}.`);
  }

  const a = base.acquisition_vs_retention;
  if (a.acquire_to_keep_ratio === null) {
    setOut(root, 'ratio', '—');
    setOut(root, 'ratio-sub', a.cost_to_keep === 0 ? 'Keeping customers costs nothing here.'
      : 'Enter the churn points your retention spend saves to compare.');
  } else {
    setOut(root, 'ratio', `${f.ratio(a.acquire_to_keep_ratio)}×`);
    setOut(root, 'ratio-sub', `Acquiring one costs ${f.money(a.cost_to_acquire)}; keeping one costs ${f.money(a.cost_to_keep)}.`);
  }
}

export function renderAcquisitionMetrics(list, summary, f) {
  const base = summary.results[0];
  const a = base.acquisition_vs_retention;
  const s = summary.scenario;
  const assumed = s.churn_reduction_from_retention_spend_points;
  const breakEven = a.break_even_churn_reduction_points;
  const rows = [
    ['Cost to acquire one customer (CAC)', f.money(a.cost_to_acquire)],
    ['Cost to keep one customer', a.cost_to_keep === null ? '—'
      : `${f.money(a.cost_to_keep)} (${f.money(s.retention_spend_per_customer)} ÷ ${f.number(assumed)} points)`],
    [`Acquisition spend 1 point less churn saves per ${f.periodWord}`, f.money(a.acquisition_spend_saved_per_churn_point)],
    ['Churn cut the retention spend needs to pay for itself', breakEven === null ? 'None is enough'
      : `${f.number(breakEven)} points (you assume ${f.number(assumed)}: ${assumed >= breakEven ? 'it pays' : 'it does not pay'})`],
    ['CLV if retention were 5 points higher', a.clv_after_5_point_retention_increase === null ? 'Unbounded'
      : `${f.money(a.clv_after_5_point_retention_increase)} (${f.signedPercent(a.clv_change_percent_after_5_points)})`],
    [`Profit over ${f.periods(s.horizon_periods)} with retention 5 points higher`,
      `${f.money(a.profit_after_5_point_retention_increase)} (${f.signedPercent(a.profit_change_percent_after_5_points)})`],
    [`CLV over the ${f.periods(s.horizon_periods)} horizon`, f.money(base.value.clv_horizon)],
    ['CLV over the whole lifetime', base.value.clv_lifetime === null ? 'Unbounded' : f.money(base.value.clv_lifetime)],
  ];
  const targetClv = summary.targets.churn_for_target_clv;
  if (targetClv && !s.retention_curve) {
    rows.push([`Churn for a CLV of ${f.money(targetClv.target_clv)}`,
      targetClv.churn_percent === null ? 'Out of reach even with no churn' : `at most ${f.percent(targetClv.churn_percent)}`]);
  }
  renderTerms(list, rows);
}

export function renderProjection(chart, width, legend, summary, projections, metric, f) {
  const column = PROJECTION_COLUMNS.find(([key]) => key === metric);
  const series = summary.results.map((r, i) => ({ name: r.name, colour: seriesColour(i), values: projections[i][metric] }));
  drawLineChart(chart, {
    width,
    series,
    formatTick: column[2] === 'money' ? f.moneyShort : f.countShort,
    xTitle: `${f.periodWord[0].toUpperCase()}${f.periodWord.slice(1)}`,
  });
  renderLegend(legend, series);
}

export function renderProjectionTable(table, summary, projections, f) {
  const head = el('thead');
  const headRow = el('tr');
  headRow.append(el('th', 'Scenario'), el('th', f.periodWord[0].toUpperCase() + f.periodWord.slice(1)));
  for (const [, title] of PROJECTION_COLUMNS) headRow.append(el('th', title));
  head.append(headRow);
  const body = el('tbody');
  summary.results.forEach((result, i) => {
    const columns = projections[i];
    for (let k = 0; k < columns.active_customers.length; k++) {
      const row = el('tr');
      row.append(el('td', result.name), el('td', String(k + 1)));
      for (const [key, , kind] of PROJECTION_COLUMNS) row.append(el('td', kind === 'money' ? f.money(columns[key][k]) : f.count(columns[key][k])));
      body.append(row);
    }
  });
  table.replaceChildren(head, body);
}

export function renderScenarioTable(table, summary, f) {
  const results = summary.results;
  const rows = [
    [summary.scenario.retention_curve ? 'Churn % (first period)' : 'Churn %', (r) => f.percent(r.assumptions.churn_percent), null],
    ['Revenue per customer', (r) => f.money(r.assumptions.revenue_per_customer), null],
    ['Retention spend', (r) => f.money(r.assumptions.retention_spend_per_customer), null],
    ['CAC', (r) => f.money(r.assumptions.cac), null],
    ['New customers per period', (r) => f.count(r.assumptions.new_customers_per_period), null],
    ['CLV', (r) => f.money(r.value.clv), (r) => r.difference_from_baseline.clv, (r) => r.value.clv],
    ['Net CLV', (r) => f.money(r.value.net_clv), (r) => r.difference_from_baseline.net_clv, (r) => r.value.net_clv],
    ['LTV : CAC', (r) => (r.value.ltv_to_cac === null ? '—' : `${f.ratio(r.value.ltv_to_cac)} : 1`), null],
    ['CAC payback', (r) => (r.value.payback_period === null ? 'Never' : f.periods(r.value.payback_period)), null],
    ['Cost to keep one customer', (r) => f.money(r.acquisition_vs_retention.cost_to_keep), null],
    [`Cumulative discounted profit (${f.periods(summary.scenario.horizon_periods)})`, (r) => f.money(r.cumulative_discounted_profit),
      (r) => r.difference_from_baseline.cumulative_discounted_profit, (r) => r.cumulative_discounted_profit],
    ['Customers at the horizon', (r) => f.count(r.customers_at_horizon), (r) => r.difference_from_baseline.customers_at_horizon, (r) => r.customers_at_horizon],
  ];
  const head = el('thead');
  const headRow = el('tr');
  headRow.append(el('th', 'Measure', 'visually-hidden-text'));
  for (const r of results) headRow.append(el('th', r.name));
  head.append(headRow);
  const body = el('tbody');
  for (const [title, value, difference, absolute] of rows) {
    const row = el('tr');
    row.append(el('th', title));
    results.forEach((r, i) => {
      const cell = el('td', value(r));
      if (i > 0 && difference) {
        const change = difference(r);
        const baseValue = absolute(results[0]);
        const percent = baseValue !== 0 ? ` (${f.signedPercent((change / Math.abs(baseValue)) * 100)})` : '';
        const text = title.startsWith('Customers') ? `${change > 0 ? '+' : ''}${f.count(change)}` : f.signedMoney(change);
        cell.append(el('span', `${text}${percent}`, `diff ${change > 1e-9 ? 'up' : change < -1e-9 ? 'down' : ''}`));
      }
      row.append(cell);
    });
    body.append(row);
  }
  table.replaceChildren(head, body);
}

export function renderTornado(chart, width, table, summary, measure, f) {
  const s = summary.sensitivity;
  const base = measure === 'clv' ? s.clv : s.profit;
  const rows = s.rows
    .map((r) => ({
      label: INPUT_LABELS[r.input] ?? r.input,
      low: measure === 'clv' ? r.clv_low : r.profit_low,
      high: measure === 'clv' ? r.clv_high : r.profit_high,
      lowValue: r.low_value,
      highValue: r.high_value,
    }))
    .sort((a, b) => Math.abs(b.high - b.low) - Math.abs(a.high - a.low));
  drawTornado(chart, { width, rows, base, formatValue: f.moneyShort, lowLabel: 'input −10%', highLabel: 'input +10%' });

  const head = el('thead');
  const headRow = el('tr');
  for (const title of ['Input', 'Moved to (−10%)', 'Result', 'Moved to (+10%)', 'Result']) headRow.append(el('th', title));
  head.append(headRow);
  const body = el('tbody');
  for (const r of rows) {
    const row = el('tr');
    row.append(el('td', r.label), el('td', f.number(r.lowValue)), el('td', f.money(r.low)), el('td', f.number(r.highValue)), el('td', f.money(r.high)));
    body.append(row);
  }
  table.replaceChildren(head, body);
}

const FORMULAS = {
  start_of_period: ['CLV = Σ_{t≥0} m·S(t) / (1+d)^t', 'm(1+d) / (1+d−r)',
    'Margin arrives at the start of each period, the first on sign-up.'],
  end_of_period: ['CLV = Σ_{t≥0} m·S(t) / (1+d)^(t+1)', 'm / (1+d−r)',
    'Margin arrives at the end of each period from everyone who started it.'],
  end_of_period_retained: ['CLV = Σ_{t≥1} m·S(t) / (1+d)^t', 'm·r / (1+d−r)',
    'Margin arrives at the end of each period, only from customers still there (Gupta & Lehmann).'],
};

export function renderFormula(container, summary, f) {
  const s = summary.scenario;
  const v = summary.results[0].value;
  const [sum, closed, meaning] = FORMULAS[s.timing];
  const retention = 100 - s.churn_percent;
  const paragraphs = [
    [meaning],
    ['Formula: ', sum, s.clv_basis === 'horizon' ? ` summed over the first ${f.periods(s.horizon_periods)}`
      : s.retention_curve ? ', summed until the remaining terms cannot change it' : `, which with constant churn is ${closed}`],
    ['m = revenue × gross margin − retention spend = ', `${f.money(s.revenue_per_customer)} × ${f.percent(s.gross_margin_percent)} − ${f.money(s.retention_spend_per_customer)} = ${f.money(v.margin_per_period)}`],
    s.retention_curve
      ? ['S(t) = B(α, β+t) / B(α, β), the shifted-beta-geometric curve fitted to your cohorts: ',
        `α = ${s.retention_curve.alpha.toFixed(3)}, β = ${s.retention_curve.beta.toFixed(3)}; retention in period t is (β+t−1)/(α+β+t−1)`]
      : ['S(t) = r^t with retention r = 1 − churn = ', f.percent(retention, 4)],
    [`d per ${f.periodWord} = `, s.period === 'month'
      ? `(1 + ${f.percent(s.annual_discount_rate_percent)})^(1/12) − 1 = ${f.percent(v.discount_rate_per_period * 100, 4)}`
      : f.percent(v.discount_rate_per_period * 100, 4)],
    ['CLV = ', f.money(v.clv)],
    ['CAC payback is the first period in which the cumulative survival-weighted margin reaches CAC. The often-quoted “acquiring costs five times more than keeping” is folklore; the ratio above is yours.'],
  ];
  container.replaceChildren(...paragraphs.map((parts) => {
    const p = el('p');
    parts.forEach((part, i) => p.append(i === 1 ? el('code', part) : document.createTextNode(part)));
    return p;
  }));
}
