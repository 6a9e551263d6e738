// Which of a language's strings the calculator needs at its first paint, and which only the
// analyst panels (planner, cohort curves, transaction logs and their views) use. Translators
// keep one file per language (web/i18n/<code>.json); scripts/build-dist.mjs writes it to dist/ as
// two: <code>.json, read with the page, and <code>-panels.json, read when a panel is about to be
// used (i18n.js loadPanels). tests/web/string-parts.test.mjs checks the rule against the
// scripts, the markup and the core's sources.

// Page strings ("ui") whose key starts with one of these belong to the panels.
export const PANEL_KEY_PREFIXES = ['cohort', 'sub', 'tx', 'wh', 'bgbb', 'plan', 'kind', 'funnel', 'split', 'program', 'range', 'file'];

// The core's messages the page's own module can produce (wasm/bindings.cpp: evaluating and
// validating a scenario, plan included, and reading a share link: core/src/calculator,
// scenario and planner), and the terms they name: field labels, types, values, link faults.
// Every other code comes from a panel's module (cohorts, transaction logs, subscriptions), as
// do the labels of the fields only those modules read.
export const CALCULATOR_TERM_PREFIXES = ['field', 'type', 'value', 'link'];
export const PANEL_FIELD_TERMS = [
  'field.prediction_units', 'field.margin_percent', 'field.inactive_units', 'field.future_opportunities',
  'field.discount_rate_percent', 'field.band_draws', 'field.band_seed',
];
export const CALCULATOR_MESSAGE_CODES = [
  'out_of_range', 'out_of_range_percent', 'not_positive', 'currency_code', 'churn_reduction_too_large',
  'infinite_lifetime_churn', 'infinite_lifetime_curve', 'too_many_scenarios', 'scenario_name_length',
  'churn_change_both', 'scenario_churn_out_of_range', 'scenario_infinite_lifetime', 'unknown_field', 'not_finite',
  'not_whole_number', 'not_one_of', 'required', 'wrong_type', 'invalid_json', 'not_an_object', 'unsupported_version',
  'churn_and_retention', 'curve_not_object', 'scenarios_not_list', 'scenario_not_object', 'link_damaged',
  'link_other_version', 'name_hidden_characters', 'number_out_of_range', 'plan_not_object', 'program_not_object',
  'too_many_programs', 'program_name_length', 'not_number_or_range', 'range_order', 'range_field_unknown',
  'range_not_low_high', 'range_around_value', 'range_infinite_lifetime',
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
