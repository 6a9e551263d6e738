// Embind bindings of the cohort module, loaded by the cohort panel's worker: a table of the
// core's largest size (500 cohorts x 1,000 periods, a 2 MB text) is parsed and fitted off the
// page's thread, and the page's own module does not carry the fit. Errors come back as values.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <string>

#include "js_values.hpp"
#include "retention/cohorts/clv_band.hpp"
#include "retention/cohorts/cohort_analysis.hpp"
#include "retention/scenario/scenario_json.hpp"

namespace {

using emscripten::val;
using retention::wasm::error_result;
using retention::wasm::float64_array;
using retention::wasm::json_text;
using retention::wasm::ok_result;
using retention::wasm::option;
using retention::wasm::parse_json;

// calibration_periods: 0 (every period) when left out; anything but a whole number is -1, which
// the core refuses with the allowed range.
int calibration_periods_of(const val& options) {
  val value = option(options, "calibration_periods");
  if (value.isUndefined()) return 0;
  const double periods = value.isNumber() ? value.as<double>() : -1;
  return periods >= 0 && periods <= 1e6 && std::floor(periods) == periods ? static_cast<int>(periods) : -1;
}

// {table, layout, calibration_periods, scenario} -> {ok: true, summary: {...}, series: {name:
// Float64Array}} for a pasted survivor table (text), valued with the calculator's scenario (an
// object or its JSON text; its analysis settings give the bands' draws and seed); layout is "columns" (the default) or "rows"; calibration_periods 0
// (the default) fits every period.
val analyse_cohorts(const val& options) {
  const auto cohort_layout = retention::wasm::text_option(options, "layout") == "rows"
                                 ? retention::CohortLayout::cohorts_in_rows
                                 : retention::CohortLayout::cohorts_in_columns;
  auto analysis = retention::analyse_cohort_text(retention::wasm::text_option(options, "table"), cohort_layout,
                                                 calibration_periods_of(options), json_text(option(options, "scenario")));
  if (!analysis.ok()) return error_result(analysis.errors());
  const retention::CohortSeries& s = analysis.value().series;
  val series = val::object();
  series.set("observed_survival", float64_array(s.observed_survival));
  series.set("fitted_survival", float64_array(s.fitted_survival));
  series.set("geometric_survival", float64_array(s.geometric_survival));
  series.set("observed_retention", float64_array(s.observed_retention));
  series.set("fitted_retention", float64_array(s.fitted_retention));
  series.set("geometric_retention", float64_array(s.geometric_retention));
  series.set("bdw_survival", float64_array(s.bdw_survival));  // empty when the BdW was not fitted
  series.set("bdw_retention", float64_array(s.bdw_retention));
  series.set("holdout_bdw", float64_array(s.holdout_bdw));
  series.set("holdout_period", float64_array(s.holdout_period));
  series.set("holdout_actual", float64_array(s.holdout_actual));
  series.set("holdout_sbg", float64_array(s.holdout_sbg));
  series.set("holdout_geometric", float64_array(s.holdout_geometric));
  val out = ok_result();
  out.set("summary", parse_json(retention::cohort_analysis_to_json(analysis.value())));
  out.set("series", series);
  return out;
}

// {scenario} -> {ok: true, band: {draws, unbounded_draws, seed, clv: {p10, p50, p90} or null}}
// for the baseline of a scenario whose fitted curve carries its covariance: the page's headline
// CLV for curves drawn from the fit (seed 1, 200 draws), asked for after the page shows it. Here,
// not in the page's module, so the first visit does not carry it.
val clv_band(const val& options) {
  auto document = retention::parse_scenario_document(json_text(option(options, "scenario")));
  if (!document.ok()) return error_result(document.errors());
  const retention::ScenarioDocument& d = document.value();
  if (!d.retention_curve || !d.retention_curve_uncertainty)
    return error_result({retention::field_error("retention_curve.log_covariance", "curve_covariance_invalid")});
  val out = ok_result();
  out.set("band", parse_json(retention::clv_band_to_json(
                      retention::clv_band(retention::baseline_assumptions(d), *d.retention_curve_uncertainty))));
  return out;
}

}  // namespace

EMSCRIPTEN_BINDINGS(retention_cohorts) {
  emscripten::function("analyseCohorts", &analyse_cohorts);
  emscripten::function("clvBand", &clv_band);
  emscripten::function("heapInUse", &retention::wasm::heap_in_use);
}
