// The purchase models side by side, as the core compared them: parameters with standard errors,
// log-likelihood, AIC and BIC, the holdout columns when there is a holdout (with the naive
// baseline and the actual purchases), and the core's reason for the best one above the table.
// Shared by the transaction-log panel and the warehouse summary, as are the headline numbers; and
// how every analyst panel shows a fitted model's answer with its band (withBand).
import { el, renderTerms } from './dom.js';

// A fitted model's answer with its P10–P90 over the parameters' uncertainty (the cohort fits, the
// transaction models, BG/BB): the value alone when the core drew no band ({p10, p90}), each end
// written by `format`.
export function withBand(language, text, band, format) {
  return band ? language.t('tx.band', { value: text, low: format(band.p10), high: format(band.p90) }) : text;
}

// `selected`: the model the user picked in the page ("best" when they left the choice to the core).
export function renderModelComparison(table, reason, summary, f, language, selected = 'best') {
  const tr = (key, params) => language.t(key, params);
  const { models, choice, naive, holdout } = summary;
  const chosen = models.find((m) => m.model === choice.chosen);
  const picked = choice.chosen !== choice.best && selected !== 'best' ? ` ${tr('tx.you_chose', { model: chosen.label })}` : '';
  reason.textContent = `${language.message(choice.reason)}${picked}`;
  const head = el('tr');
  for (const key of ['model', 'parameters', 'll', 'aic', 'bic', ...(holdout ? ['holdout', 'error'] : [])]) head.append(el('th', tr(`tx.col_${key}`)));
  const thead = el('thead');
  thead.append(head);
  const body = el('tbody');
  const row = (cells, className) => {
    const line = el('tr', undefined, className);
    cells.forEach((text, i) => {
      const cell = el(i === 0 ? 'th' : 'td', text);
      if (i === 0) cell.scope = 'row';
      line.append(cell);
    });
    body.append(line);
  };
  const parameters = (m) => m.parameter_names.map((name) => {
    const value = m.parameters[name];
    if (!m.estimated[name]) return `${name} ${tr('tx.no_estimate')}`;
    const error = m.standard_errors[name];
    return `${name} ${f.fixed(value, 3)}${error === null ? '' : ` ± ${f.fixed(error, 3)}`}`;
  }).join(', ');
  for (const m of models) {
    const name = m.model === choice.chosen ? tr('tx.used', { model: m.label }) : m.label;
    if (!m.fitted) {
      row([name, tr('tx.not_fitted', { reason: language.message(m.error) })]);
      continue;
    }
    row([name, parameters(m), f.fixed(m.log_likelihood, 1), f.fixed(m.aic, 1), f.fixed(m.bic, 1),
      ...(holdout ? [f.count(m.holdout.expected), f.fixed(m.holdout.mean_absolute_error, 3)] : [])],
    m.model === choice.chosen ? 'chosen' : undefined);
  }
  if (holdout) {
    row([tr('tx.naive'), '', '', '', '', f.count(naive.holdout.expected), f.fixed(naive.holdout.mean_absolute_error, 3)]);
    row([tr('tx.actual_row'), '', '', '', '', f.count(holdout.actual), '']);
  }
  table.replaceChildren(thead, body);
}

// The plain counts before any model (purchase_headline.hpp), each with its definition; a
// summary table has no purchases, so it shows what it has.
export function renderPurchaseHeadline(list, h, unit, f, language) {
  const t = (key, params) => language.t(key, params);
  const missing = t('tx.h_not_in_summary');
  renderTerms(list, [
    [t('tx.customers'), f.count(h.customers)],
    [t('tx.h_repeat'), f.percent(h.repeat_purchase_rate * 100, 1)],
    [t('tx.h_aov'), h.average_order_value === null ? missing : f.money(h.average_order_value)],
    [t('tx.h_frequency'), h.purchases_per_customer === null ? missing : f.fixed(h.purchases_per_customer, 2)],
    [t('tx.h_value'), h.historic_value_per_customer === null ? missing : f.money(h.historic_value_per_customer)],
    [t('tx.h_inactive', { units: t(`tx.units_${unit}`, { n: f.count(h.inactive_units), count: h.inactive_units }) }),
      f.percent(h.inactive_share * 100, 1)],
  ]);
}

// The calculator's fields from the core's calculator_inputs (per the calculator's period), rounded
// as the calculator's inputs show them.
export function calculatorAverages(summary) {
  const inputs = summary.calculator_inputs;
  return { revenue_per_customer: +inputs.revenue_per_customer.toFixed(2), churn_percent: +inputs.churn_percent.toFixed(2) };
}
