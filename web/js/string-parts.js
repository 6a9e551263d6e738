// Which of a language's strings the calculator needs at its first paint, and which only the
// analyst panels (planner, cohort curves, transaction logs and their views) use. Translators
// keep one file per language (web/i18n/<code>.json); scripts/build-dist.mjs writes it to dist/ as
// two: <code>.json, read with the page, and <code>-panels.json, read when a panel is about to be
// used (i18n.js loadPanels). tests/web/string-parts.test.mjs checks the rule against the
// scripts, the markup and the core's sources.

// Page strings ("ui") whose key starts with one of these belong to the panels.
export const PANEL_KEY_PREFIXES = ['cohort', 'sub', 'tx', 'wh', 'bgbb', 'plan', 'kind', 'funnel', 'split', 'program', 'range', 'file', 'band'];

// The core's messages the page's own module can produce (wasm/bindings.cpp: evaluating and
// validating a scenario and reading a share link: core/src/calculator and scenario), and the
// terms they name: field labels, types, values, link faults. The module checks a strategy plan
// too (core/src/planner/plan_json.cpp), but a plan comes with the planner, whose strings then
// load (and the page loads them before it shows a plan's fault: app.js): the plan's own codes
// and its fields' labels go with the panels. So does every code of a panel's module (cohorts,
// transaction logs, subscriptions), with the labels of the fields only those modules read.
export const CALCULATOR_TERM_PREFIXES = ['field', 'type', 'value', 'link'];
export const CALCULATOR_MESSAGE_CODES = [
  'out_of_range', 'out_of_range_percent', 'not_positive', 'currency_code', 'churn_reduction_too_large',
  'infinite_lifetime_churn', 'infinite_lifetime_curve', 'too_many_scenarios', 'scenario_name_length',
  'churn_change_both', 'scenario_churn_out_of_range', 'scenario_infinite_lifetime', 'unknown_field', 'not_finite',
  'not_whole_number', 'not_one_of', 'required', 'wrong_type', 'invalid_json', 'not_an_object', 'unsupported_version',
  'churn_and_retention', 'curve_not_object', 'scenarios_not_list', 'scenario_not_object', 'link_damaged',
  'link_other_version', 'name_hidden_characters', 'number_out_of_range',
];
// A fitted curve's covariance comes from the cohort panel (or a link or file made with it): its
// fault, like a plan's, is said once the panels' strings are in (app.js), not at first paint.
export const CURVE_MESSAGE_CODES = ['curve_covariance_invalid'];
export const PLAN_MESSAGE_CODES = [
  'plan_not_object', 'program_not_object', 'too_many_programs', 'program_name_length', 'not_number_or_range',
  'range_order', 'range_field_unknown', 'range_not_low_high', 'range_around_value', 'range_infinite_lifetime',
];
export const PANEL_FIELD_TERMS = [
  // the plan's fields
  'field.plan', 'field.programs', 'field.kind', 'field.program_name', 'field.fixed_cost_per_period',
  'field.cost_per_customer_per_period', 'field.churn_reduction_percent', 'field.revenue_uplift_percent',
  'field.win_back_percent', 'field.ramp_up_periods', 'field.funnel', 'field.spend_per_period', 'field.people_reached',
  'field.awareness_percent', 'field.consideration_percent', 'field.decision_percent', 'field.use_for_cac',
  'field.budget_split', 'field.budget_per_period', 'field.max_new_customers_per_period',
  'field.max_churn_reduction_percent', 'field.half_effect_spend_per_period', 'field.ranges', 'field.draws', 'field.seed',
  // the transaction log's and opportunities' options
  'field.prediction_units', 'field.margin_percent', 'field.inactive_units', 'field.future_opportunities',
  'field.discount_rate_percent', 'field.band_draws', 'field.band_seed',
  // the scenario's analysis settings (the panels' choices; the page loads the panels' strings
  // before it shows one's fault, as for a plan's: app.js)
  'field.analysis', 'field.cohorts', 'field.calibration_periods', 'field.transactions', 'field.time_unit',
  'field.purchase_model', 'field.opportunities',
];

const prefixOf = (key) => key.split('.')[0];

export function isPanelKey(key) {
  return PANEL_KEY_PREFIXES.includes(prefixOf(key));
}

export function isCalculatorMessage(code) {
  if (PANEL_FIELD_TERMS.includes(code)) return false;
  return CALCULATOR_MESSAGE_CODES.includes(code) || (code.includes('.') && CALCULATOR_TERM_PREFIXES.includes(prefixOf(code)));
}

// A language file as two: what the calculator needs (naming the file that holds the rest) and
// the panels' part. Together they hold exactly the file's entries.
export function splitLanguage(code, data) {
  const pick = (entries, keep) => Object.fromEntries(Object.entries(entries ?? {}).filter(([key]) => keep(key)));
  return {
    first: {
      meta: data.meta,
      panels: `${code}-panels.json`,
      ui: pick(data.ui, (key) => !isPanelKey(key)),
      messages: pick(data.messages, isCalculatorMessage),
    },
    panels: {
      ui: pick(data.ui, isPanelKey),
      messages: pick(data.messages, (key) => !isCalculatorMessage(key)),
    },
  };
}
