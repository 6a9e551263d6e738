// Embind bindings only: each entry point is one plain function that turns JS values into
// core calls and back. Errors come back as values ({ok: false, errors}), never as throws.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>

#include "retention/evaluate.hpp"
#include "retention/report_json.hpp"
#include "retention/scenario.hpp"
#include "retention/scenario_json.hpp"

namespace {

using emscripten::val;

val parse_json(const nlohmann::json& value) {
  return val::global("JSON").call<val>("parse", retention::to_json_text(value));
}

val error_result(const retention::FieldErrors& errors) {
  val out = val::object();
  out.set("ok", false);
  out.set("errors", parse_json(retention::errors_to_json(errors)));
  return out;
}

// A copy of a column as a Float64Array (the wasm heap may move when it grows).
val float64_array(const std::vector<double>& column) {
  return val::global("Float64Array").new_(emscripten::typed_memory_view(column.size(), column.data()));
}

val projection_to_js(const retention::Projection& projection) {
  val columns = val::object();
  const auto& names = retention::projection_column_names();
  const auto data = retention::projection_columns(projection);
  for (std::size_t i = 0; i < names.size(); ++i) columns.set(names[i], float64_array(*data[i]));
  return columns;
}

// {ok: true, summary: {...}, projections: [{name, columns: {name: Float64Array}}]}
val evaluate(const std::string& scenario_json) {
  retention::Result<retention::Report> report = retention::evaluate_json(scenario_json);
  if (!report.ok()) return error_result(report.errors());
  const retention::Report& r = report.value();
  val projections = val::array();
  projections.call<void>("push", projection_to_js(r.baseline.projection));
  for (const auto& scenario : r.scenarios) projections.call<void>("push", projection_to_js(scenario.projection));
  val out = val::object();
  out.set("ok", true);
  out.set("summary", parse_json(retention::report_summary_to_json(r)));
  out.set("projections", projections);
  return out;
}

// {ok: true, csv: "..."} for download, or the errors.
val projection_csv(const std::string& scenario_json) {
  retention::Result<retention::Report> report = retention::evaluate_json(scenario_json);
  if (!report.ok()) return error_result(report.errors());
  val out = val::object();
  out.set("ok", true);
  out.set("csv", retention::projection_csv(report.value()));
  return out;
}

// The starting scenario: the page's first inputs come from the core, not from JS.
val default_scenario() {
  return parse_json(retention::scenario_document_to_json(retention::example_scenario_document()));
}

val limits() {
  val out = val::object();
  out.set("scenarioVersion", retention::ScenarioDocument::current_version);
  out.set("maxHorizonPeriods", retention::max_horizon_periods);
  out.set("maxScenarios", static_cast<int>(retention::max_scenarios));
  out.set("maxScenarioNameLength", static_cast<int>(retention::max_scenario_name_length));
  return out;
}

}  // namespace

EMSCRIPTEN_BINDINGS(retention_calculator) {
  emscripten::function("evaluate", &evaluate);
  emscripten::function("projectionCsv", &projection_csv);
  emscripten::function("defaultScenario", &default_scenario);
  emscripten::function("limits", &limits);
}
